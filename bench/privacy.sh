#!/usr/bin/env bash
# Privacy's costs on the stores (bench/ContentGrains.Bench.Privacy): appends with and without consent rows (the log
# checks consent in every commit), one person's export pages and erasure, and retention's bounded expiry.
#   bench/privacy.sh [--events N] [--consent-rows N] [--heavy N] …   (passed to the bench)
# SQLite always; PostgreSQL when CONTENTGRAINS_BENCH_PG names a server (an Npgsql connection string of a server where
# the bench may create and drop a database). Results: bench/results/privacy-sqlite.json, privacy-postgres.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
bench_build bench/ContentGrains.Bench.Privacy
export BENCH_COMMIT; BENCH_COMMIT=$(bench_commit)
export BENCH_MACHINE; BENCH_MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load average $(load_average) at start (shared with other builds and tests)"
BENCH=bench/ContentGrains.Bench.Privacy/bin/Release/net10.0/ContentGrains.Bench.Privacy.dll
dotnet "$BENCH" --store sqlite --out bench/results/privacy-sqlite.json "$@"
if [ -n "${CONTENTGRAINS_BENCH_PG:-}" ]; then
  dotnet "$BENCH" --store postgres --postgres "$CONTENTGRAINS_BENCH_PG" --out bench/results/privacy-postgres.json "$@"
else
  echo "PostgreSQL skipped: set CONTENTGRAINS_BENCH_PG to a server's connection string"
fi
