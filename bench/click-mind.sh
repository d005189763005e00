#!/usr/bin/env bash
# Click model on real MIND impressions (issue 7, item 2): `contentgrains evaluate --format mind` on
# ../shared/data/mind-news-sample (train 9–13 Nov 2019, model selection on 13 Nov, test on the 968 impressions of 14 Nov),
# written to bench/results/click-mind.json with the commit it ran on and the machine's state.
#
# usage: bench/click-mind.sh [--data DIR] [--seeds "2030 2040"] [--trees blend]   (default ../shared/data/mind-news-sample)
# --trees blend: LightGBM trees chosen and blended with the MLP on the validation day (docs/models.md "LightGBM trees beside
# the MLP"); writes bench/results/click-mind-trees.json and click-mind-trees-seeds.json instead.
# --seeds: the whole run (selection and final fit) again for each further seed, beside the main run (an ensemble of 5 uses seed … seed + 4,
# so space them at least 5 apart: 2021 and 2022 would share four members); their test figures, with the main
# run's, go to bench/results/click-mind-seeds.json (mean and spread), so a figure is not one lucky seed.
# Run it on a committed tree: the result names HEAD and says whether the tree had uncommitted changes.
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data/mind-news-sample
seeds=""
trees=none
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --trees) trees="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

name=$([[ "$trees" == none ]] && echo click-mind || echo click-mind-trees)
dotnet build src/ContentGrains.Cli -c Release -v quiet -nologo >/dev/null
mkdir -p bench/results
raw=$(mktemp)
load=$(cut -d' ' -f1-3 /proc/loadavg)
runs=$(mktemp -d)
# The runs are independent single-threaded processes, so the further seeds run beside the main one.
for seed in $seeds; do
  src/ContentGrains.Cli/bin/Release/net10.0/contentgrains evaluate --format mind --data "$data" --seed "$seed" --trees "$trees" --out "$runs/raw-$seed.json" > "$runs/log-$seed.txt" 2>&1 &
done
src/ContentGrains.Cli/bin/Release/net10.0/contentgrains evaluate --format mind --data "$data" --trees "$trees" --out "$raw"
wait

dirty=$([[ -z "$(git status --porcelain -- src)" ]] && echo false || echo true)
jq --arg commit "$(git rev-parse HEAD)" --argjson dirty "$dirty" --arg date "$(date -u +%FT%TZ)" \
   --arg machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average $load at the start (shared with other builds)" \
   '{commit: $commit, uncommittedSourceChanges: $dirty, date: $date, machine: $machine} + .' "$raw" > bench/results/$name.json
rm -f "$raw"
echo "wrote bench/results/$name.json"

if [[ -z "$seeds" ]]; then rm -rf "$runs"; exit 0; fi
jq '.model + {seed: .protocol.seed, validation: (.treeSelection | if . then del(.trials) else . end)}' bench/results/$name.json > "$runs/main.json"
for seed in $seeds; do
  [[ -f "$runs/raw-$seed.json" ]] || { cat "$runs/log-$seed.txt" >&2; echo "seed $seed failed" >&2; exit 1; }
  jq '.model + {seed: .protocol.seed, validation: (.treeSelection | if . then del(.trials) else . end)}' "$runs/raw-$seed.json" > "$runs/seed-$seed.json"
done
jq -s --arg commit "$(git rev-parse HEAD)" --argjson dirty "$dirty" --arg date "$(date -u +%FT%TZ)" \
   --arg machine "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared with other builds)" '
  def stats(f): (map(f) | add / length) as $m | {mean: ($m * 10000 | round / 10000),
    sd: ((map((f - $m) * (f - $m)) | add / ((length - 1) | if . < 1 then 1 else . end)) | sqrt * 10000 | round / 10000),
    min: (map(f) | min), max: (map(f) | max)};
  {commit: $commit, uncommittedSourceChanges: $dirty, date: $date, machine: $machine,
   note: "each seed is a whole run: selection on 2019-11-13 and the final fit; test on 2019-11-14",
   runs: ., groupAuc: stats(.groupAuc), "ndcg@10": stats(.["ndcg@10"]), mrr: stats(.mrr), "ndcg@5": stats(.["ndcg@5"])}
  + (if all(.[]; .parts != null) then {mlpAloneGroupAuc: stats(.parts.mlpAlone.groupAuc), treesAloneGroupAuc: stats(.parts.treesAlone.groupAuc)} else {} end)' \
   "$runs"/main.json "$runs"/seed-*.json > bench/results/$name-seeds.json
rm -rf "$runs"
echo "wrote bench/results/$name-seeds.json"
