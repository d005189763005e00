#!/usr/bin/env bash
# CPU and allocation per feed over HTTP, for runtime settings and code changes (issue 9 and issue 7 latency targets: at
# 1,000 feeds/s on 2 cores the tail is queueing, so every 0.1 ms of CPU per feed counts). Wall-clock latency on a shared
# machine measures the queue for a core; the silo's CPU seconds per answered feed and its allocated bytes per feed do not
# depend on that queue nearly as much, so this bench reports those.
#
#   bench/feed-cpu.sh                                   # 10,000 items, 20,000 people, 200,000 events; the default variants
#   FEEDCPU_ITEMS=100000 bench/feed-cpu.sh              # the 100k catalog (HNSW retrieval)
#   FEEDCPU_VARIANTS="default workstation-gc:DOTNET_gcServer=0" bench/feed-cpu.sh
#   FEEDCPU_TRACE_SECONDS=15 bench/feed-cpu.sh          # also a dotnet-trace profile of each warm pass, cut into stages
#
# Once per size: the synthetic data set (`contentgrains simulate bulk`), imported over HTTP into an engine, the embedding
# model trained (2 epochs: serving cost does not depend on training length), the engine stopped (snapshots written) and
# its data folder kept in $FEEDCPU_PREPARED (default /tmp/cg-feedcpu-<people>-<items>-<events>). Then for each variant
# (NAME or NAME:VAR=VALUE,VAR=VALUE: environment of the silo process, e.g. DOTNET_gcServer=0) a fresh silo on a copy
# of that folder, and two closed-loop passes of $FEEDCPU_CLIENTS clients (default 8) from the compiled load generator:
#   cold: $FEEDCPU_COLD_SECONDS s (default 10) with no warm-up, right after start: most feeds are a person's first since
#         the silo started, so each pays the grain's activation (snapshot read + log replay after it), as the 100k
#         bench's people do when the collection age has passed;
#   warm: $FEEDCPU_SECONDS s (default 30) after a 10 s warm-up, among $FEEDCPU_WARM_PEOPLE people (default 200: all active
#         after the warm-up, as a silo's active audience).
# A variant's settings that start with -- are the silo's arguments (e.g. --ContentGrains:Engine:NeighbourListsAtLoad=0).
# Writes bench/results/feed-cpu-<people>-<items>-<events>.json (FEEDCPU_OUT to override) with the commit and load.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
USERS=${FEEDCPU_USERS:-20000}; ITEMS=${FEEDCPU_ITEMS:-10000}; EVENTS=${FEEDCPU_EVENTS:-200000}
CLIENTS=${FEEDCPU_CLIENTS:-8}; SECONDS_WARM=${FEEDCPU_SECONDS:-30}; SECONDS_COLD=${FEEDCPU_COLD_SECONDS:-10}
VARIANTS=${FEEDCPU_VARIANTS:-default}
SIZE="$USERS-$ITEMS-$EVENTS"
DATA=/tmp/contentgrains-load-$SIZE
PREPARED=${FEEDCPU_PREPARED:-/tmp/cg-feedcpu-$SIZE}
OUT=${FEEDCPU_OUT:-bench/results/feed-cpu-$SIZE.json}
RUNS=$(mktemp -d /tmp/cg-feedcpu-runs-XXXXXX)
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM

bench_build src/ContentGrains.Cli src/ContentGrains.Silo bench/ContentGrains.Bench.Load
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
LOAD="dotnet bench/ContentGrains.Bench.Load/bin/Release/net10.0/ContentGrains.Bench.Load.dll"

if [ ! -d "$PREPARED/data" ]; then
  [ -s "$DATA/sim.inter" ] || $CLI simulate bulk --users "$USERS" --items "$ITEMS" --events "$EVENTS" --out "$DATA" --format recbole
  echo "== prepare: import and train once into $PREPARED"
  engine_start --ContentGrains:Engine:Training:EmbeddingEpochs=2
  $CLI import --items "$DATA/sim.item" --format recbole --to "$ENGINE_URL" --batch "${LOAD_ITEM_BATCH:-1000}" --parallel 1 > "$ENGINE_DIR/import-items.json"
  $CLI import --events "$DATA/sim.inter" --format recbole --to "$ENGINE_URL" > "$ENGINE_DIR/import.json"
  $CLI train --url "$ENGINE_URL" --kind embedding --wait > "$ENGINE_DIR/train.json"
  kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true # deactivation writes every dirty grain's snapshot
  mkdir -p "$PREPARED"; cp -a "$ENGINE_DIR/data" "$PREPARED/data"; rm -rf "$ENGINE_DIR"; ENGINE_PID=""
fi

