#!/usr/bin/env bash
# Nearest-neighbour retrieval benchmark: exact SIMD scan vs USearch HNSW over synthetic clustered 64-d item vectors,
# at 10k, 100k and 1M items: build time, memory, single-threaded top-10 query p50/p99 (plain and with a filter that
# passes half the items), recall@10 against the exact scan; the 8-bit scan (up to 100k items) also at the feed's top 200. Writes bench/results/vectors.json with the commit.
# Extra arguments go to the bench, e.g. --sizes 10000,100000 --queries 500 --large-connectivity 16.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse HEAD)
if ! git diff --quiet HEAD -- src bench; then commit="$commit+uncommitted"; fi
dotnet build bench/ContentGrains.Bench.Vectors -c Release -nologo -v quiet
dotnet bench/ContentGrains.Bench.Vectors/bin/Release/net10.0/ContentGrains.Bench.Vectors.dll \
  --commit "$commit" --out bench/results/vectors.json "$@"   # a later --out wins
