#!/usr/bin/env bash
# Embedding model benchmark on RecBole's given ml-100k split -> bench/results/embedding-ml-100k.json:
#   1. warm: `contentgrains evaluate --split given` for embedding against bpr, content and pop (test and valid @10, @20);
#   2. cold start: `contentgrains cold-start --fraction 0.1` (10 % of the trained items held out of training, seeded),
#      Recall/NDCG@20 on their test interactions among the held-out items and among all items, for embedding, content
#      TF-IDF, popularity and random.
# The file records the commit the code ran on and the machine's load (timings on a shared machine are noisy).
#
# usage: bench/embedding.sh [--data DIR] [--seed 2020]
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data
seed=2020
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build src/ContentGrains.Cli -c Release -v quiet -nologo >/dev/null
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
commit=$(git rev-parse HEAD)$(git diff --quiet HEAD -- src || echo "-dirty")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

$cli evaluate --data "$data/ml-100k-split" --split given --seed "$seed" --models embedding,bpr,content,pop --k 10,20 --out "$work/warm.json"
$cli cold-start --data "$data/ml-100k-split" --fraction 0.1 --seed "$seed" --k 20 --models embedding,content,pop,random --out "$work/cold.json"

mkdir -p bench/results
jq -n --arg commit "$commit" --arg machine "$(nproc) cores, load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared with other builds: seconds are wall-clock and noisy)" \
  --slurpfile warm "$work/warm.json" --slurpfile cold "$work/cold.json" \
  '{commit: $commit, machine: $machine, dataset: "ml-100k (RecBole given split)", warm: $warm[0], coldStart: $cold[0]}' \
  > bench/results/embedding-ml-100k.json
echo "wrote bench/results/embedding-ml-100k.json"
