#!/usr/bin/env bash
# Content performance prediction on MIND (behaviors.tsv: 5,000 real impressions, 9-14 Nov 2019; news.tsv for category,
# lengths and text): LightGBM fitted on the articles first shown before 14 Nov predicts the CTR of the articles first
# shown on 14 Nov, from what was known when each was first shown (hour, its category's record so far, category, title
# and abstract length, MiniLM text vector). Compared with the global mean and the category's CTR so far: impression-
# weighted RMSE and log-loss, AUC of clicked against not clicked impressions, Spearman over articles with 10+
# impressions; on all test articles and on those with a news.tsv row. Also LightGBM's gain importances, with and
# without the text vector; the same with 50 trees instead of 200; and the last two days as the test. Writes
# bench/results/ctr-prior.json with the commit. MiniLM vectors are cached in $CTR_VECTORS (default
# /tmp/contentgrains-ctr-minilm.bin). Needs ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/mind-news-sample
source bench/tools/engine.sh
require_shared "$data/news.tsv" "$data/behaviors.tsv"
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$cli" predict-ctr --data "$data" --format mind --vectors-cache "${CTR_VECTORS:-/tmp/contentgrains-ctr-minilm.bin}" --out "$tmp/ctr.json" | tee "$tmp/stdout.log"
# Fewer trees (a sensitivity check: the tree count is not chosen on a validation set).
"$cli" predict-ctr --data "$data" --format mind --iterations 50 --vectors-cache "${CTR_VECTORS:-/tmp/contentgrains-ctr-minilm.bin}" --out "$tmp/ctr50.json" | tee -a "$tmp/stdout.log"
"$cli" predict-ctr --data "$data" --format mind --test-days 2 --vectors-cache "${CTR_VECTORS:-/tmp/contentgrains-ctr-minilm.bin}" --out "$tmp/ctr2.json" | tee -a "$tmp/stdout.log"
python3 - "$tmp/ctr.json" "$tmp/ctr2.json" "$commit" "$(nproc)" "$(load_average)" > bench/results/ctr-prior.json <<'PY'
import json, sys
one, two, commit, cores, load = sys.argv[1:6]
print(json.dumps({
    "benchmark": "cold-start CTR prediction on MIND: LightGBM against the global mean and the category's CTR so far",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds and tests; load average {load}: fit times are noisy",
    "lastDayTest": json.load(open(one)),
    "lastDayTest50Trees": json.load(open(one.replace("ctr.json", "ctr50.json"))),
    "lastTwoDaysTest": json.load(open(two)),
}, indent=2))
PY
echo "wrote bench/results/ctr-prior.json"
