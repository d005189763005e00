#!/usr/bin/env bash
# Experiments on the simulator (issue 8, item 7): `contentgrains experiment simulate`, offline, no engine needed.
#   A/A: 4 simulated worlds (2,000 people, 200 items, 7 pre-period days, 14 experiment days), each split by 250 salts:
#        1,000 A/A tests peeked at after every day. False-positive rate of the sequential test (always-valid interval,
#        target <= 0.05), and of the fixed-horizon test peeked daily (rising day by day) and looked at once at the end.
#   Lift: 4 worlds of 12,000 people where the treatment arm's appeal is planted 5% higher; the persons exposed when the
#        sequential test first detected it, without and with CUPED (pre-period clicks as the covariate).
# Writes bench/results/experiments.json with the commit and the machine's load. About 8-10 minutes on 2 loaded cores.
# Override the sizes with EXPERIMENTS_ARGS, e.g. EXPERIMENTS_ARGS="--worlds 10 --salts 100 --users 4000".
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
commit=$(bench_commit)
dotnet build src/ContentGrains.Cli -c Release -nologo -v quiet
out=bench/results/experiments.json
# shellcheck disable=SC2086
dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll experiment simulate \
  --worlds 4 --salts 250 --users 2000 --items 200 --pre-days 7 --days 14 \
  --lift 0.05 --lift-trials 4 --lift-users 12000 --seed 1 --parallel 2 ${EXPERIMENTS_ARGS:-} --out "$out" > /dev/null
python3 - "$out" "$commit" <<'PY'
import datetime, json, os, sys
path, commit = sys.argv[1], sys.argv[2]
report = json.load(open(path))
report = {"commit": commit, "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
          "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared with other builds)", **report}
json.dump(report, open(path, "w"), indent=2)
PY
echo "wrote $out"
