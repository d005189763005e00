#!/usr/bin/env bash
# Catalog-scale benchmark of the live embedding model: for synthetic catalogs (default 10k and 100k items), training
# time, artifact size, the click model on a generated bounded impression sample, then in a separate serving process:
# load + validation time, vector index build time, the process's memory with only the served model, feed compute
# p50/p99 through the real FeedPipeline, and the index's recall@10. Writes bench/results/scale.json with the commit.
# Extra arguments go to the bench, e.g. --sizes 10000,100000,1000000 --epochs 5 --example-budget 2000000 --threads 2
# --events-per-user 20 --feeds 2000 --click-feeds 20000 --connectivity 16 --expansion-add 64 --expansion-search 64
# --clustered-below 500000 (catalogs from this size are served by the HNSW graph, not the clustered index; by
# default none are).
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse HEAD)
if ! git diff --quiet HEAD -- src bench; then commit="$commit+uncommitted"; fi
dotnet build bench/ContentGrains.Bench.Scale -c Release -nologo -v quiet
dotnet bench/ContentGrains.Bench.Scale/bin/Release/net10.0/ContentGrains.Bench.Scale.dll \
  --commit "$commit" --out bench/results/scale.json "$@"   # a later --out wins
