#!/usr/bin/env bash
# CPU per feed against catalog size (issue 7, "Scale": per-feed cost must not grow with the catalog). For synthetic
# catalogs (default 10k and 100k items; add 1000000 with --sizes), builds what a silo serves (catalog view, an
# embedding model with topic-clustered random vectors and the host's vector index: exact below 20,000 items, HNSW
# above; profiles built by ProfileUpdater) and times ProfileUpdater.FeedUserAt + FeedPipeline.Build for random people
# on one thread, after one warm-up feed per person. Writes bench/results/feed-cost.json with the commit and the load.
# Extra arguments go to the bench, e.g. --sizes 10000,100000,1000000 --people 20000 --feeds 5000 --count 10.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
commit=$(bench_commit)
bench_build bench/ContentGrains.Bench.FeedCost
dotnet bench/ContentGrains.Bench.FeedCost/bin/Release/net10.0/ContentGrains.Bench.FeedCost.dll \
  --commit "$commit" --out bench/results/feed-cost.json "$@"   # a later --out wins
