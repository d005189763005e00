#!/usr/bin/env bash
# bench/learning-ceiling (issue 7, Targets, first bullet): how close to the oracle can a learner get in bench/learning's worlds?
#
#   bench/learning-ceiling.sh [--seeds "1 2 3"] [--users 300] [--items 600] [--days 6] [--segments K] [--out FILE]
#
# Runs the same simulated worlds as bench/learning with in-memory policies and no engine (`contentgrains simulate
# --policy`): the oracle (knows every person's tastes), a random feed, and the informed learner
# (Core/Simulation/InformedLearnerFeedSource: knows every item's truth and the population's taste prior, learns each
# person's tastes only from the feeds it showed them and their clicks, by a Monte Carlo posterior). The informed learner
# is a ceiling for any recommender that learns a person from their own clicks: an engine must also learn the items.
# Writes, per seed and averaged, each policy's expected CTR per day (the oracle's click probability of what was shown)
# and the informed learner's share of the oracle's, to bench/results/learning-ceiling[-segmentsK].json with the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="1 2 3"; users=300; items=600; days=6; segments=0; out=""
source bench/tools/simulated_world.sh
world_parse bench/learning-ceiling.sh "$@"
if [[ -z "$out" ]]; then out=bench/results/learning-ceiling.json; (( segments > 0 )) && out=bench/results/learning-ceiling-segments$segments.json; fi
source bench/tools/engine.sh
commit=$(bench_commit)
bench_build src/ContentGrains.Cli
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_start=$(load_average)
for seed in $seeds; do
  for policy in informed oracle random; do
    planted=()
    if (( segments > 0 )); then planted=(--segments "$segments" --groups "$work/$policy-$seed.groups"); fi
    started=$SECONDS
    $CLI simulate --policy "$policy" --users "$users" --items "$items" --days "$days" --seed "$seed" --feed-size 10 --parallel 1 \
      --out "$work/$policy-$seed.json" "${planted[@]}" | tail -n 2
    echo "$((SECONDS - started))" > "$work/$policy-$seed.seconds"
  done
done
python3 bench/tools/learning_ceiling_report.py "$work" "$commit" "$seeds" "$segments" "$load_start" "$(load_average)" "$out"
