#!/usr/bin/env bash
# Feed benchmark: compute time per feed of the live pipeline (FeedPipeline, as UserGrain runs it) for every user of
# ../shared/data/ml-100k-split, and NDCG@10 of those feeds on the test split; default settings and the model alone.
# Writes bench/results/feed-ml-100k.json (feed-ml-100k-KIND.json for another --kind; --out F elsewhere). Extra arguments go to the bench, e.g. --kind als, --variants x (one stage
# off at a time), --sweep x (choose the non-model weights on the validation split), --topics x (also fit the served topics
# over the items' MiniLM title vectors and run the feed with and without them; use --out for its own file).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/ContentGrains.Bench.Feed -c Release -nologo -v quiet
dotnet bench/ContentGrains.Bench.Feed/bin/Release/net10.0/ContentGrains.Bench.Feed.dll \
  --data ../shared/data/ml-100k-split --dataset ml-100k --commit "$(git rev-parse HEAD)" --load "$(cut -d' ' -f1-3 /proc/loadavg)" "$@"
