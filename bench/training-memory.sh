#!/usr/bin/env bash
# The embedding trainer's own memory at MovieLens latest-small's shape, outside the silo (bench/ContentGrains.Bench.TrainingMemory):
# the synthetic data of bench/latest-small.sh (ratings as positives, random 384-d text vectors), the live options, and the
# process's RSS, anonymous memory and the GC's committed bytes sampled every 50 ms during the fit; native = anonymous − GC
# committed; the managed bytes the fit allocated (its thread) and the collections meanwhile. Also a checksum of the learned
# weights: a change meant to leave training as it was shows the same one.
# glibc's malloc settings to compare go in the environment (MALLOC_MMAP_THRESHOLD_=…) and are recorded.
#   bench/training-memory.sh LABEL [EPOCHS]   → bench/results/training-memory-LABEL.json (EPOCHS: 10 by default; live: 80)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
LABEL=${1:?a label for the result file}; EPOCHS=${2:-10}
DATA=${LATEST_SMALL_DATA:-/tmp/contentgrains-latest-small-shape}
OUT=bench/results/training-memory-$LABEL.json
commit=$(bench_commit); load_start=$(load_average)
bench_build src/ContentGrains.Cli bench/ContentGrains.Bench.TrainingMemory
[ -s "$DATA/sim.inter" ] || dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll simulate bulk --users 610 --items 9724 --events 100836 --out "$DATA" --format recbole
fit=$(dotnet bench/ContentGrains.Bench.TrainingMemory/bin/Release/net10.0/ContentGrains.Bench.TrainingMemory.dll "$DATA" "$EPOCHS")
python3 - "$OUT" "$commit" "$LABEL" "$load_start" "$(load_average)" "$fit" <<'PY'
import json, os, sys
out, commit, label, load_start, load_end, fit = sys.argv[1:]
report = {"benchmark": "the embedding trainer's memory at latest-small's shape, outside the silo (MiB; GC committed in MiB too)",
          "commit": commit, "label": label,
          "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; memory does not depend on the load, times do",
          **json.loads(fit)}
json.dump(report, open(out, "w"), indent=2)
print(json.dumps({"label": label, **report["mib"], "cpuSeconds": report["cpuSeconds"], "managedAllocatedMegabytes": report["managedAllocatedMegabytes"], "weightsChecksum": report["weightsChecksum"]}))
PY
