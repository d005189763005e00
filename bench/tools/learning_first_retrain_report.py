#!/usr/bin/env python3
"""Summarises bench/learning-first-retrain.sh: the click gate's decision at the first retrain, and day 1 of both policies.

usage: learning_first_retrain_report.py WORK-DIR COMMIT SEED USERS ITEMS LOAD OUT.json
WORK-DIR holds heuristic.json and learning.json (`contentgrains simulate --out`) and click-registry.json (GET /v1/models?model=click).
"""
import datetime
import json
import os
import re
import sys

TOLERANCE = 0.01  # ContentGrains:Engine:Training:GateTolerance's default, which the engine ran with
NUMBER = r"([+-]?\d+\.\d+)"
RANKING = re.compile(rf"heuristic-v1 \(AUC {NUMBER}, group AUC {NUMBER}, base-rate log-loss {NUMBER}")
LIFT = re.compile(rf"paired AUC lift per feed {NUMBER} ± {NUMBER} \(SE\) over (\d+) feeds")


def day1(report):
    f = report["days"][1]["figures"]
    return {"ctr": round(f["ctr"], 4), "expectedCtr": round(f["meanOracleProbability"], 4), "models": f["models"]}


def main(work, commit, seed, users, items, load, out):
    reports = {p: json.load(open(os.path.join(work, f"{p}.json"))) for p in ("heuristic", "learning")}
    registry = json.load(open(os.path.join(work, "click-registry.json")))
    version = min(registry["versions"], key=lambda v: v["version"])  # the first retrain's click version
    metrics, reason = version["metrics"] or {}, version["reason"] or ""
    ranking, lift = RANKING.search(reason), LIFT.search(reason)
    candidate = {"auc": metrics.get("auc"), "groupAuc": metrics.get("groupAuc"), "logLoss": metrics.get("logLoss")}
    weighted = None if ranking is None else {"auc": float(ranking[1]), "groupAuc": float(ranking[2]), "baseRateLogLoss": float(ranking[3])}
    old_rule = None
    if weighted is not None and None not in candidate.values():
        old_rule = (candidate["auc"] >= weighted["auc"] + TOLERANCE and candidate["groupAuc"] >= weighted["groupAuc"] + TOLERANCE
                    and candidate["logLoss"] < weighted["baseRateLogLoss"])
    h, l = day1(reports["heuristic"]), day1(reports["learning"])
    result = {
        "commit": commit,
        "ranAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"2 cores, load average {load} at the end (shared)",
        "command": f"bench/learning-first-retrain.sh --seed {seed} --users {users} --items {items}",
        "siloBuild": os.environ.get("ENGINE_SILO_BUILD") or "this tree's Release build",
        "world": {"seed": int(seed), "users": int(users), "items": int(items), "days": 2, "feedSize": 10},
        "firstClickVersion": {
            "version": version["version"], "status": version["status"], "champion": version["champion"],
            "heldOutFeeds": metrics.get("heldOutUsers"),  # feeds with a click and a miss (the registry's heldOutUsers slot)
            "candidate": candidate,
            "weightedRanking": weighted,
            "pairedLift": None if lift is None else {"mean": float(lift[1]), "standardError": float(lift[2]), "feeds": int(lift[3])},
            "accepted": version["status"] == "accepted",
            "acceptedByTheRuleBeforeTheNoiseBound": old_rule,
            "reason": reason,
        },
        "day1": {
            "heuristic": h,
            "learning": l,
            "learningOverHeuristicExpected": round(l["expectedCtr"] / h["expectedCtr"] - 1, 4),
            "learningOverHeuristic": round(l["ctr"] / h["ctr"] - 1, 4) if h["ctr"] else None,
        },
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    c = result["firstClickVersion"]
    print(f"first click version v{c['version']}: {c['status']} on {c['heldOutFeeds']} held-out feeds with a click and a miss")
    print(f"  candidate AUC {candidate['auc']}, group AUC {candidate['groupAuc']}, log-loss {candidate['logLoss']}")
    print(f"  weighted ranking {weighted}; paired lift {c['pairedLift']}")
    print(f"  the rule before the noise bound would have {'accepted' if old_rule else 'rejected' if old_rule is not None else '(not computable)'} it")
    print(f"day 1 expected CTR: heuristic {h['expectedCtr']}, learning {l['expectedCtr']} ({result['day1']['learningOverHeuristicExpected']:+.1%}); "
          f"served {l['models']}")
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    main(*sys.argv[1:])
