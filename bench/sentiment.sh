#!/usr/bin/env bash
# Sentiment benchmark: `contentgrains sentiment train` on sentiment-sentences (5-fold accuracy; each view the mean of
# its regressions at l2 1e-4, 3e-4, 1e-3, the terms' IDF times naive-Bayes weights learned on the training part), then `sentiment score` on the musical-instruments reviews: macro-F1 of positive (4-5
# stars) against negative (1-2 stars), 3 stars left out. Writes bench/results/sentiment.json with the commit.
# Then the alerts on the simulator's planted truth (`simulate comments`): offline through `sentiment alerts` (the engine's
# series and detector, every text scored by the trained model) on a month with planted spikes and a spike-free month,
# and live: a fresh engine loads the model (PUT /v1/sentiment/model), takes a smaller spiky month through
# `contentgrains import`, scores it off the ingest path and raises its alerts (GET /v1/alerts/sentiment).
# SENTIMENT_LIVE=0 skips the live part. SENTIMENT_CV=0 skips the 5-fold accuracy (and the penalty search: one fit at
# l2 = 3e-4 per view) when the machine is too loaded for its 36 fits; the result file
# then has no crossValidation and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
source bench/tools/engine.sh
require_shared "$data/sentiment-sentences/yelp_labelled.txt" "$data/reviews-musical-instruments/reviews.csv"
bench_build src/ContentGrains.Cli src/ContentGrains.Silo
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'engine_stop; rm -rf "$tmp"' EXIT
if [ "${SENTIMENT_CV:-1}" = 0 ]; then
  "$cli" sentiment train --data "$data/sentiment-sentences" --out "$tmp/model.json" --report "$tmp/train.json" --folds 0 --l2 3e-4 >/dev/null
  trained_from="one fit at l2 3e-4, no cross-validation (SENTIMENT_CV=0)"
else
  "$cli" sentiment train --data "$data/sentiment-sentences" --out "$tmp/model.json" --report "$tmp/train.json" >/dev/null; trained_from="5-fold cross-validation; each view the mean of its fits at l2 1e-4, 3e-4, 1e-3"
fi
"$cli" sentiment score --model "$tmp/model.json" --in "$data/reviews-musical-instruments/reviews.csv" --column reviewText --out "$tmp/scores.json"
# Planted truth: 100 items x 30 days, 20-60 comments a day each, usual negative share 5-25 %, +50 points on a spike day.
"$cli" simulate comments --items 100 --spikes 20 --days 30 --seed 1 --out "$tmp/spiky"
"$cli" simulate comments --items 100 --spikes 0 --days 30 --seed 2 --out "$tmp/calm"
"$cli" sentiment alerts --model "$tmp/model.json" --events "$tmp/spiky/comments.jsonl" --out "$tmp/spiky/alerts.json"
"$cli" sentiment alerts --model "$tmp/model.json" --events "$tmp/calm/comments.jsonl" --out "$tmp/calm/alerts.json"
mkdir -p "$tmp/live"; echo '{"skipped":true}' > "$tmp/live/alerts.json"; live_seconds=0
if [ "${SENTIMENT_LIVE:-1}" != 0 ]; then
  "$cli" simulate comments --items 10 --spikes 3 --days 30 --seed 3 --out "$tmp/live"
  engine_start --ContentGrains:Engine:ModelRefresh=00:00:01
  curl -sf -X PUT -H 'Content-Type: application/json' --data-binary "@$tmp/model.json" "$ENGINE_URL/v1/sentiment/model" > /dev/null
  started=$(date +%s)
  "$cli" import --events "$tmp/live/comments.jsonl" --format jsonl --to "$ENGINE_URL" > "$tmp/live/import.txt"
  expected=$(wc -l < "$tmp/live/comments.jsonl")
  for _ in $(seq 1 1200); do  # scoring is off the ingest path: wait (at most 20 minutes) until every text is scored
    scored=$(curl -sf "$ENGINE_URL/metrics" | awk '/^contentgrains_sentiment_texts_total\{.*outcome="scored"/ { s += $2 } END { print s + 0 }')
    [ "$scored" -ge "$expected" ] && break
    sleep 1
  done
  live_seconds=$(( $(date +%s) - started ))
  sleep 2
  curl -sf "$ENGINE_URL/v1/alerts/sentiment?kind=item&count=1000" > "$tmp/live/alerts.json"
  grep -c "Sentiment alert:" "$ENGINE_DIR/silo.log" > "$tmp/live/log-lines.txt" || true
  engine_stop
fi

python3 - "$tmp" "$commit" "$(nproc)" "$(uptime | sed 's/.*load average: //')" "$data/reviews-musical-instruments/reviews.csv" "$live_seconds" "$trained_from" > bench/results/sentiment.json <<'PY'
import csv, json, sys
tmp, commit, cores, load, reviews, live_seconds, trained_from = sys.argv[1:8]
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
def planted(folder, alerts, key, start):
    spikes = [l.split("\t") for l in open(f"{tmp}/{folder}/spikes.tsv").read().splitlines()[1:]]
    found = {(a[key].removeprefix("item:"), a[start][:10]) for a in alerts}
    caught = [s for s in spikes if (s[0], s[1]) in found]
    truth = {(s[0], s[1]) for s in spikes}
    false = sorted(f for f in found if f not in truth)
    comments = sum(1 for _ in open(f"{tmp}/{folder}/comments.jsonl"))
    return {"comments": comments, "plantedSpikes": len(spikes), "caughtInTheirWindow": len(caught), "falseAlerts": len(false), "falseAlertWindows": false}
def offline(folder):
    r = json.load(open(f"{tmp}/{folder}/alerts.json"))
    out = planted(folder, r["alerts"], "key", "windowStart")
    out.update({"distinctTexts": r["distinctTexts"], "scoredNegativeShare": round(r["negativeScored"] / r["comments"], 4), "seconds": round(r["seconds"], 1)})
    return out
live = json.load(open(f"{tmp}/live/alerts.json"))
live = live if isinstance(live, dict) else dict(planted("live", live, "key", "windowStart"), secondsToScoreAll=int(live_seconds),
    alertLogLines=int(open(f"{tmp}/live/log-lines.txt").read().strip() or 0))
print(json.dumps({
    "benchmark": "sentiment: MiniLM + naive-Bayes weighted hashed TF-IDF, logistic regressions averaged over penalties",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds; load average {load}",
    "sentimentSentences": dict(train, trainedIn=trained_from),
    "musicalInstruments": {
        "reviews": len(pairs), "positive": sum(1 for t, _ in pairs if t), "negative": sum(1 for t, _ in pairs if not t),
        "macroF1": (f1(True) + f1(False)) / 2, "f1Positive": f1(True), "f1Negative": f1(False),
        "accuracy": sum(1 for t, p in pairs if t == p) / len(pairs),
    },
    "alerts": {
        "setup": "simulate comments: 20-60 comments/day per item, usual negative share 5-25%, spike +50 points on one day in the "
                 "second half; daily windows; detector: tail < 1e-4 under Beta(1+neg, 1+pos) of the last 30 windows, >= 10 comments "
                 "in the window, >= 30 in the history; a window checked at 10, 20, 40... comments and when the next one opens",
        "offlineSpikyMonth": offline("spiky"),
        "offlineSpikeFreeMonth": offline("calm"),
        "liveEngineSpikyMonth": live,
    },
}, indent=2))
PY
echo "wrote bench/results/sentiment.json"
