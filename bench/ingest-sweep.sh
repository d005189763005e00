#!/usr/bin/env bash
# Where does ingestion time go? Runs the ingestion bench on the embedded store (SQLite) over a grid of batch sizes and
# client counts, then a few silo settings that switch parts of the write path off, and prints one line per run.
# Results are printed only (bench/results is left alone). Build first (bench/ingest.sh builds), or set nothing and
# this builds too. Arguments go to every run, e.g.  bench/ingest-sweep.sh --events 100000
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${CONTENTGRAINS_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  dotnet build src/ContentGrains.Silo -c Release -nologo -v quiet
  dotnet build bench/ContentGrains.Bench.Ingest -c Release -nologo -v quiet
fi
BENCH="dotnet bench/ContentGrains.Bench.Ingest/bin/Release/net10.0/ContentGrains.Bench.Ingest.dll --store sqlite --no-results"
EVENTS=${SWEEP_EVENTS:-100000}
out=$(mktemp)
run() { echo "-- $*" >&2; $BENCH --events "$EVENTS" "$@" | grep '^RESULT' | tee -a "$out" >&2 || true; }

# 1. Batch size x concurrency, default silo settings.
for batch in 1000 5000; do
  for c in 2 4 8; do run --batch "$batch" --concurrency "$c" --label "grid" "${@}"; done
done
# 2. The write path piece by piece (batch 1000, 4 clients; warm-up large enough to activate every user grain):
NOTIMER="--silo-arg --ContentGrains:Engine:SnapshotInterval=00:10:00"
NOSNAP="--silo-arg --ContentGrains:Engine:SnapshotEveryEvents=100000000"
run --warmup 50000 --label "default_settings_all_users_active" "$@"
run --warmup 50000 $NOTIMER --label "no_timer_snapshots" "$@"
run --warmup 50000 $NOTIMER $NOSNAP --label "no_snapshots_at_all" "$@"
run --warmup 50000 $NOTIMER $NOSNAP --silo-arg --ContentGrains:SqliteFullSync=false --label "no_snapshots_sync_normal" "$@"
run --warmup 50000 --items 200 $NOTIMER --label "200_items_small_catalog" "$@"

echo; echo "== summary (events/s of the measured phase; other_cores = load from outside the bench)"
column -t "$out" 2>/dev/null || cat "$out"
rm -f "$out"
