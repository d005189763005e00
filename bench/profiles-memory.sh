#!/usr/bin/env bash
# Profiles across a two-silo cluster (issue 9 Targets: 1,000,000 people's profiles on two silos within 8 GB): a PostgreSQL
# server of the bench's own, two silos on it, MovieLens-100k's 1,682 items imported, then two groups of new people over
# HTTP (events round-robin over both silos' APIs; Orleans places each person's grain on either silo), after a warm-up
# group of $PROFILES_WARMUP people (default 5,000, 10 views each; not counted: the first events' JIT, caches and pools):
#   light: $PROFILES_LIGHT people (default 100,000) of 10 views each;
#   heavy: $PROFILES_HEAVY people (default 5,000) of 106 views each (ml-100k's mean history), after the light ones (0: none).
# Each group is ContentGrains.Bench.Load's memory command (GrainMemoryPhase): every silo's GC heap after an induced full
# collection, and its RSS, before, with the group active, and idle (snapshots written: the silos snapshot every 30 s,
# the phase waits 45 s). User grains are kept for 2 h (UserCollectionAge), so every person stays activated.
# Writes bench/results/profiles-memory.json (PROFILES_OUT to override): both groups, each silo's figures, the machine (free
# memory before), and the extrapolation to 1M people (500,000 a silo) from the measured bytes per idle grain and each
# silo's own base.
# The silos' runtime settings (GC heap limit, server or workstation GC, DATAS, ConserveMemory) go in PROFILES_SILO_ENV,
# the silos' environment only (not the CLI's or the load tool's), recorded in the result:
#   PROFILES_SILO_ENV="DOTNET_GCHeapHardLimit=0x27800000 DOTNET_GCConserveMemory=5" bench/profiles-memory.sh
# PROFILES_SERVE_SECONDS=S (default 20; 0: none): after each group's idle reading, S seconds of feeds of the group's
# people over both APIs and one more view each for 5,000 of them (ServingProbe): whether the silos still serve at that
# size (answers, errors, GC pause per 10,000 feeds). The silos' logs are searched for OutOfMemoryException at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
WARMUP=${PROFILES_WARMUP:-5000}
LIGHT=${PROFILES_LIGHT:-100000}
HEAVY=${PROFILES_HEAVY:-5000}
SILO_ENV=${PROFILES_SILO_ENV:-}
SERVE=${PROFILES_SERVE_SECONDS:-20}
OUT=${PROFILES_OUT:-bench/results/profiles-memory.json}
ITEMS=/work/shared/data/ml-100k/ml-100k.item
[ -f "$ITEMS" ] || ITEMS=../shared/data/ml-100k/ml-100k.item
[ -f "$ITEMS" ] || { echo "profiles-memory.sh: ml-100k.item not found under /work/shared/data/ml-100k or ../shared/data/ml-100k"; exit 2; }
commit=$(bench_commit)
available_gb=$(awk '/^MemAvailable:/ { printf "%.1f", $2 / 1024 / 1024 }' /proc/meminfo)
load_start=$(load_average)
bench_build src/ContentGrains.Cli src/ContentGrains.Silo bench/ContentGrains.Bench.Load
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
SILO="dotnet src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll"
LOAD="dotnet bench/ContentGrains.Bench.Load/bin/Release/net10.0/ContentGrains.Bench.Load.dll"

DIRS=(); PIDS=(); URLS=()
stop_all() {
  local status=$? pid # as a trap on EXIT: a failed run keeps the silos' folders, for their logs (an OutOfMemoryException under a heap limit)
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  postgres_stop
  if [ "${KEEP_ENGINE_DIR:-0}" != 1 ] && [ "$status" = 0 ]; then for dir in "${DIRS[@]}"; do rm -rf "$dir"; done
  else echo "kept: ${DIRS[*]} (the silos' logs: silo.log)"; fi
}
trap stop_all EXIT INT TERM
work=$(mktemp -d /tmp/cg-profiles-XXXXXX); DIRS+=("$work")

postgres_start
$SILO schema apply --profile postgres --postgres "$PG_CONNECTION" > "$work/schema.txt"
for name in mem-a mem-b; do
  for kv in $SILO_ENV; do export "${kv?}"; done
  engine_start --profile postgres --postgres "$PG_CONNECTION" --silo-name "$name" --advertised-ip 127.0.0.1 \
    --ContentGrains:Engine:SnapshotInterval=00:00:30 --ContentGrains:Engine:UserCollectionAge=02:00:00
  for kv in $SILO_ENV; do unset "${kv%%=*}"; done
  DIRS+=("$ENGINE_DIR"); PIDS+=("$ENGINE_PID"); URLS+=("$ENGINE_URL")
  echo "silo $name at $ENGINE_URL (pid $ENGINE_PID, log $ENGINE_DIR/silo.log)"
done
ENGINE_PID=""
$CLI import --items "$ITEMS" --format recbole --to "${URLS[0]}" --batch 500 --parallel 1 > "$work/import-items.txt"
urls=$(IFS=,; echo "${URLS[*]}"); pids=$(IFS=,; echo "${PIDS[*]}")
# PROFILES_DUMP_DIR=DIR: a heap dump of each silo (dotnet-gcdump, or $GCDUMP) before and after the light group, to diff by
# type (what a person costs a silo besides their grain: bench/tools/gcdump-diff.py).
dump_silos() {
  [ -n "${PROFILES_DUMP_DIR:-}" ] || return 0
  mkdir -p "$PROFILES_DUMP_DIR"
  local i
  for i in "${!PIDS[@]}"; do "${GCDUMP:-dotnet-gcdump}" collect -p "${PIDS[$i]}" -o "$PROFILES_DUMP_DIR/silo$i-$1.gcdump" > /dev/null; done
}
$LOAD memory --urls "$urls" --pids "$pids" --items-file "$ITEMS" --people "$WARMUP" --events-per-person 10 --out "$work/warmup.json"
dump_silos before-light
$LOAD memory --urls "$urls" --pids "$pids" --items-file "$ITEMS" --people "$LIGHT" --events-per-person 10 --serve-seconds "$SERVE" --out "$work/light.json"
dump_silos after-light
if [ "$HEAVY" -gt 0 ]; then
  $LOAD memory --urls "$urls" --pids "$pids" --items-file "$ITEMS" --people "$HEAVY" --events-per-person 106 --serve-seconds "$SERVE" --out "$work/heavy.json"
fi
# A silo whose GC ran out of room under a heap limit logs OutOfMemoryException (and may have answered 500s): count them.
oom=0; for dir in "${DIRS[@]:1}"; do oom=$((oom + $(grep -c "OutOfMemoryException" "$dir/silo.log" || true))); done
python3 bench/tools/profiles-memory-report.py "$work" "$OUT" "$commit" "$load_start" "$(load_average)" "$available_gb" "$SILO_ENV" "$oom"
