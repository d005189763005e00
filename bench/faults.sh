#!/usr/bin/env bash
# Fault drill (issue 9, item 7): two silos on a PostgreSQL server of the drill's own, heavy ingestion by careful clients
# (lost or refused batches are sent again with the same event ids), FAULT_KILLS SIGKILLs of a silo (default 20, each
# followed by a restart) and FAULT_PG_RESTARTS stops of PostgreSQL for 10 s (default 3). Then every sent event must be
# in the log exactly once, and each item's and user's click counter must equal its rows in the log: lost 0, doubled 0.
# After the kills it samples each silo's grain activations (Orleans' meter) for FAULT_REBALANCE_SECONDS (default 120) while
# traffic goes on: does the silo restarted last get load back (activation rebalancing)?
# Writes bench/results/faults.json (FAULT_OUT: another path) with the commit and the load average. Needs Debian's postgresql package (as ./test.sh).
# Bounded: 20 kills take about 10 s each plus a silo start (15-60 s on a loaded machine), then up to 5 min to settle.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
KILLS=${FAULT_KILLS:-20}; PG_RESTARTS=${FAULT_PG_RESTARTS:-3}
OUT=${FAULT_OUT:-bench/results/faults.json}
commit=$(bench_commit); load_start=$(load_average)

echo "== build (Release): silo, fault drill"
bench_build src/ContentGrains.Silo bench/ContentGrains.Bench.Faults
echo "== drill: $KILLS silo kills, $PG_RESTARTS PostgreSQL restarts"
dotnet bench/ContentGrains.Bench.Faults/bin/Release/net10.0/ContentGrains.Bench.Faults.dll "$OUT" "$commit" "$load_start" "$KILLS" "$PG_RESTARTS" "${FAULT_REBALANCE_SECONDS:-120}"
echo "== $OUT"
cat "$OUT"
