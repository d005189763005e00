"""bench/learning-ceiling's report: each in-memory policy's expected CTR per day, and the informed learner's share of the oracle's."""
import json
import statistics
import sys

from learning_report import policy_figures  # bench/learning's reading of one simulate report

work, commit, seeds, segments, load_start, load_end, out = sys.argv[1:8]
seeds = seeds.split()
policies = ["informed", "oracle", "random"]
runs = {}
for seed in seeds:
    runs[seed] = {}
    for policy in policies:
        figures = policy_figures(json.load(open(f"{work}/{policy}-{seed}.json")))
        runs[seed][policy] = {key: figures[key] for key in ("expectedCtrByDay", "ctrByDay", "oracleCtrByDay", "impressions")}
        runs[seed][policy]["seconds"] = int(open(f"{work}/{policy}-{seed}.seconds").read())
    informed = runs[seed]["informed"]
    # The oracle's CTR in the informed learner's own visits (what the oracle would have earned there), as bench/learning compares.
    runs[seed]["informedShareOfOracleByDay"] = [round(e / o, 3) if o else None
                                                for e, o in zip(informed["expectedCtrByDay"], informed["oracleCtrByDay"])]

def mean(values):
    return round(statistics.mean(values), 4)

last = -1
summary = {
    "day5ExpectedCtr": {p: mean([runs[s][p]["expectedCtrByDay"][last] for s in seeds]) for p in policies},
    "day5InformedShareOfOracle": mean([runs[s]["informedShareOfOracleByDay"][last] for s in seeds]),
    "day0InformedShareOfOracle": mean([runs[s]["informedShareOfOracleByDay"][0] for s in seeds]),
    "days1to5InformedShareOfOracle": mean([statistics.mean(runs[s]["informedShareOfOracleByDay"][1:]) for s in seeds]),
}
result = {
    "benchmark": "bench/learning-ceiling: in-memory policies in bench/learning's worlds (no engine): the oracle, a random feed, "
                 "and the informed learner (items' truth and the taste prior known, each person learnt from their own clicks)",
    "commit": commit,
    "loadAverage": {"start": load_start, "end": load_end},
    "world": {"seeds": seeds, "segments": int(segments), "feedSize": 10},
    "definitions": {
        "expectedCtr": "mean oracle click probability of what was shown (the figure bench/learning compares)",
        "informedShareOfOracle": "informed learner's expected CTR / the oracle policy's expected CTR in the same visits",
    },
    "summary": summary,
    "runs": runs,
}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(summary, indent=2))
print(f"wrote {out}")
