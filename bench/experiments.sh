#!/usr/bin/env bash
# Experiments on the simulator (issue 8, item 7): `contentgrains experiment simulate`, offline, no engine needed.
#   A/A: 4 simulated worlds (2,000 people, 200 items, 7 pre-period days, 14 experiment days), each split by 250 salts:
#        1,000 A/A tests peeked at after every day. False-positive rate of the sequential test (always-valid interval,
#        target <= 0.05), and of the fixed-horizon test peeked daily (rising day by day) and looked at once at the end.
#   Lift: 4 worlds of 12,000 people where the treatment arm's appeal is planted 5% higher; the persons exposed when the
#        sequential test first detected it, without and with CUPED (pre-period clicks as the covariate).
#   Ingested (issue 8, item 7): the planted lift through a running engine, no outcome posted: `contentgrains experiment
#        ingested` assigns a cohort of people per look, ingests their clicks as events (before exposure: the CUPED
#        covariate; after: the outcome, base rate x (1 + lift) in arm B) and reads the results after each look; the
#        persons exposed when the sequential test first ships. INGESTED_ARGS changes it (default: 500 people per look,
#        at most 12 looks, lift 0.1); EXPERIMENTS_INGESTED_ONLY=1 skips the offline part; EXPERIMENTS_INGESTED=0 skips this.
#        The experiment also measures CTR as a ratio metric; each look reads the results incrementally (only the events
#        since the last read, as a dashboard would) and then with ?pass=full (the whole log), timing both and checking
#        that they answer the same comparisons (looks[].passes).
#   Ratio (issue 8, item 7): `contentgrains experiment ratio`, offline: CTR = clicks / impressions with the delta method on
#        generated people (own click rate and activity level): the A/A false-positive rate (delta method fixed, sequential,
#        CUPED; and the naive binomial test) and the power against a planted CTR lift. RATIO_ARGS changes the sizes
#        (default: 1,000 A/A tests and 200 lift trials of 2,000 persons, lift 0.1); EXPERIMENTS_RATIO=0 skips it.
# EXPERIMENTS_OUT names the result file (default bench/results/experiments.json); ENGINE_ARGS passes settings to the
# engine, e.g. ENGINE_ARGS="--ContentGrains:Engine:ExperimentLateCommitSequences=0" (SQLite commits in order: no re-read window).
# Writes bench/results/experiments.json with the commit and the machine's load. About 8-10 minutes on 2 loaded cores.
# Override the sizes with EXPERIMENTS_ARGS, e.g. EXPERIMENTS_ARGS="--worlds 10 --salts 100 --users 4000".
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
commit=$(bench_commit)
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll
out=${EXPERIMENTS_OUT:-bench/results/experiments.json}
if [ "${EXPERIMENTS_INGESTED_ONLY:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  dotnet "$cli" experiment simulate \
    --worlds 4 --salts 250 --users 2000 --items 200 --pre-days 7 --days 14 \
    --lift 0.05 --lift-trials 4 --lift-users 12000 --seed 1 --parallel 2 ${EXPERIMENTS_ARGS:-} --out "$out" > /dev/null
fi
ratio=""
if [ "${EXPERIMENTS_RATIO:-1}" != 0 ]; then
  ratio=$(mktemp /tmp/cg-ratio-XXXXXX.json)
  # shellcheck disable=SC2086
  dotnet "$cli" experiment ratio --aa-tests 1000 --lift-trials 200 --persons 2000 --lift 0.1 --seed 1 ${RATIO_ARGS:-} --out "$ratio" > /dev/null
fi
ingested=""
if [ "${EXPERIMENTS_INGESTED:-1}" != 0 ]; then
  bench_build src/ContentGrains.Silo
  ingested=$(mktemp /tmp/cg-ingested-XXXXXX.json)
  # shellcheck disable=SC2086
  engine_start ${ENGINE_ARGS:-}
  trap engine_stop EXIT
  # shellcheck disable=SC2086
  dotnet "$cli" experiment ingested --url "$ENGINE_URL" --people 500 --looks 12 --lift 0.1 --seed 1 ${INGESTED_ARGS:-} --out "$ingested" > /dev/null
  engine_stop
  trap - EXIT
fi
python3 - "$out" "$commit" "$ingested" "${EXPERIMENTS_INGESTED_ONLY:-0}" "$ratio" <<'PY'
import datetime, json, os, sys
path, commit, ingested, ingested_only, ratio = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5]
report = json.load(open(path)) if os.path.exists(path) else {}
def stamp():
    return {"commit": commit, "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared with other builds)"}
if not ingested_only:  # the offline part ran now: the top-level stamps are its own
    report = {**stamp(), **{k: v for k, v in report.items() if k not in ("commit", "ranAt", "machine")}}
if ingested: report["ingested"] = {**stamp(), **json.load(open(ingested))}
if ratio: report["ratio"] = {**stamp(), **json.load(open(ratio))}
json.dump(report, open(path, "w"), indent=2)
PY
echo "wrote $out"
