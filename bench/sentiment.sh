#!/usr/bin/env bash
# Sentiment benchmark: `contentgrains sentiment train` on sentiment-sentences (5-fold accuracy, the penalty chosen
# inside each training part), then `sentiment score` on the musical-instruments reviews: macro-F1 of positive (4-5
# stars) against negative (1-2 stars), 3 stars left out. Writes bench/results/sentiment.json with the commit.
# The alert detector's recall and false alarms on planted data are the Core tests' figures (NegativeSpikeDetectorTests).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
source bench/tools/engine.sh
require_shared "$data/sentiment-sentences/yelp_labelled.txt" "$data/reviews-musical-instruments/reviews.csv"
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$cli" sentiment train --data "$data/sentiment-sentences" --out "$tmp/model.json" --report "$tmp/train.json" >/dev/null
"$cli" sentiment score --model "$tmp/model.json" --in "$data/reviews-musical-instruments/reviews.csv" --column reviewText --out "$tmp/scores.json"
python3 - "$tmp" "$commit" "$(nproc)" "$(uptime | sed 's/.*load average: //')" "$data/reviews-musical-instruments/reviews.csv" > bench/results/sentiment.json <<'PY'
import csv, json, sys
tmp, commit, cores, load, reviews = sys.argv[1:6]
train = json.load(open(f"{tmp}/train.json"))
scores = json.load(open(f"{tmp}/scores.json"))
stars = [float(r["overall"]) for r in csv.DictReader(open(reviews, newline=""))]
assert len(stars) == len(scores), (len(stars), len(scores))
pairs = [(s >= 4, p["pPositive"] >= 0.5) for s, p in zip(stars, scores) if s != 3]
def f1(label):
    tp = sum(1 for t, p in pairs if t == label and p == label)
    fp = sum(1 for t, p in pairs if t != label and p == label)
    fn = sum(1 for t, p in pairs if t == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
print(json.dumps({
    "benchmark": "sentiment: MiniLM + hashed TF-IDF logistic regression",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds; load average {load}",
    "sentimentSentences": train,
    "musicalInstruments": {
        "reviews": len(pairs), "positive": sum(1 for t, _ in pairs if t), "negative": sum(1 for t, _ in pairs if not t),
        "macroF1": (f1(True) + f1(False)) / 2, "f1Positive": f1(True), "f1Negative": f1(False),
        "accuracy": sum(1 for t, p in pairs if t == p) / len(pairs),
    },
}, indent=2))
PY
echo "wrote bench/results/sentiment.json"
