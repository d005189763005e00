#!/usr/bin/env python3
"""Summarises bench/learning.sh's simulator reports into bench/results/learning.json and prints the targets.

usage: learning_report.py WORK-DIR COMMIT "SEEDS" OUT.json
WORK-DIR holds {clicks-only,heuristic,learning}-SEED.json (`contentgrains simulate --out`) and -SEED.seconds.
"""
import datetime
import json
import os
import statistics
import sys

LIFT_TARGET = 0.20     # CTR after five rounds at least +20 % over the heuristic's
ORACLE_TARGET = 0.85   # and within 15 % of the oracle policy's CTR
POLICIES = ["clicks-only", "heuristic", "learning"]


def day(report, d):
    return report["days"][d]["figures"]


def policy_figures(report):
    days = [r["figures"] for r in report["days"]]
    return {
        "ctr": report["totals"]["ctr"],
        "expectedCtr": report["totals"]["meanOracleProbability"],
        "ctrByDay": [round(f["ctr"], 4) for f in days],
        "expectedCtrByDay": [round(f["meanOracleProbability"], 4) for f in days],
        "oracleCtrByDay": [round(f["oracleCtr"], 4) for f in days],
        "randomCtrByDay": [round(f["randomCtr"], 4) for f in days],
        "retentionByDay": [None if f["retention"] is None else round(f["retention"], 3) for f in days],
        "meanRetentionDays1to5": statistics.mean(f["retention"] for f in days[1:6]),
        "impressions": report["totals"]["impressions"],
        "clicks": report["totals"]["clicks"],
        "models": [",".join(f["models"]) for f in days],
        "trainedAfter": [r.get("trainedAfter") for r in report["days"]],
    }


def seed_summary(work, seed):
    reports = {p: json.load(open(os.path.join(work, f"{p}-{seed}.json"))) for p in POLICIES}
    seconds = {p: int(open(os.path.join(work, f"{p}-{seed}.seconds")).read()) for p in POLICIES}
    h, l = reports["heuristic"], reports["learning"]
    first, fifth, h5 = day(l, 1), day(l, 5), day(h, 5)
    return {
        "seed": seed,
        "oracleCtr": l["totals"]["oracleCtr"],
        "randomCtr": l["totals"]["randomCtr"],
        "heuristicCtr": h["totals"]["ctr"],
        "heuristicCtrDay5": h5["ctr"],
        "clicksOnlyHeuristicCtr": reports["clicks-only"]["totals"]["ctr"],
        "heuristicLiftOverClicksOnly": h["totals"]["meanOracleProbability"] / reports["clicks-only"]["totals"]["meanOracleProbability"] - 1,
        "afterFirstRetrainCtr": first["ctr"],
        "afterFiveRoundsCtr": fifth["ctr"],
        "oracleCtrDay5": fifth["oracleCtr"],
        "expected": {  # the oracle's probability of what was shown: the same figures free of click noise
            "heuristicDay5": h5["meanOracleProbability"],
            "afterFirstRetrain": first["meanOracleProbability"],
            "afterFiveRounds": fifth["meanOracleProbability"],
        },
        "retention": {p: policy_figures(r)["meanRetentionDays1to5"] for p, r in reports.items()},
        "liftOverHeuristic": fifth["ctr"] / h5["ctr"] - 1,
        "liftOverHeuristicExpected": fifth["meanOracleProbability"] / h5["meanOracleProbability"] - 1,
        # Day 0 serves the heuristic in both runs: their difference is the run-to-run noise any lift has to clear.
        "day0PlaceboExpected": day(l, 0)["meanOracleProbability"] / day(h, 0)["meanOracleProbability"] - 1,
        "shareOfOracle": fifth["ctr"] / fifth["oracleCtr"],
        "shareOfOracleExpected": fifth["meanOracleProbability"] / fifth["oracleCtr"],
        "wallSeconds": seconds,
        "policies": {p: policy_figures(r) for p, r in reports.items()},
    }


def mean(summaries, key, sub=None):
    return statistics.mean((s[sub][key] if sub else s[key]) for s in summaries)


