#!/usr/bin/env python3
"""How well can an engine tell an item's quality from its clicks? `simulate --impressions` logs against the world's truth.

    python3 bench/tools/item_quality_signal.py QUALITY.tsv NAME=FILE.jsonl [NAME=FILE.jsonl ...]

QUALITY.tsv holds one line per item, "itemId<TAB>quality" (the simulator's ItemTraits.Quality for the same seed and
--items: WorldGenerator(new WorldSettings { Seed = s, Items = n }).Traits(i).Quality for i in 0..n-1; it depends on the
seed and the index alone). For each log and for the data up to day 2 and up to day 5, the Spearman rank correlation
of each item's signal with its true quality, over the items shown: clicks, smoothed clicks per impression
((clicks + 0.4) / (impressions + 10), the engine's fixed CTR prior), COEC against the platform's clicks per impression
at each slot (what the engine would compute: (clicks + 3) / (expected + 3), slot rates shrunk over 100 impressions to
the mean), COEC against the simulator's true examination 0.85^slot (what no engine knows), and impressions. Also the
clicks per item shown and the platform's slot rates (which fall far faster than 0.85^slot when the ranker puts its
best guesses on top).
"""
import json
import math
import sys
from collections import defaultdict

SLOTS = 10


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):  # ties share their mean rank
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va, vb = sum((x - ma) ** 2 for x in ra), sum((y - mb) ** 2 for y in rb)
    return cov / math.sqrt(va * vb) if va > 0 and vb > 0 else 0.0


def signals(lines, quality):
    shown, clicked = defaultdict(lambda: [0] * SLOTS), defaultdict(lambda: [0] * SLOTS)
    for l in lines:
        s = min(l["slot"], SLOTS - 1)
        shown[l["itemId"]][s] += 1
        clicked[l["itemId"]][s] += 1 if l["clicked"] else 0
    per_slot = [sum(v[s] for v in shown.values()) for s in range(SLOTS)]
    clicks_slot = [sum(v[s] for v in clicked.values()) for s in range(SLOTS)]
    mean = sum(clicks_slot) / sum(per_slot)
    rates = [(clicks_slot[s] + 100 * mean) / (per_slot[s] + 100) for s in range(SLOTS)]
    examine = [0.85 ** s for s in range(SLOTS)]
    appeal = sum(clicks_slot) / sum(per_slot[s] * examine[s] for s in range(SLOTS))
    items = sorted(i for i in shown if i in quality)
    truth = [quality[i] for i in items]

    def coec(expected):
        return [(sum(clicked[i]) + 3) / (sum(shown[i][s] * expected[s] for s in range(SLOTS)) + 3) for i in items]

    values = {
        "clicks": [sum(clicked[i]) for i in items],
        "smoothedCtr": [(sum(clicked[i]) + 0.4) / (sum(shown[i]) + 10) for i in items],
        "coecPlatformSlotRates": coec(rates),
        "coecTrueExamination": coec([e * appeal for e in examine]),
        "impressions": [sum(shown[i]) for i in items],
    }
    return {
        "itemsShown": len(items),
        "clicksPerItemShown": round(sum(clicks_slot) / len(items), 2),
        "platformSlotRates": [round(r, 4) for r in rates],
        "spearmanWithTrueQuality": {k: round(spearman(v, truth), 3) for k, v in values.items()},
    }


def main(args):
    if len(args) < 2:
        sys.exit("usage: item_quality_signal.py QUALITY.tsv NAME=FILE.jsonl ...")
    quality = {}
    for line in open(args[0]):
        item, value = line.split("\t")[:2]
        quality[item] = float(value)
    result = {}
    for arg in args[1:]:
        name, path = arg.split("=", 1)
        lines = [json.loads(line) for line in open(path)]
        result[name] = {f"days0to{last}": signals([l for l in lines if l["day"] <= last], quality) for last in (2, 5)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
