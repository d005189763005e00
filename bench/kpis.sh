#!/usr/bin/env bash
# KPI and non-human traffic benchmark. A simulated month (10,000 people, 2,000 items, 1,000,000 events of impressions,
# clicks, dwell and likes) is written twice with the same seed: with 60 planted bots (20 each of a timer, a fast
# clicker and a click storm; simulate bulk --bots) and without. `contentgrains kpis` judges the traffic and computes
# the KPIs on each; the report gives the flags' precision and recall against the planted bots, the CTR error against
# the humans' own CTR with and without filtering, and the computation time per million events (both passes, in
# memory; the file's reading is not counted). Also the KPIs of the shared MIND sample (real impressions; no bots
# are known there, so its flags are people the rules judge inhuman). Writes bench/results/kpis.json with the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
source bench/tools/engine.sh
require_shared "$data/mind-news-sample/behaviors.tsv"
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sim="--users 10000 --items 2000 --events ${KPIS_EVENTS:-1000000} --days 30 --seed 7 --format jsonl"
"$cli" simulate bulk $sim --bots 60 --out "$tmp/bots"
"$cli" simulate bulk $sim --out "$tmp/humans"
"$cli" kpis --data "$tmp/bots/events.jsonl" --format jsonl --truth "$tmp/bots/bots.tsv" --out "$tmp/bots.json"
"$cli" kpis --data "$tmp/humans/events.jsonl" --format jsonl --out "$tmp/humans.json"
"$cli" kpis --data "$data/mind-news-sample/behaviors.tsv" --format mind --out "$tmp/mind.json"
python3 - "$tmp" "$commit" "$(nproc)" "$(load_average)" > bench/results/kpis.json <<'PY'
import json, sys
tmp, commit, cores, load = sys.argv[1:5]
bots, humans, mind = (json.load(open(f"{tmp}/{n}.json")) for n in ("bots", "humans", "mind"))
def ctr(row): return row["ctr"] and {k: round(row["ctr"][k], 6) for k in ("value", "low", "high")}
print(json.dumps({
    "benchmark": "KPIs with non-human traffic flagged and left out",
    "commit": commit,
    "machine": f"{cores} cores shared with six other helpers' builds; load average {load}: timings are noisy",
    "simulated": {
        "events": bots["events"],
        "flags": {k: bots["truth"][k] for k in ("planted", "flagged", "truePositives", "precision", "recall", "recallByKind")},
        "flaggedByReason": bots["report"]["excluded"]["flaggedByReason"],
        "excludedEventsByReason": bots["report"]["excluded"]["excludedEventsByReason"],
        "humansCtr": ctr(bots["truth"]["humans"]),
        "filteredCtr": ctr(bots["report"]["overall"]),
        "unfilteredCtr": ctr(bots["unfiltered"]),
        "ctrErrorFiltered": bots["truth"]["ctrErrorFiltered"],
        "ctrErrorUnfiltered": bots["truth"]["ctrErrorUnfiltered"],
        "secondsPerMillionEvents": bots["secondsPerMillionEvents"],
    },
    "simulatedWithoutBots": {
        "events": humans["events"],
        "flaggedPersons": humans["report"]["excluded"]["flaggedPersons"],
        "flaggedByReason": humans["report"]["excluded"]["flaggedByReason"],
        "ctr": ctr(humans["report"]["overall"]),
        "secondsPerMillionEvents": humans["secondsPerMillionEvents"],
    },
    "mindSample": {
        "events": mind["events"],
        "flaggedPersons": mind["report"]["excluded"]["flaggedPersons"],
        "flaggedByReason": mind["report"]["excluded"]["flaggedByReason"],
        "ctr": ctr(mind["report"]["overall"]),
        "topTagsByImpressions": [{"tag": r["key"], "impressions": r["impressions"], "ctr": ctr(r)} for r in mind["report"]["dimensions"]["tag"]["rows"][:5]],
        "retention": mind["report"]["retention"],
        "secondsPerMillionEvents": mind["secondsPerMillionEvents"],
    },
}, indent=2))
PY
echo "wrote bench/results/kpis.json"
