#!/usr/bin/env bash
# Click model on real MIND impressions (issue 7, item 2): `contentgrains evaluate --format mind` on
# ../shared/data/mind-news-sample (train 9–13 Nov 2019, model selection on 13 Nov, test on the 968 impressions of 14 Nov),
# written to bench/results/click-mind.json with the commit it ran on and the machine's state.
#
# usage: bench/click-mind.sh [--data DIR]   (default ../shared/data/mind-news-sample)
# Run it on a committed tree: the result names HEAD and says whether the tree had uncommitted changes.
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data/mind-news-sample
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build src/ContentGrains.Cli -c Release -v quiet -nologo >/dev/null
mkdir -p bench/results
raw=$(mktemp)
load=$(cut -d' ' -f1-3 /proc/loadavg)
src/ContentGrains.Cli/bin/Release/net10.0/contentgrains evaluate --format mind --data "$data" --out "$raw"

dirty=$([[ -z "$(git status --porcelain -- src)" ]] && echo false || echo true)
jq --arg commit "$(git rev-parse HEAD)" --argjson dirty "$dirty" --arg date "$(date -u +%FT%TZ)" \
   --arg machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average $load at the start (shared with other builds)" \
   '{commit: $commit, uncommittedSourceChanges: $dirty, date: $date, machine: $machine} + .' "$raw" > bench/results/click-mind.json
rm -f "$raw"
echo "wrote bench/results/click-mind.json"
