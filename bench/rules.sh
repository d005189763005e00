#!/usr/bin/env bash
# Association rules benchmark: FP-Growth on ml-100k's 30-minute sessions at 1% support (pairs; time, target < 2 s,
# best of 5 runs) and on MIND's histories at 1% and 0.5% support up to triples (at 1% none is frequent), each checked against the brute-force count
# (--verify: every itemset, count and rule equal). Writes bench/results/rules.json with the commit it ran on.
# Needs ../shared/data beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
source bench/tools/engine.sh
require_shared "$data/ml-100k/ml-100k.inter" "$data/mind-news-sample/behaviors.tsv"
bench_build src/ContentGrains.Cli
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$cli" rules --data "$data/ml-100k/ml-100k.inter" --format recbole --min-support 0.01 --verify --out "$tmp/ml.json"
for i in 1 2 3 4 5; do
  "$cli" rules --data "$data/ml-100k/ml-100k.inter" --format recbole --min-support 0.01 --out "$tmp/ml-$i.json" >/dev/null
done
"$cli" rules --data "$data/mind-news-sample/behaviors.tsv" --format mind --min-support 0.01 --max-size 3 --verify --out "$tmp/mind.json"
"$cli" rules --data "$data/mind-news-sample/behaviors.tsv" --format mind --min-support 0.005 --max-size 3 --verify --out "$tmp/mind-half.json"
python3 - "$tmp" "$commit" "$(nproc)" "$(uptime | sed 's/.*load average: //')" > bench/results/rules.json <<'PY'
import json, sys
tmp, commit, cores, load = sys.argv[1:5]
def summary(path):
    d = json.load(open(path)); m = d["mined"]
    out = {k: m[k] for k in ("options", "basketRule", "baskets", "items", "minCount", "frequentItemsets", "rulesFound", "mineSeconds")}
    out["topRules"] = m["rules"][:5]
    if d.get("bruteForce"): out["bruteForce"] = d["bruteForce"]
    return out
ml = summary(f"{tmp}/ml.json")
times = [json.load(open(f"{tmp}/ml-{i}.json"))["mined"]["mineSeconds"] for i in range(1, 6)]
ml["mineSecondsRuns"] = times
ml["mineSecondsBest"] = min(times)
ml["targetUnder2s"] = min(times) < 2
print(json.dumps({
    "benchmark": "association rules (FP-Growth) against brute force",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds; load average {load}: timings are noisy",
    "ml100k": ml,
    "mind": summary(f"{tmp}/mind.json"),
    "mindHalfPercent": summary(f"{tmp}/mind-half.json"),
}, indent=2))
PY
echo "wrote bench/results/rules.json"
