#!/usr/bin/env bash
# Memory per user grain (issue 9: an idle user grain within 4 KB; issue 7's silo memory after an import). Activates
# $GRAIN_MEMORY_PEOPLE user grains (default 5,000) on one in-process silo with the real grains and the SQLite store, each
# fed the rated events of one MovieLens-100k person (cycling through the 943; items put in the catalog first, as an
# import does), and measures the GC heap after full collections: with the grains active (events unsaved, snapshot timer
# armed), idle (snapshot written, no timer) and after Orleans collected them; plus the profiles alone, built without
# Orleans. Twice: with each person's every event (106 on average) and with their last 10 (a light user).
# Writes bench/results/grain-memory.json with the commit and the load average. Needs /work/shared/data/ml-100k (or $ML100K).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
DATA=${ML100K:-../shared/data/ml-100k}
[ -d "$DATA" ] || DATA=/work/shared/data/ml-100k
PEOPLE=${GRAIN_MEMORY_PEOPLE:-5000}
commit=$(bench_commit)
bench_build bench/ContentGrains.Bench.GrainMemory
BENCH="dotnet bench/ContentGrains.Bench.GrainMemory/bin/Release/net10.0/ContentGrains.Bench.GrainMemory.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$BENCH --data "$DATA" --people "$PEOPLE" --commit "$commit" --out "$work/all.json"
$BENCH --data "$DATA" --people "$PEOPLE" --last 10 --commit "$commit" --out "$work/last10.json"
python3 - "$work" bench/results/grain-memory.json "$commit" <<'PY'
import json, sys
work, out, commit = sys.argv[1:]
runs = [json.load(open(f"{work}/{name}.json")) for name in ("all", "last10")]
json.dump({"benchmark": runs[0]["benchmark"], "commit": commit, "target": runs[0]["target"], "runs": runs}, open(out, "w"), indent=2)
for r in runs:
    print(r["history"], "| profile alone", r["bytesPerProfileAlone"], "| active", r["bytesPerActiveGrain"], "| idle", r["bytesPerIdleGrain"])
PY