for variant in $VARIANTS; do
  name=${variant%%:*}; settings=""; [ "$variant" != "$name" ] && settings=${variant#*:}
  echo "== variant $name ${settings:+($settings)}"
  silo_args=()
  for kv in ${settings//,/ }; do if [[ $kv == --* ]]; then silo_args+=("$kv"); else export "${kv?}"; fi; done
  ENGINE_DATA_FROM="$PREPARED/data" engine_start "${silo_args[@]}"
  for kv in ${settings//,/ }; do [[ $kv == --* ]] || unset "${kv%%=*}"; done
  curl -sf "$ENGINE_URL/v1/users/warm-up/feed?count=10" > /dev/null # the model, catalog view and JIT of the first request
  # The model's neighbour lists are made behind the first feeds when a silo starts: wait for them (unless turned off),
  # so that the cold pass measures the people's activations and not that one-off work.
  if [[ $settings != *NeighbourListsAtLoad=0* ]]; then
    for _ in $(seq 1 600); do grep -q "made the neighbour lists" "$ENGINE_DIR/silo.log" && break; sleep 0.5; done
    grep -o "made the neighbour lists.*" "$ENGINE_DIR/silo.log" || echo "(no neighbour lists made at load)"
  fi
  $LOAD --url "$ENGINE_URL" --users "$USERS" --clients "$CLIENTS" --seconds "$SECONDS_COLD" --warmup 0 --silo-pid "$ENGINE_PID" \
    --commit "$commit" --label "$name cold" --seed 11 --out "$RUNS/$name-cold.json"
  # The warm pass asks $FEEDCPU_WARM_PEOPLE people only (default 200), so that its warm-up activates nearly all of them
  # even on a loaded machine: what a silo serving its active audience does.
  $LOAD --url "$ENGINE_URL" --users "${FEEDCPU_WARM_PEOPLE:-200}" --clients "$CLIENTS" --seconds "$SECONDS_WARM" --warmup 10 --silo-pid "$ENGINE_PID" \
    --commit "$commit" --label "$name warm" --seed 12 --out "$RUNS/$name-warm.json" &
  load_pid=$!
  if [ -n "${FEEDCPU_TRACE_SECONDS:-}" ]; then
    sleep 15 # inside the measured part of the warm pass
    "${DOTNET_TRACE:-dotnet-trace}" collect -p "$ENGINE_PID" --profile dotnet-sampled-thread-time \
      --duration "00:00:00:$FEEDCPU_TRACE_SECONDS" -o "$RUNS/$name.nettrace" > "$RUNS/$name-trace.log" 2>&1 || true
  fi
  wait "$load_pid"
  # The GC threads the silo runs (".NET SVR GC" per heap under the server GC, ".NET BGC" for background GC): shows which
  # GC the variant's settings gave.
  cat /proc/"$ENGINE_PID"/task/*/comm 2>/dev/null | grep -i "gc" | sort | uniq -c | tr -s ' ' > "$RUNS/$name-gc-threads.txt" || true
  if [ -s "$RUNS/$name.nettrace" ]; then
    "${DOTNET_TRACE:-dotnet-trace}" convert --format Speedscope "$RUNS/$name.nettrace" -o "$RUNS/$name" >> "$RUNS/$name-trace.log" 2>&1 || true
    cpu=$(python3 -c "import json; print(json.load(open('$RUNS/$name-warm.json'))['siloCpuMsPerFeed'] * 1000)")
    python3 bench/tools/feed-breakdown.py "$RUNS/$name.speedscope.json" "$cpu" > "$RUNS/$name-breakdown.json" || true
    python3 bench/tools/cpu-profile.py "$RUNS/$name.speedscope.json" 60 > "$RUNS/$name-profile.txt" || true
  fi
  engine_stop
done

python3 - "$RUNS" "$OUT" "$commit" "$load_start" "$(load_average)" "$VARIANTS" "$USERS" "$ITEMS" "$EVENTS" "$CLIENTS" <<'PY'
import json, os, sys
runs, out, commit, load_start, load_end, variants, users, items, events, clients = sys.argv[1:]
read = lambda name: json.load(open(os.path.join(runs, name))) if os.path.exists(os.path.join(runs, name)) else None
keep = ("requests", "feedsPerSecond", "siloCpuCores", "siloCpuMsPerFeed", "siloAllocatedBytesPerFeed", "loadGeneratorCpuMsPerFeed",
        "latencyMs", "errors", "siloGcPer10000Feeds", "siloThreadPoolQueueLength", "siloRssMegabytes", "machine")
pick = lambda r: {k: r.get(k) for k in keep} if r else None
result = {
  "benchmark": f"CPU and allocation per feed over HTTP: GET /v1/users/{{id}}/feed?count=10, closed loop, {clients} clients, load generator on the same machine",
  "commit": commit,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; CPU per feed is the silo process's CPU seconds over answered feeds (background work included)",
  "data": f"synthetic (contentgrains simulate bulk --users {users} --items {items} --events {events}), imported over HTTP; embedding model, 2 epochs",
  "variants": [],
}
for variant in variants.split():
  name = variant.split(":")[0]
  result["variants"].append({"name": name, "settings": variant[len(name) + 1:] or None,
    "gcThreads": open(os.path.join(runs, f"{name}-gc-threads.txt")).read().strip().splitlines() if os.path.exists(os.path.join(runs, f"{name}-gc-threads.txt")) else None,
    "cold": pick(read(f"{name}-cold.json")), "warm": pick(read(f"{name}-warm.json")), "warmBreakdown": read(f"{name}-breakdown.json")})
json.dump(result, open(out, "w"), indent=2)
for v in result["variants"]:
  c, w = v["cold"] or {}, v["warm"] or {}
  print(f"{v['name']:>24}: cold {c.get('siloCpuMsPerFeed')} ms/feed {c.get('siloAllocatedBytesPerFeed')} B/feed; warm {w.get('siloCpuMsPerFeed')} ms/feed {w.get('siloAllocatedBytesPerFeed')} B/feed, {w.get('feedsPerSecond')} feeds/s, generator {w.get('loadGeneratorCpuMsPerFeed')} ms/feed, GC per 10k feeds {w.get('siloGcPer10000Feeds')}, queue {w.get('siloThreadPoolQueueLength')}")
print(f"wrote {out} (runs in {runs})")
PY
