#!/usr/bin/env bash
# Content reports against the simulator's planted truth. A world of 10,000 people in 5 planted groups (each with its own
# home topics, habit hour and home channel; simulate bulk --segments 5), 2,000 items and 1,000,000 events. Segments are
# fitted by `contentgrains segments` (the truth file is only read here, to score), then `contentgrains report` builds the
# report over the fitted segments: exact, and private at epsilon 1, 5 and 10 (REPORTS_EPSILONS to change the list). The findings are scored against what the
# world plants: tastes move clicks, so a topic may win or trail within a segment, but only a segment's home topics can win;
# hours and channels move when and where people come, not how they click, so no finding may rest on them alone.
# Writes bench/results/reports.json (with the commit) and bench/results/report-page.png (the exact report's page in
# headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$cli" simulate bulk --users 10000 --items 2000 --events "${REPORTS_EVENTS:-1000000}" --days 30 --seed 7 --segments 5 --format jsonl --out "$tmp/world"
"$cli" segments --data "$tmp/world/events.jsonl" --format simulated --truth "$tmp/world/groups.tsv" --assignments "$tmp/assigned.tsv" \
  --max-k 8 --out "$tmp/segments.json"
run() { local name=$1; shift; /usr/bin/time -f "%e %M" -o "$tmp/$name.time" "$cli" report --data "$tmp/world/events.jsonl" --format jsonl \
  --segments "$tmp/assigned.tsv" --out "$tmp/$name.json" "$@"; }
run exact --html "$tmp/exact.html"
epsilons=${REPORTS_EPSILONS:-1 5 10}
for e in $epsilons; do run "eps$e" --epsilon "$e"; done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4200 --screenshot="$PWD/bench/results/report-page.png" "file://$tmp/exact.html" 2>/dev/null
python3 - "$tmp" "$commit" "$(nproc)" "$(load_average)" "$epsilons" > bench/results/reports.json <<'PY'
import json, sys, collections
tmp, commit, cores, load, epsilons = sys.argv[1:6]
groups = dict(l.rstrip("\n").split("\t") for l in list(open(f"{tmp}/world/groups.tsv"))[1:])
assigned = dict(l.rstrip("\n").split("\t") for l in list(open(f"{tmp}/assigned.tsv"))[1:])
# Each fitted segment stands for the planted group most of its people come from.
votes = collections.defaultdict(collections.Counter)
for user, seg in assigned.items(): votes[seg][groups[user]] += 1
group_of = {seg: int(c.most_common(1)[0][0]) for seg, c in votes.items()}
purity = sum(c.most_common(1)[0][1] for c in votes.values()) / len(assigned)
# Item i{j}'s first tag is topic j mod 20: the tag's topic number.
topic_of = {}
for line in open(f"{tmp}/world/items.jsonl"):
    item = json.loads(line); j = int(item["itemId"][1:])
    if item.get("tags"): topic_of.setdefault(item["tags"][0], j % 20)
K = 5
CHANNELS = ["web", "app", "email", "social"]          # PlantedSegments.Channels: group g's home channel is CHANNELS[g % 4]
def habit_hour(g): return 6 + g * 16.0 / K           # PlantedSegments.HabitHour: visits fall about it (spread about 1.4 h)
def hour_of(top): return int(top["key"][:2])
exact_report = json.load(open(f"{tmp}/exact.json"))
exact_segments = {s["segment"]: s for s in exact_report["segments"]["segments"]}

