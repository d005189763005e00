#!/usr/bin/env bash
# The simulator's planted headline lift against the engine's headline bandit (issue 8, item 11): a fresh embedded engine,
# `contentgrains simulate` with $HEADLINE_ITEMS items (default 10) carrying $HEADLINE_VARIANTS headline variants (default
# 2), one variant per item planted with a relative click lift of $HEADLINE_LIFT (default 0.3) in the simulated
# audience. The engine picks a variant per impression by Thompson sampling and declares a winner by its own rule
# (P(best) >= 0.95, at least $HEADLINE_MIN_IMPRESSIONS impressions per variant: 300 here, the engine's default is 1,000,
# so that a run of a few minutes reaches decisions). Reports per item the planted variant, the declared one (or none
# while running) and each variant's posterior, and the share of declared winners that are the planted variant
# (target >= 95%). World: $HEADLINE_USERS people (default 3000), $HEADLINE_CATALOG items (default 20: few items, so
# each planted test gets thousands of impressions), $HEADLINE_DAYS days (default 5), seed
# $HEADLINE_SEED (default 1). Writes bench/results/headlines.json with the commit and the load.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
bench_build src/ContentGrains.Cli src/ContentGrains.Silo
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'engine_stop; rm -rf "$tmp"' EXIT
min_impressions=${HEADLINE_MIN_IMPRESSIONS:-300}
engine_start "--ContentGrains:Engine:Variants:MinImpressionsPerVariant=$min_impressions"
started=$(date +%s)
"$cli" simulate --url "$ENGINE_URL" --users "${HEADLINE_USERS:-3000}" --items "${HEADLINE_CATALOG:-20}" --days "${HEADLINE_DAYS:-5}" \
  --seed "${HEADLINE_SEED:-1}" --variant-items "${HEADLINE_ITEMS:-10}" --headline-variants "${HEADLINE_VARIANTS:-2}" \
  --headline-lift "${HEADLINE_LIFT:-0.3}" --out "$tmp/report.json" | tee "$tmp/stdout.txt"
seconds=$(( $(date +%s) - started ))
engine_stop
python3 - "$tmp/report.json" "$commit" "$(nproc)" "$(load_average)" "$seconds" "$min_impressions" > bench/results/headlines.json <<'PY'
import json, sys
path, commit, cores, load, seconds, min_impressions = sys.argv[1:7]
r = json.load(open(path))
h = r["headlines"]
share = h["rightShareOfDeclared"]
print(json.dumps({
    "benchmark": "planted headline lift in `contentgrains simulate` against the engine's headline bandit (Thompson sampling, winner rule)",
    "commit": commit,
    "machine": f"{cores} cores shared with other builds; load average {load} at the end",
    "world": {k: r["world"][k] for k in ("seed", "users", "items", "headlineItems", "headlineVariants", "headlineLift")},
    "days": len(r["days"]),
    "engineWinnerRule": {"winProbability": 0.95, "minImpressionsPerVariant": int(min_impressions)},
    "impressions": r["totals"]["impressions"], "seconds": int(seconds),
    "target": "share of declared winners that are the planted variant >= 0.95",
    "declared": h["declared"], "right": h["right"], "rightShareOfDeclared": share,
    "met": share is not None and share >= 0.95,
    "plantedVariantLeads": h["leaderIsPlanted"], "items": h["items"],
    "outcomes": h["outcomes"],
}, indent=2))
PY
echo "wrote bench/results/headlines.json"
