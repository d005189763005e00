#!/usr/bin/env bash
# bench/learning-paired: a learning-loop change against a baseline build, on the same simulated worlds (issue 7, Targets).
#
#   bench/learning-paired.sh --baseline DIR [--seeds "1 2"] [--segments K] [--setting --KEY=VALUE] [--users 300] [--items 600] [--days 6] [--out FILE]
#
# DIR is a checkout of the baseline (e.g. `git worktree add --detach /tmp/base main`) with its Silo already built in
# Release. For every seed, three fresh embedded engines run the same world (`contentgrains simulate`, this tree's CLI)
# at once, so they share the machine's load: heuristic (this build, never retrained), learning (this build, embedding
# and click model retrained after every day) and learning-baseline (DIR's build, the same). Visitors are simulated one
# at a time (--parallel 1). Even so the three runs differ on day 0, where all serve the heuristic: the engine applies
# events asynchronously, so what a feed knows of the visit so far depends on timing (seed 1 of the segments world:
# 0.047-0.058 expected CTR on day 0 across the three). The report's day0Equal shows it; only several seeds tell a
# change from that noise. The report gives each policy's
# expected CTR (the oracle's click probability of what was shown) and realised CTR per day, on day 5 and over days 1–5,
# and the change against the baseline per seed. Writes bench/results/learning-paired[-segmentsK].json unless --out.
# --setting passes one silo setting (e.g. --ContentGrains:Engine:Feed:DiversityWeight=0.3) to this build's two engines,
# not the baseline's: a change that is off by default is measured before it is turned on.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="1 2"; users=300; items=600; days=6; segments=0; out=""; baseline=""; setting=""
source bench/tools/simulated_world.sh
while [[ $# -gt 0 ]]; do
  if world_option "$@"; then shift 2; continue; fi
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --setting) setting="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "bench/learning-paired.sh: unknown option $1 (known: --baseline, --seeds, --users, --items, --days, --segments, --setting, --out)" >&2; exit 2 ;;
  esac
done
if [[ -z "$baseline" || ! -f "$baseline/src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll" ]]; then
  echo "bench/learning-paired.sh: --baseline must name a checkout whose Silo is built in Release (dotnet build src/ContentGrains.Silo -c Release there)" >&2; exit 2
fi
if [[ -n "$setting" && ! "$setting" =~ ^--[A-Za-z0-9:]+=[^[:space:]]+$ ]]; then echo "bench/learning-paired.sh: --setting must be one --KEY=VALUE silo setting, got '$setting'" >&2; exit 2; fi
world_check bench/learning-paired.sh
if [[ -z "$out" ]]; then out=bench/results/learning-paired.json; (( segments > 0 )) && out=bench/results/learning-paired-segments$segments.json; fi
source bench/tools/engine.sh
commit=$(bench_commit)
baseline_commit=$(git -C "$baseline" rev-parse HEAD)
bench_build src/ContentGrains.Silo src/ContentGrains.Cli
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
export SIMULATE_PARALLEL=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_start=$(load_average)

learn=(--retrain-every-day --feed-kind embedding --retrain-click-every-day)
for seed in $seeds; do
  simulated_world heuristic "$seed" "$setting" > "$work/heuristic-$seed.out" 2>&1 &
  simulated_world learning "$seed" "$setting" "${learn[@]}" > "$work/learning-$seed.out" 2>&1 &
  BUILD_ROOT="$baseline" simulated_world learning-baseline "$seed" "" "${learn[@]}" > "$work/learning-baseline-$seed.out" 2>&1 &
  wait
  tail -n 3 "$work"/*-"$seed".out
done

python3 bench/tools/learning_paired_report.py "$work" "$commit" "$baseline_commit" "$seeds" "$segments" "$load_start" "$out" "$setting"
