#!/usr/bin/env python3
"""What puts the off-topic items in the feeds of people the engine already knows (issue 7, bench/learning).

    python3 bench/tools/known_people_gap.py [--min-clicks 4] NAME=FILE.jsonl [NAME=FILE.jsonl ...]

Reads the logs of bench/ContentGrains.Bench.LearningGap (an `simulate --impressions` line per shown slot plus `why`: what
put the item there). For every log: the impressions_gap.py table by clicks before the feed (the same definitions), and,
for the slots shown to people with at least --min-clicks clicks before the feed, the share on a strong topic (truth: the
item's primary topic has at least half the person's strongest taste) and where the others came from, each slot counted
once, by the first rule that fits:
  exploration   the exploration slot put it there
  repeat        it was shown to the person in the last 24 h and passed over (the demotion put it behind the rest, so
                it is there because too few other candidates were left)
  mmr           the ranking (after the demotion) had it at place 10 or below: diversity picked it over better-ranked ones
  ranking       the ranking itself had it in the top 10; split by which weighted part of its score was largest
                (interest + response = "person", popularity, freshness)
It also gives the feed's supply: candidates on a strong topic in the pool, and how many were not recently shown.
A diagnosis tool: the truth fields come from the simulator, which the engine never sees.
"""
import importlib.util
import json
import os
import sys
from collections import Counter, defaultdict

spec = importlib.util.spec_from_file_location("impressions_gap", os.path.join(os.path.dirname(__file__), "impressions_gap.py"))
gap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gap)

STRONG = 0.5


def origin(why):
    if why["exploration"]:
        return "exploration"
    if why["recentlyShown"]:
        return "repeat"
    if why["rankAfter"] >= 10 or why["rankAfter"] < 0:
        return "mmr"
    parts = {"person": why["interest"] + why["response"], "popularity": why["popularity"], "freshness": why["freshness"]}
    return "ranking: " + max(parts, key=parts.get)


def known(lines, min_clicks):
    clicks, user, feed_key, pending = 0, None, None, 0
    for l in lines:
        if l["userId"] != user:
            user, clicks, pending = l["userId"], 0, 0
        key = (l["userId"], l["shownAt"])
        if key != feed_key:
            clicks, pending, feed_key = clicks + pending, 0, key
        if clicks >= min_clicks:
            yield l
        pending += 1 if l["clicked"] else 0


def attribute(lines, min_clicks):
    slots = list(known(lines, min_clicks))
    n = len(slots)
    on = [l for l in slots if l["why"]["primaryTaste"] >= STRONG]
    off = [l for l in slots if l["why"]["primaryTaste"] < STRONG]

    def split(group):
        counts = Counter(origin(l["why"]) for l in group)
        exp = defaultdict(float)
        for l in group:
            exp[origin(l["why"])] += l["oracleProbability"]
        return {k: {"shareOfKnownSlots": round(v / n, 3), "expectedCtr": round(exp[k] / v, 4)} for k, v in counts.most_common()}

    feeds = {}
    for l in slots:
        feeds[(l["userId"], l["shownAt"])] = l["why"]
    mean = lambda xs: round(sum(xs) / len(xs), 2) if xs else None
    parts = lambda group, key: mean([l["why"][key] for l in group])
    return {
        "knownSlots": n, "shareOfAllSlots": round(n / len(lines), 3),
        "expectedCtr": round(sum(l["oracleProbability"] for l in slots) / n, 4),
        "onStrongTopic": round(len(on) / n, 3),
        "offTopicBy": split(off), "onTopicBy": split(on),
        "meanParts": {g: {k: parts(grp, k) for k in ("interest", "response", "popularity", "freshness")} for g, grp in (("on", on), ("off", off))},
        "feedSupply": {"strongCandidates": mean([w["strongSupply"] for w in feeds.values()]),
                       "strongNotRecentlyShown": mean([w["strongSupplyNotShown"] for w in feeds.values()]),
                       "feedsWithFewerThan10StrongNotShown": round(sum(w["strongSupplyNotShown"] < 10 for w in feeds.values()) / len(feeds), 3)},
    }


def main(args):
    min_clicks = 4
    if args[:1] == ["--min-clicks"]:
        min_clicks, args = int(args[1]), args[2:]
    if not args:
        sys.exit("usage: known_people_gap.py [--min-clicks 4] NAME=FILE.jsonl ...")
    result = {}
    for arg in args:
        name, path = arg.split("=", 1)
        lines = gap.read(path)
        table = gap.summarise(lines, 20)
        result[name] = {"byClicksBefore": table["byClicksBefore"], "byDay": table["byDay"], "known": attribute(lines, min_clicks)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
