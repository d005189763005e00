#!/usr/bin/env python3
"""Where a policy's expected CTR is lost: `simulate --impressions` logs, read per person in time order.

    python3 bench/tools/impressions_gap.py NAME=FILE.jsonl [NAME=FILE.jsonl ...]

For each log: the share of impressions and the mean oracle probability (expected CTR) and appeal (the probability
divided by the slot's examination 0.85^slot) by how many clicks the person had made before the feed, and by day. The
bucket "0 clicks" is the person's cold start: everything they were shown before their first click.
"""
import json
import sys
from collections import defaultdict

BUCKETS = [(0, 0, "0"), (1, 1, "1"), (2, 3, "2-3"), (4, 9, "4-9"), (10, 10**9, ">=10")]


def bucket(clicks):
    return next(name for low, high, name in BUCKETS if low <= clicks <= high)


def read(path):
    lines = [json.loads(line) for line in open(path)]
    lines.sort(key=lambda l: (l["userId"], l["shownAt"], l["feed"], l["slot"]))
    return lines


def summarise(lines):
    by_bucket = defaultdict(lambda: [0, 0.0, 0.0])
    by_day = defaultdict(lambda: [0, 0.0, 0.0])
    clicks, user, feed_key, pending = 0, None, None, 0
    for l in lines:
        key = (l["userId"], l["shownAt"])
        if l["userId"] != user:
            user, clicks, pending = l["userId"], 0, 0
        if key != feed_key:  # a feed's clicks count from the next feed on
            clicks, pending, feed_key = clicks + pending, 0, key
        appeal = l["oracleProbability"] / (0.85 ** l["slot"])
        for table, k in ((by_bucket, bucket(clicks)), (by_day, l["day"])):
            row = table[k]
            row[0] += 1
            row[1] += l["oracleProbability"]
            row[2] += appeal
        pending += 1 if l["clicked"] else 0
    total = len(lines)
    fmt = lambda t, k: {"share": round(t[k][0] / total, 4), "expectedCtr": round(t[k][1] / t[k][0], 4), "appeal": round(t[k][2] / t[k][0], 4)}
    return {
        "impressions": total,
        "byClicksBefore": {name: fmt(by_bucket, name) for _, _, name in BUCKETS if name in by_bucket},
        "byDay": {str(d): fmt(by_day, d) for d in sorted(by_day)},
    }


if __name__ == "__main__":
    result = {}
    for arg in sys.argv[1:]:
        name, path = arg.split("=", 1)
        result[name] = summarise(read(path))
    print(json.dumps(result, indent=2))
