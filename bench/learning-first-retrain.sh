#!/usr/bin/env bash
# bench/learning-first-retrain (issue 7; docs/models.md "The click model's gate"): what the click model's gate
# decides at bench/learning's first retrain, on what evidence, and what day 1 then serves.
#
#   bench/learning-first-retrain.sh [--seed 1] [--users 300] [--items 600] [--out FILE]
#
# bench/learning's world (`contentgrains simulate`, the same people, items and feeds of 10) for two days only: day 0,
# the retrain, day 1. Two fresh embedded engines, no retrain schedule:
#   heuristic — never retrained (what serves without any model);
#   learning  — the embedding model and the click model trained after day 0, as bench/learning's learning policy.
# After the learning run it reads GET /v1/models?model=click: the click version's held-out feeds (with a click and a
# miss), AUC, group AUC and log-loss, its status, and from the gate's reason the weighted ranking's AUC, group AUC and
# base-rate log-loss and the per-feed paired AUC lift ± SE. It applies the rule the gate had before the noise bound (main
# before s15-clickgate: AUC and group AUC above the ranking's by the tolerance, log-loss below the base rate's) to the same
# figures, so one run shows both decisions. Day 1's CTR and expected CTR (the oracle's click probability of what was
# shown) of both policies say what the decision cost or saved. Writes bench/results/learning-first-retrain.json (or --out)
# with the commit. About 5 minutes on this shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=1; users=300; items=600; out=bench/results/learning-first-retrain.json
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "bench/learning-first-retrain.sh: unknown option $1 (known: --seed, --users, --items, --out)" >&2; exit 2 ;;
  esac
done
source bench/tools/engine.sh
# ENGINE_SILO_BUILD=DIR (engine.sh) runs another build's silo, e.g. a copy of main's build from before this gate, for a
# "before" figure; SILO_COMMIT then names the commit that build came from, and is the result's commit.
commit=${SILO_COMMIT:-$(bench_commit)}
bench_build src/ContentGrains.Silo src/ContentGrains.Cli
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
work=$(mktemp -d)
trap 'engine_stop; rm -rf "$work"' EXIT

# run_policy POLICY SIMULATE-OPTIONS…: one fresh engine, two simulated days, its report in $work/POLICY.json.
run_policy() {
  local policy=$1; shift
  engine_start --ContentGrains:Engine:RetrainInterval=00:00:00
  echo "== seed $seed, $policy"
  $CLI simulate --url "$ENGINE_URL" --users "$users" --items "$items" --days 2 --seed "$seed" --feed-size 10 \
    --parallel "${SIMULATE_PARALLEL:-4}" --out "$work/$policy.json" "$@"
  if [[ "$policy" == learning ]]; then curl -sf "$ENGINE_URL/v1/models?model=click" > "$work/click-registry.json"; fi
  engine_stop
}

run_policy heuristic
run_policy learning --retrain-every-day --feed-kind embedding --retrain-click-every-day

python3 bench/tools/learning_first_retrain_report.py "$work" "$commit" "$seed" "$users" "$items" "$(load_average)" "$out"
