#!/usr/bin/env bash
# Quality benchmark: every model in ModelRegistry (whatever `contentgrains models` lists at run time) on MovieLens-100k,
#   1. RecBole's given split (ml-100k-split, --split given)      -> bench/results/quality-ml-100k.json
#   2. five per-user random 8:1:1 splits of ml-100k (seeds 2020…) -> bench/results/quality-ml-100k-seeds.json
# then prints a markdown table of test metrics @10 and @20 with train seconds.
#
# usage: bench/quality.sh [--readme] [--models a,b,c] [--data DIR]
#   --readme     also write the tables into README.md between <!-- quality:begin --> and <!-- quality:end -->
#   --models     a subset of the registered models (default: all of them)
#   --data       the folder holding ml-100k-split/ and ml-100k/ (default: ../shared/data)
# Train seconds are wall-clock on this machine, as loaded as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data
models=""
readme=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --readme) readme=1; shift ;;
    --models) models="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build src/ContentGrains.Cli -c Release -v quiet -nologo >/dev/null
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
models=${models:-$($cli models)}
mkdir -p bench/results

$cli evaluate --data "$data/ml-100k-split" --split given --models "$models" --k 10,20 \
  --out bench/results/quality-ml-100k.json
$cli evaluate --data "$data/ml-100k" --split RS:0.8,0.1,0.1 --seeds 5 --models "$models" --k 10,20 \
  --out bench/results/quality-ml-100k-seeds.json

args=(--in bench/results/quality-ml-100k.json --in bench/results/quality-ml-100k-seeds.json)
[[ $readme == 1 ]] && args+=(--readme README.md)
$cli quality-table "${args[@]}"
