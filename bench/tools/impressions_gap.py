#!/usr/bin/env python3
"""Where a policy's expected CTR is lost: `simulate --impressions` logs, read per person in time order.

    python3 bench/tools/impressions_gap.py [--topics 20] NAME=FILE.jsonl [NAME=FILE.jsonl ...]

For each log, by how many clicks the person had made before the feed (the bucket "0" is their cold start: everything
shown before their first click) and by day: the share of impressions, the mean oracle probability (expected CTR) and
appeal (the probability divided by the slot's examination 0.85^slot), the share of impressions on one of the person's
good topics and the distinct topics per feed. A diagnosis tool, not the engine: it reads the simulator's layout (item
i{j}'s primary topic is j mod --topics) and calls a topic good for a person when the best appeal they were shown on
it exceeds 0.3 (the second pass's definition; a topic never shown to them cannot be called good).
bench/tools/learning_diagnosis.py splits the feeds after a first click by the person's clicked topics instead.
"""
import json
import sys
from collections import defaultdict

BUCKETS = [(0, 0, "0"), (1, 1, "1"), (2, 3, "2-3"), (4, 9, "4-9"), (10, 10**9, ">=10")]
GOOD_APPEAL = 0.3


def bucket(clicks):
    return next(name for low, high, name in BUCKETS if low <= clicks <= high)


def read(path):
    lines = [json.loads(line) for line in open(path)]
    lines.sort(key=lambda l: (l["userId"], l["shownAt"], l["feed"], l["slot"]))
    return lines


def appeal(line):
    return line["oracleProbability"] / (0.85 ** line["slot"])


def good_topics(lines, topics):
    best = defaultdict(float)
    for l in lines:
        key = (l["userId"], int(l["itemId"][1:]) % topics)
        best[key] = max(best[key], appeal(l))
    return {key for key, value in best.items() if value > GOOD_APPEAL}, len({user for user, _ in best})


def summarise(lines, topics):
    good, people = good_topics(lines, topics)
    tables = {"byClicksBefore": defaultdict(lambda: [0, 0.0, 0.0, 0]), "byDay": defaultdict(lambda: [0, 0.0, 0.0, 0])}
    feed_topics = {"byClicksBefore": defaultdict(set), "byDay": defaultdict(set)}
    clicks, user, feed_key, pending = 0, None, None, 0
    for l in lines:
        if l["userId"] != user:
            user, clicks, pending = l["userId"], 0, 0
        key = (l["userId"], l["shownAt"])
        if key != feed_key:  # a feed's clicks count from the next feed on
            clicks, pending, feed_key = clicks + pending, 0, key
        topic = int(l["itemId"][1:]) % topics
        for name, k in (("byClicksBefore", bucket(clicks)), ("byDay", str(l["day"]))):
            row = tables[name][k]
            row[0] += 1
            row[1] += l["oracleProbability"]
            row[2] += appeal(l)
            row[3] += (l["userId"], topic) in good
            feed_topics[name][(k, key)].add(topic)
        pending += 1 if l["clicked"] else 0
    total = len(lines)

    def row_of(name, k):
        n, p, a, g = tables[name][k]
        feeds = [len(t) for (kk, _), t in feed_topics[name].items() if kk == k]
        return {"share": round(n / total, 4), "expectedCtr": round(p / n, 4), "appeal": round(a / n, 4),
                "onGoodTopic": round(g / n, 3), "distinctTopicsPerFeed": round(sum(feeds) / len(feeds), 2)}

    order = {"byClicksBefore": [name for _, _, name in BUCKETS], "byDay": sorted(tables["byDay"], key=int)}
    result = {"impressions": total, "goodTopicsPerPerson": round(len(good) / people, 2)}
    for name in tables:
        result[name] = {k: row_of(name, k) for k in order[name] if k in tables[name]}
    return result


def main(args):
    topics = 20
    if args[:1] == ["--topics"]:
        topics, args = int(args[1]), args[2:]
    if not args:
        sys.exit("usage: impressions_gap.py [--topics 20] NAME=FILE.jsonl ...")
    result = {}
    for arg in args:
        name, path = arg.split("=", 1)
        result[name] = summarise(read(path), topics)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