def main():
    work, commit, seeds, out = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]
    summaries = [seed_summary(work, int(s)) for s in seeds]
    average = {k: mean(summaries, k) for k in
               ["oracleCtr", "randomCtr", "heuristicCtr", "heuristicCtrDay5", "clicksOnlyHeuristicCtr", "afterFirstRetrainCtr",
                "afterFiveRoundsCtr", "oracleCtrDay5", "heuristicLiftOverClicksOnly", "liftOverHeuristic", "liftOverHeuristicExpected", "shareOfOracle",
                "shareOfOracleExpected", "day0PlaceboExpected"]}
    average["expected"] = {k: mean(summaries, k, "expected") for k in summaries[0]["expected"]}
    average["retention"] = {p: mean(summaries, p, "retention") for p in POLICIES}
    targets = {
        "liftOverHeuristic": {"target": LIFT_TARGET, "measured": average["liftOverHeuristic"],
                              "measuredExpected": average["liftOverHeuristicExpected"],
                              "met": average["liftOverHeuristic"] >= LIFT_TARGET and average["liftOverHeuristicExpected"] >= LIFT_TARGET},
        "shareOfOracle": {"target": ORACLE_TARGET, "measured": average["shareOfOracle"],
                          "measuredExpected": average["shareOfOracleExpected"],
                          "met": average["shareOfOracle"] >= ORACLE_TARGET and average["shareOfOracleExpected"] >= ORACLE_TARGET},
    }
    first = json.load(open(os.path.join(work, f"learning-{seeds[0]}.json")))
    report = {
        "commit": commit,
        "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared with other builds)",
        "command": "bench/learning.sh --seeds '" + " ".join(seeds) + "'" + (f" --segments {first['world']['segments']}" if first["world"].get("segments") else ""),
        "world": {k: first["world"][k] for k in ["users", "items", "topics"]} | {"segments": first["world"].get("segments", 0),
                                                                                "days": len(first["days"]), "feedSize": first["feedSize"]},
        "definitions": {
            "heuristicCtr": "the heuristic feed, never retrained, over all days; heuristicCtrDay5 on day 5 alone",
            "afterFirstRetrainCtr": "day 1 of the learning run: embedding and click model trained once, after day 0",
            "afterFiveRoundsCtr": "day 5 of the learning run: five rounds of a day then a retrain of both",
            "liftOverHeuristic": "afterFiveRoundsCtr / heuristicCtrDay5 - 1 (the same day of the same world)",
            "shareOfOracle": "afterFiveRoundsCtr / the oracle policy's CTR in the same visits on day 5",
            "expected": "the oracle's mean click probability of what was shown (expected CTR, no click noise)",
            "clicksOnlyHeuristicCtr": "the heuristic with Feed:ResponseWeight=0: interests from clicks alone, as before the tag response",
            "heuristicLiftOverClicksOnly": "the heuristic's expected CTR over all days / the clicks-only heuristic's - 1",
            "day0PlaceboExpected": "the learning run's day-0 expected CTR / the heuristic's - 1: both serve the heuristic on day 0, so this is run-to-run noise (the simulator interleaves visits against a live engine), the yardstick for liftOverHeuristicExpected",
        },
        "average": average,
        "targets": targets,
        "seeds": summaries,
    }
    json.dump(report, open(out, "w"), indent=2)

    print()
    print("seed  oracle  oracle d5  random  clicks-only  heuristic  heur.d5  1st retrain  5 rounds  lift   ÷oracle d5  retention h/l")
    for s in summaries:
        print(f"{s['seed']:4d}  {s['oracleCtr']:.4f}  {s['oracleCtrDay5']:9.4f}  {s['randomCtr']:.4f}  {s['clicksOnlyHeuristicCtr']:11.4f}  {s['heuristicCtr']:9.4f}  "
              f"{s['heuristicCtrDay5']:.4f}  {s['afterFirstRetrainCtr']:11.4f}  {s['afterFiveRoundsCtr']:8.4f}  {s['liftOverHeuristic']:+.1%}  "
              f"{s['shareOfOracle']:10.1%}  {s['retention']['heuristic']:.3f}/{s['retention']['learning']:.3f}")
    a = average
    print(f"mean  {a['oracleCtr']:.4f}  {a['oracleCtrDay5']:9.4f}  {a['randomCtr']:.4f}  {a['clicksOnlyHeuristicCtr']:11.4f}  {a['heuristicCtr']:9.4f}  "
          f"{a['heuristicCtrDay5']:.4f}  {a['afterFirstRetrainCtr']:11.4f}  {a['afterFiveRoundsCtr']:8.4f}  {a['liftOverHeuristic']:+.1%}  "
          f"{a['shareOfOracle']:10.1%}  {a['retention']['heuristic']:.3f}/{a['retention']['learning']:.3f}")
    placebos = ", ".join(format(s["day0PlaceboExpected"], "+.1%") for s in summaries)
    print(f"day-0 placebo (both runs serve the heuristic): learning / heuristic - 1 = {a['day0PlaceboExpected']:+.1%} expected CTR "
          f"(seeds: {placebos}); a lift within this is noise")
    for name, t in targets.items():
        print(f"target {name}: >= {t['target']:.2f}: measured {t['measured']:.3f} (expected CTR {t['measuredExpected']:.3f}): "
              f"{'met' if t['met'] else 'NOT met'}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
