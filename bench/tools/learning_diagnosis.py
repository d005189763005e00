#!/usr/bin/env python3
"""Diagnosis behind docs/learning.md "Why the feed was near random, measured": reads a `contentgrains simulate --impressions F`
log and, for every feed shown after the person's first click, splits its items by whether their topic is the person's
most-clicked topic so far, another clicked topic, or an unclicked one, with the mean appeal (the oracle's click
probability divided by the slot's examination probability 0.85^slot) of each group.

It reads the simulator's rule that item i<n>'s primary topic is n mod TOPICS (WorldGenerator) to name topics: a
measurement of the engine from outside, which the engine itself never sees.

usage: learning_diagnosis.py IMPRESSIONS.jsonl [TOPICS=20]
"""
import collections
import json
import sys

path = sys.argv[1]
topics = int(sys.argv[2]) if len(sys.argv) > 2 else 20
feeds = collections.OrderedDict()
for line in open(path):
    row = json.loads(line)
    feeds.setdefault((row["userId"], row["day"], row["feed"]), []).append(row)

def topic(row):
    return int(row["itemId"][1:]) % topics

clicks = collections.defaultdict(collections.Counter)
groups = collections.defaultdict(lambda: [0, 0.0])
for _, rows in sorted(feeds.items(), key=lambda kv: kv[1][0]["shownAt"]):
    clicked = clicks[rows[0]["userId"]]
    if clicked:
        top = clicked.most_common(1)[0][0]
        for row in rows:
            group = "most-clicked topic" if topic(row) == top else "other clicked topic" if topic(row) in clicked else "unclicked topic"
            groups[group][0] += 1
            groups[group][1] += row["oracleProbability"] / 0.85 ** row["slot"]
    for row in rows:
        if row["clicked"]:
            clicked[topic(row)] += 1

shown = sum(n for n, _ in groups.values())
for group, (n, appeal) in sorted(groups.items()):
    print(f"{group:20s} {n:6d} impressions ({n / shown:.1%} of those after a first click), mean appeal {appeal / n:.3f}")
