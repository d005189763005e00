#!/usr/bin/env bash
# bench/learning (issue 7, Targets, first bullet): does the learning loop raise the simulated audience's CTR?
#
#   bench/learning.sh [--seeds "1 2 3"] [--users 300] [--items 600] [--days 6] [--segments K] [--out FILE]
#
# --segments K plants K groups of people with shared tastes (`simulate --segments`), the correlated audience a real
# platform has, where the crowd's clicks say something about a newcomer's tastes; the default 0 is the independent world
# (every person's tastes drawn on their own). Results go to bench/results/learning.json, or with segments to
# bench/results/learning-segments.json, unless --out names another file.
#
# For every seed, the same simulated world (`contentgrains simulate`) is run against three fresh embedded engines:
#   clicks-only — the heuristic feed with the person's tag response switched off (Feed:ResponseWeight=0): the feed as it
#                 was before it weighed impressions, for reference;
#   heuristic   — the heuristic feed as it stands, never retrained;
#   learning    — the same feed with the embedding model (the feed model, kind embedding) and the click model retrained
#                 together after every day: day 1 is the first retrain, day 5 the fifth round.
# No engine retrains on its own schedule (RetrainInterval 0), so each policy is exactly what it says.
# It prints, per seed and averaged over the seeds: the oracle's and a random feed's CTR, the heuristic's CTR, the CTR
# after the first retrain and after five rounds, and retention; then the two targets as met or not met:
#   lift   = CTR after five rounds ÷ the heuristic's CTR on the same day − 1   ≥ +20 %
#   oracle = CTR after five rounds ÷ the oracle policy's CTR on that day        ≥ 0.85
# Both are computed on realised CTR and on the expected CTR of what was shown (the oracle's click probability, free of
# click noise). Writes bench/results/learning.json with the commit and the machine's load. It also prints the day-0 placebo:
# both runs serve the heuristic on day 0, so their difference there is the run-to-run noise a lift has to clear.
#
# World size: 300 people × 600 items × 6 days (day 0 plus five rounds) gives about 15,000-18,000 impressions and
# 500-1,100 clicks per run, enough to train both models, and a run takes 2-6 minutes on this shared 2-core machine, so
# three seeds × three policies stay within about half an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="1 2 3"; users=300; items=600; days=6; segments=0; out=""
source bench/tools/simulated_world.sh
world_parse bench/learning.sh "$@"
if [[ -z "$out" ]]; then out=bench/results/learning.json; (( segments > 0 )) && out=bench/results/learning-segments.json; fi
source bench/tools/engine.sh
commit=$(bench_commit)
dotnet build src/ContentGrains.Silo -c Release -nologo -v quiet
dotnet build src/ContentGrains.Cli -c Release -nologo -v quiet
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for seed in $seeds; do
  simulated_world clicks-only "$seed" "--ContentGrains:Engine:Feed:ResponseWeight=0"
  simulated_world heuristic "$seed" ""
  simulated_world learning "$seed" "" --retrain-every-day --feed-kind embedding --retrain-click-every-day
done

python3 bench/tools/learning_report.py "$work" "$commit" "$seeds" "$out"
