#!/usr/bin/env python3
"""Summarises bench/learning-paired.sh's simulator reports: each policy per day, on day 5 and over days 1-5, and the
change against the baseline build per seed.

usage: learning_paired_report.py WORK-DIR COMMIT BASELINE-COMMIT "SEEDS" SEGMENTS LOAD-AT-START OUT.json
WORK-DIR holds {heuristic,learning,learning-baseline}-SEED.json (`contentgrains simulate --out`) and -SEED.seconds.
"""
import datetime
import json
import os
import statistics
import sys

POLICIES = ["heuristic", "learning", "learning-baseline"]


def figures(report, seconds):
    days = [r["figures"] for r in report["days"]]
    expected = [f["meanOracleProbability"] for f in days]
    ctr = [f["ctr"] for f in days]
    return {
        "expectedCtrByDay": [round(x, 4) for x in expected],
        "ctrByDay": [round(x, 4) for x in ctr],
        "oracleCtrByDay": [round(f["oracleCtr"], 4) for f in days],
        "day5ExpectedCtr": round(expected[5], 4),
        "day5Ctr": round(ctr[5], 4),
        "days1to5ExpectedCtr": round(statistics.mean(expected[1:6]), 4),
        "days1to5Ctr": round(statistics.mean(ctr[1:6]), 4),
        "day5ShareOfOracleExpected": round(expected[5] / days[5]["oracleCtr"], 4),
        "models": [",".join(f["models"]) for f in days],
        "impressions": report["totals"]["impressions"],
        "clicks": report["totals"]["clicks"],
        "wallSeconds": seconds,
    }


def seed_summary(work, seed):
    runs = {p: figures(json.load(open(os.path.join(work, f"{p}-{seed}.json"))), int(open(os.path.join(work, f"{p}-{seed}.seconds")).read()))
            for p in POLICIES}
    change, base, heur = runs["learning"], runs["learning-baseline"], runs["heuristic"]
    return {
        "seed": seed,
        "day0Equal": change["expectedCtrByDay"][0] == base["expectedCtrByDay"][0] == heur["expectedCtrByDay"][0],
        "changeOverBaseline": {
            "day5Expected": round(change["day5ExpectedCtr"] / base["day5ExpectedCtr"] - 1, 4),
            "days1to5Expected": round(change["days1to5ExpectedCtr"] / base["days1to5ExpectedCtr"] - 1, 4),
            "day5Realised": round(change["day5Ctr"] / base["day5Ctr"] - 1, 4),
        },
        "liftOverHeuristicDay5": {p: {"expected": round(runs[p]["day5ExpectedCtr"] / heur["day5ExpectedCtr"] - 1, 4),
                                      "realised": round(runs[p]["day5Ctr"] / heur["day5Ctr"] - 1, 4)} for p in ["learning", "learning-baseline"]},
        "policies": runs,
    }


def main():
    work, commit, baseline, seeds, segments, load_start, out = sys.argv[1:8]
    setting = sys.argv[8] if len(sys.argv) > 8 else ""
    summaries = [seed_summary(work, int(s)) for s in seeds.split()]
    mean = {p: {k: round(statistics.mean(s["policies"][p][k] for s in summaries), 4)
                for k in ["day5ExpectedCtr", "day5Ctr", "days1to5ExpectedCtr", "days1to5Ctr", "day5ShareOfOracleExpected"]} for p in POLICIES}
    report = {
        "commit": commit,
        "baselineCommit": baseline,
        "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores shared with other sessions' builds; load average {load_start} at the start, "
                   f"{os.getloadavg()[0]:.1f} at the end; the three engines of a seed ran at once",
        "command": f"bench/learning-paired.sh --baseline DIR --seeds '{seeds}'" + (f" --segments {segments}" if segments != "0" else "")
                   + (f" --setting {setting}" if setting else ""),
        "setting": setting or None,
        "world": {"segments": int(segments), "simulateParallel": 1},
        "definitions": {
            "expectedCtr": "the oracle's mean click probability of what was shown (no click noise)",
            "day5": "after the fifth retrain round; days1to5: mean over the days after each round",
            "changeOverBaseline": "learning (this build) / learning-baseline (the baseline build) - 1",
        },
        "mean": mean,
        "seeds": summaries,
    }
    json.dump(report, open(out, "w"), indent=2)
    print("seed  policy              day5 exp.  days1-5 exp.  day5 CTR  ÷oracle d5  day0 equal")
    for s in summaries:
        for p in POLICIES:
            f = s["policies"][p]
            print(f"{s['seed']:4d}  {p:18s}  {f['day5ExpectedCtr']:9.4f}  {f['days1to5ExpectedCtr']:12.4f}  {f['day5Ctr']:8.4f}  "
                  f"{f['day5ShareOfOracleExpected']:10.1%}  {s['day0Equal']}")
        c = s["changeOverBaseline"]
        print(f"      change over baseline: day 5 exp. {c['day5Expected']:+.1%}, days 1-5 exp. {c['days1to5Expected']:+.1%}, day 5 realised {c['day5Realised']:+.1%}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
