#!/usr/bin/env bash
# Headline bandit on the simulator (issue 8, item 8 and the target "Headline bandit on the simulator"):
# `contentgrains bandit simulate`, offline, no engine needed. 200 seeded runs of one horizon (40,000 impressions of an
# item with 3 headline variants, base CTR 4%, the last variant planted +25%): cumulative expected regret of Thompson
# sampling with a 5% minimum share per variant and the engine's winner rule (P(best) >= 0.95, >= 1,000 impressions per
# variant; feeds pick from a posterior copy refreshed every 100 impressions) against an equal-split A/B test of the same
# horizon, and the share of runs whose declared winner is the planted variant.
# Targets: regret ratio <= 1/3, right winner >= 95%. Writes bench/results/bandits.json with the commit and the load.
# About 5-8 minutes on 2 loaded cores. Override with BANDITS_ARGS, e.g. BANDITS_ARGS="--runs 50 --lift 0.1".
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
commit=$(bench_commit)
bench_build src/ContentGrains.Cli
out=bench/results/bandits.json
# shellcheck disable=SC2086
dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll bandit simulate \
  --runs 200 --horizon 40000 --variants 3 --base-ctr 0.04 --lift 0.25 --min-share 0.05 --win-probability 0.95 \
  --min-impressions 1000 --refresh-every 100 --seed 1 --parallel 2 ${BANDITS_ARGS:-} --out "$out" > /dev/null
python3 - "$out" "$commit" <<'PY'
import datetime, json, os, sys
path, commit = sys.argv[1], sys.argv[2]
report = json.load(open(path))
s = report["summary"]
report = {"commit": commit, "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
          "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared with other builds)",
          "targets": {"regretRatioAtMost": 1/3, "rightWinnerShareAtLeast": 0.95,
                      "met": s["regretRatio"] <= 1/3 and s["rightWinnerShare"] >= 0.95}, **report}
json.dump(report, open(path, "w"), indent=2)
PY
echo "wrote $out"
