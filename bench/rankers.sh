#!/usr/bin/env bash
# The hybrid's ranker against LightGBM's lambdarank on ml-100k-split: base scorers fitted once on train, the same
# ranking rows (train history, validation labels) for every ranker, each put in the hybrid's place and scored on test
# (NDCG@10 etc., full ranking), with its fit time. Rankers: the hand-written linear LambdaRank (the hybrid's default),
# the hand-written LambdaMART (50 trees on the linear blend; 150 trees from zero), LightGBM lambdarank (150 trees of 16
# leaves; 50 of 8). Writes bench/results/rankers.json with the commit. Needs ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/ml-100k-split
source bench/tools/engine.sh
require_shared "$data/ml-100k.train.inter" "$data/ml-100k.valid.inter" "$data/ml-100k.test.inter"
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$cli" rankers --data "$data" --out "$tmp/rankers.json"
python3 - "$tmp/rankers.json" "$commit" "$(nproc)" "$(load_average)" > bench/results/rankers.json <<'PY'
import json, sys
path, commit, cores, load = sys.argv[1:5]
print(json.dumps({
    "benchmark": "the hybrid's ranker: hand-written LambdaRank/LambdaMART against LightGBM lambdarank, test NDCG@10 on ml-100k-split",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds and tests; load average {load}: fit times are noisy",
    "reference": "README: the hybrid's NDCG@10 0.337 on this split",
} | json.load(open(path)), indent=2))
PY
echo "wrote bench/results/rankers.json"
