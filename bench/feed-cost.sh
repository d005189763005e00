#!/usr/bin/env bash
# CPU per feed against catalog size (issue 7, "Scale": per-feed cost must not grow with the catalog). For synthetic
# catalogs (default 10k and 100k items; add 1000000 with --sizes), builds what a silo serves (catalog view, an
# embedding model with topic-clustered random vectors and the host's vector index: exact below 20,000 items, HNSW
# above; profiles built by ProfileUpdater) and times ProfileUpdater.FeedUserAt + FeedPipeline.Build for random people
# on one thread, after one warm-up feed per person. Writes bench/results/feed-cost.json with the commit and the load.
# Extra arguments go to the bench, e.g. --sizes 10000,100000,1000000 --people 20000 --feeds 5000 --count 10.
# On an HNSW catalog, --first-fetch 1.25,2 measures HnswOptions.FilteredFirstFetch values one after the other on one world,
# each with the person's search probed against the exact scan (recall@200, its own CPU; --probe-people N, default 300).
# --stages: bytes allocated per feed in each stage of the feed's path (the person's view, pool, rank, choose, answer:
# FeedPipeline's IFeedStageObserver) over a fixed set of feeds (--stage-feeds, default 3000), with a SHA-256 digest of
# those feeds' ids, scores and reasons: a change that allocates less must leave the digest as it was. With
# --allocation-types, the top types by the runtime's allocation ticks. --impressions-per-person N gives each person N
# impressions (their tag response and recently shown then take part), e.g.
#   bench/feed-cost.sh --sizes 10000 --impressions-per-person 40 --feeds 2000 --probe-people 0 --stages --allocation-types --out bench/results/x.json
# FEEDCOST_TRACE_SECONDS=N: a dotnet-trace profile (DOTNET_TRACE: its path) of N s of each size's measured feeds, cut
# into the pipeline's stages by bench/tools/feed-breakdown.py: bench/results/feed-cost-breakdown-<items>.json (give
# enough --feeds to outlast N s).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
# Without the tool every size's trace came out empty and the run said nothing (session 21's machine lacked it).
if [ -n "${FEEDCOST_TRACE_SECONDS:-}" ] && ! command -v "${DOTNET_TRACE:-dotnet-trace}" > /dev/null; then
  echo "feed-cost.sh: FEEDCOST_TRACE_SECONDS needs dotnet-trace (dotnet tool install -g dotnet-trace, then ~/.dotnet/tools on PATH, or DOTNET_TRACE=PATH); perf record with DOTNET_PerfMapEnabled=1 and bench/tools/perf-jit-report.py is the other way" >&2
  exit 2
fi
commit=$(bench_commit)
bench_build bench/ContentGrains.Bench.FeedCost
out=bench/results/feed-cost.json
for ((i = 1; i <= $#; i++)); do if [ "${!i}" = --out ]; then j=$((i + 1)); out=${!j}; fi; done
if [ -z "${FEEDCOST_TRACE_SECONDS:-}" ]; then
  exec dotnet bench/ContentGrains.Bench.FeedCost/bin/Release/net10.0/ContentGrains.Bench.FeedCost.dll --commit "$commit" --out "$out" "$@"
fi

traces=$(mktemp -d /tmp/cg-feedcost-trace-XXXXXX)
FEEDCOST_READY_FILE="$traces/ready" dotnet bench/ContentGrains.Bench.FeedCost/bin/Release/net10.0/ContentGrains.Bench.FeedCost.dll \
  --commit "$commit" --out "$out" "$@" &
bench_pid=$!
traced=""
while kill -0 "$bench_pid" 2>/dev/null; do
  for ready in "$traces"/ready.*; do
    [ -e "$ready" ] || continue
    size=${ready##*.}
    case " $traced " in *" $size "*) continue ;; esac
    traced="$traced $size"
    "${DOTNET_TRACE:-dotnet-trace}" collect -p "$(cat "$ready")" --profile dotnet-sampled-thread-time \
      --duration "00:00:00:$FEEDCOST_TRACE_SECONDS" -o "$traces/$size.nettrace" > "$traces/$size.log" 2>&1 || true
    "${DOTNET_TRACE:-dotnet-trace}" convert --format Speedscope "$traces/$size.nettrace" -o "$traces/$size" >> "$traces/$size.log" 2>&1 || true
  done
  sleep 1
done
wait "$bench_pid"
for speedscope in "$traces"/*.speedscope.json; do
  [ -e "$speedscope" ] || continue
  size=$(basename "$speedscope" .speedscope.json)
  cpu=$(python3 -c "import json; print(next(r['cpuMicrosPerFeedMean'] for r in json.load(open('$out'))['runs'] if r['items'] == $size))")
  commit=$(python3 -c "import json; print(json.load(open('$out'))['commit'])") # the breakdown is of that run's profile
  python3 bench/tools/feed-breakdown.py "$speedscope" "$cpu" "$commit" > "bench/results/feed-cost-breakdown-$size.json"
  python3 bench/tools/cpu-profile.py "$speedscope" 50 > "$traces/$size-profile.txt" || true
  echo "breakdown: bench/results/feed-cost-breakdown-$size.json (profile: $traces/$size-profile.txt)"
done