def planted(r):
    """The planted findings a report recovers: each segment's winning topic (one of its group's home topics; and whether
    it is the exact report's), and the busiest hour per channel and segment (the planted habit hour lies within an hour
    of the busiest hour's middle; and whether it is the exact report's)."""
    topic_home = topic_same = hour_near = hour_same = hours = 0; misses = []
    for s in r["segments"]["segments"]:
        if s["segment"] not in group_of: continue
        g = group_of[s["segment"]]; exact = exact_segments[s["segment"]]
        win = s.get("winningTopic"); exact_win = exact.get("winningTopic")
        if win and topic_of[win["key"]] % K == g: topic_home += 1
        else: misses.append(f"segment {s['segment']}: winning topic {win and win['key']}")
        if win and exact_win and win["key"] == exact_win["key"]: topic_same += 1
        for channel in CHANNELS:
            hours += 1
            best = (s.get("bestHourByChannel") or {}).get(channel); exact_best = (exact.get("bestHourByChannel") or {}).get(channel)
            if best and abs(hour_of(best) + 0.5 - habit_hour(g)) <= 1: hour_near += 1
            else: misses.append(f"segment {s['segment']} on {channel}: busiest hour {best and best['key']}, planted {habit_hour(g):.1f}")
            if best and exact_best and best["key"] == exact_best["key"]: hour_same += 1
    n = sum(1 for s in r["segments"]["segments"] if s["segment"] in group_of)
    return {"winningTopicIsHome": f"{topic_home}/{n}", "winningTopicAsExact": f"{topic_same}/{n}",
            "bestHourWithinAnHourOfPlanted": f"{hour_near}/{hours}", "bestHourAsExact": f"{hour_same}/{hours}",
            "recovered": topic_home + hour_near, "plantedFindings": n + hours, "misses": misses[:10]}

def score(name):
    r = json.load(open(f"{tmp}/{name}.json")); secs, rss = open(f"{tmp}/{name}.time").read().split()
    per_segment = [f for f in r["findings"] if f["segment"] in group_of]
    ok = wrong = 0; wrong_texts = []
    for f in per_segment:
        where = f["where"]
        if "topic" not in where: wrong += 1; wrong_texts.append(f["text"]); continue
        home = topic_of[where["topic"]] % K == group_of[f["segment"]]
        if f["direction"] == "wins" and not home: wrong += 1; wrong_texts.append(f["text"])
        else: ok += 1
    m = r["findingsMethod"]
    return {
        "epsilon": r["privacy"] and r["privacy"]["epsilon"],
        "cells": r["performance"]["cellsTotal"],
        "comparisons": m["comparisons"], "found": m["found"], "shown": m["shown"], "familyConfidence": m["confidence"],
        "shownPerSegmentFindings": len(per_segment), "consistentWithPlantedTruth": ok, "contradictingPlantedTruth": wrong,
        "contradicting": wrong_texts[:5],
        "findingsWithoutTopic": sum(1 for f in r["findings"] if "topic" not in f["where"]),
        "planted": planted(r),
        "released": r["privacy"] and next((s for s in r["privacy"]["statement"] if s.startswith("Released tables")), None),
        "epsilonSpent": r["privacy"] and round(sum(m["epsilon"] for m in r["privacy"]["measures"]), 9),
        "topFindings": [f["text"] for f in r["findings"][:5]],
        "overallCtr": r["performance"]["overall"]["ctr"],
        "segments": [{"segment": s["segment"], "plantedGroup": group_of.get(s["segment"]), "people": s["people"],
                      "topTopics": [t["key"] for t in s["top"]["topic"][:3]], "topChannel": s["top"]["channel"][0]["key"] if s["top"]["channel"] else None,
                      "topHours": [t["key"] for t in s["top"]["hour"][:3]],
                      "winningTopic": s.get("winningTopic"), "bestHourByChannel": {c: h["key"] for c, h in (s.get("bestHourByChannel") or {}).items()}}
                     for s in r["segments"]["segments"]],
        "seconds": float(secs), "peakRssMb": round(int(rss) / 1024, 1),
        "privacy": r["privacy"] and [{k: m[k] for k in ("name", "epsilon", "sensitivity", "scale")} for m in r["privacy"]["measures"]],
    }
seg = json.load(open(f"{tmp}/segments.json"))
print(json.dumps({
    "benchmark": "content reports on the simulator's planted groups (findings scored against the planted truth)",
    "commit": commit,
    "machine": f"{cores} cores shared with six other helpers' builds; load average {load}: timings are noisy",
    "world": {"people": 10000, "items": 2000, "events": sum(1 for _ in open(f"{tmp}/world/events.jsonl")), "plantedGroups": K, "topics": 20},
    "segmentsFit": {"chosenK": seg["fit"]["chosenK"], "ariKMeans": seg["agreement"]["kMeans"], "purity": round(purity, 4)},
    "reports": {name: score(name) for name in ["exact"] + [f"eps{e}" for e in epsilons.split()]},
    "screenshot": "bench/results/report-page.png",
}, indent=2))
PY
cat bench/results/reports.json | head -40
