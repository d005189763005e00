#!/usr/bin/env bash
# Topics NMI, round 6 (issue 8): the entities of news.tsv's last two columns beside MiniLM on MIND's news sample. Runs
# the exploration program (bench/tools/quality-explore: `entities`): the entity labels appended to the text, encoded
# alone and concatenated with MiniLM, and a TF-IDF block over the Wikidata ids in >= 2 articles (articles without one:
# MiniLM alone, or the block imputed from their 10 nearest). Every variant's chosen k (cosine silhouette over 5..40,
# spherical k-means, 4 restarts, seeds 42..44), its silhouette and NMI, NMI at fixed k, the weight the silhouette
# chooses, the share of each article's 10 nearest neighbours in its category, the entities' coverage and the encoding
# cost. One variant at a time, one ONNX Runtime thread. Writes bench/results/topics-entities.json with the commit and
# the load average at the start and end. Vectors are cached in /tmp (contentgrains-topics-minilm.bin,
# -minilm-entity-labels.bin, -entity-labels.bin): a first run encodes about 5,700 texts (about 2 CPU-minutes); the
# sweeps take about 20-40 minutes on one core. Needs ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
require_shared ../shared/data/mind-news-sample/news.tsv
bench_build bench/tools/quality-explore
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
BENCH_COMMIT=$(bench_commit) dotnet bench/tools/quality-explore/bin/Release/net10.0/ContentGrains.Bench.QualityExplore.dll \
  entities "$tmp/entities.json" 3 | tee "$tmp/entities.log"
cp "$tmp/entities.json" bench/results/topics-entities.json
echo "wrote bench/results/topics-entities.json"
