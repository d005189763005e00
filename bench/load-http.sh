#!/usr/bin/env bash
# HTTP feed load at the 100k scale (issue 7): 100,000 items, 100,000 people, 1,000,000 events (synthetic, from
# `contentgrains simulate bulk`; LOAD_USERS, LOAD_ITEMS, LOAD_EVENTS change the size), imported over HTTP into a fresh embedded engine, the embedding model trained through
# the API (POST /v1/models/train?kind=embedding, the kind the engine picks itself beyond 20,000 items), then GET feed
# requests from the compiled load generator (bench/ContentGrains.Bench.Load) against random people:
#   1. closed loop, $LOAD_CLIENTS clients (default 16) for $LOAD_SECONDS s (default 60) after a 10 s warm-up;
#   2. open loop at $LOAD_RATE feeds/s (default 500), the target rate, latency counted from each request's due time.
# Writes bench/results/load-http-100k.json (another size: load-http-<people>.json) with both runs, import and training
# times, silo RSS, commit and load average. The data set is kept in $LOAD_DATA (default /tmp/contentgrains-load-<people>)
# for re-runs; the engine's folder is deleted (kept with KEEP_ENGINE_DIR=1). LOAD_TRACE_SECONDS=N profiles the silo's CPU for
# N s of the closed loop with dotnet-trace (DOTNET_TRACE: its path) into the engine's folder (profile.txt; keep the folder).
# Before the load, it waits (LOAD_READY_TIMEOUT, default 600 s) until the silo says it is ready to serve the model fast
# (GET /v1/models: its readiness; recorded as modelReady). Training epochs: $LOAD_EPOCHS (default 2; the live default of 80 takes far longer than this script may run). The
# serving cost of a feed does not depend on how long the model trained. Bounded: about 6-8 minutes on 2 quiet cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
CLIENTS=${LOAD_CLIENTS:-16}; SECONDS_RUN=${LOAD_SECONDS:-60}; RATE=${LOAD_RATE:-500}; EPOCHS=${LOAD_EPOCHS:-2}
USERS=${LOAD_USERS:-100000}; ITEMS=${LOAD_ITEMS:-100000}; EVENTS=${LOAD_EVENTS:-1000000}
SIZE=$([ "$USERS" = 100000 ] && [ "$ITEMS" = 100000 ] && [ "$EVENTS" = 1000000 ] && echo 100k || echo "$USERS-$ITEMS-$EVENTS")
DATA=${LOAD_DATA:-/tmp/contentgrains-load-$SIZE}
OUT=bench/results/load-http-$SIZE.json
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM

echo "== build (Release): cli, silo, load generator"
bench_build src/ContentGrains.Cli src/ContentGrains.Silo bench/ContentGrains.Bench.Load
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
LOAD="dotnet bench/ContentGrains.Bench.Load/bin/Release/net10.0/ContentGrains.Bench.Load.dll"

if [ ! -s "$DATA/sim.inter" ]; then
  echo "== generate the synthetic data set in $DATA"
  $CLI simulate bulk --users "$USERS" --items "$ITEMS" --events "$EVENTS" --out "$DATA" --format recbole
fi

echo "== engine"
engine_start --ContentGrains:Engine:Training:EmbeddingEpochs="$EPOCHS"
echo "engine at $ENGINE_URL (pid $ENGINE_PID, log $ENGINE_DIR/silo.log)"

echo "== import"
t0=$(date +%s.%N)
# Items first, 1,000 per request one request at a time: every item is one grain write to the store, and 4 × 5,000 at once
# outlast the grain call timeout on a loaded machine (LOAD_ITEM_BATCH: smaller still there). Then the events at the import's defaults.
$CLI import --items "$DATA/sim.item" --format recbole --to "$ENGINE_URL" --batch "${LOAD_ITEM_BATCH:-1000}" --parallel 1 > "$ENGINE_DIR/import-items.json"
$CLI import --events "$DATA/sim.inter" --format recbole --to "$ENGINE_URL" > "$ENGINE_DIR/import.json"
import_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")

echo "== train (embedding, $EPOCHS epochs)"
t0=$(date +%s.%N)
$CLI train --url "$ENGINE_URL" --kind embedding --wait > "$ENGINE_DIR/train.json"
train_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
# The champion reaches the silo's scorer by push (or polling within ModelRefresh); its first model then makes its neighbour
# lists behind the feeds (22.6 s at 100k items): the load starts once the silo says it is ready to serve it fast.
wait_model_ready "$ENGINE_URL" 1 "${LOAD_READY_TIMEOUT:-600}" > "$ENGINE_DIR/ready.json"
echo "model ready: $(cat "$ENGINE_DIR/ready.json")"

echo "== load: closed loop, $CLIENTS clients, $SECONDS_RUN s"
$LOAD --url "$ENGINE_URL" --users "$USERS" --clients "$CLIENTS" --seconds "$SECONDS_RUN" --silo-pid "$ENGINE_PID" \
  --commit "$commit" --label closed --out "$ENGINE_DIR/closed.json" &
load_pid=$!
if [ -n "${LOAD_TRACE_SECONDS:-}" ]; then
  # A CPU profile of the silo during the closed loop's measured seconds (after its 10 s warm-up): sampled thread time
  # from dotnet-trace ($DOTNET_TRACE), summarised by bench/tools/cpu-profile.py into $ENGINE_DIR/profile.txt.
  sleep 15
  "${DOTNET_TRACE:-dotnet-trace}" collect -p "$ENGINE_PID" --profile dotnet-sampled-thread-time \
    --duration "00:00:00:$LOAD_TRACE_SECONDS" -o "$ENGINE_DIR/silo.nettrace" > "$ENGINE_DIR/trace.log" 2>&1 || true
  "${DOTNET_TRACE:-dotnet-trace}" convert --format Speedscope "$ENGINE_DIR/silo.nettrace" -o "$ENGINE_DIR/silo" >> "$ENGINE_DIR/trace.log" 2>&1 || true
fi
wait "$load_pid" || true
if [ -s "$ENGINE_DIR/silo.speedscope.json" ]; then
  python3 bench/tools/cpu-profile.py "$ENGINE_DIR/silo.speedscope.json" 120 > "$ENGINE_DIR/profile.txt" || true
  echo "CPU profile of the closed loop: $ENGINE_DIR/profile.txt"
fi
echo "== load: open loop at $RATE feeds/s, $SECONDS_RUN s"
$LOAD --url "$ENGINE_URL" --users "$USERS" --clients 64 --rate "$RATE" --seconds "$SECONDS_RUN" --silo-pid "$ENGINE_PID" \
  --commit "$commit" --label open --seed 2 --out "$ENGINE_DIR/open.json" || true
peak=$(peak_rss_mb "$ENGINE_PID")

python3 - "$ENGINE_DIR" "$OUT" "$commit" "$load_start" "$(load_average)" "$import_seconds" "$train_seconds" "$peak" "$EPOCHS" "$USERS" "$ITEMS" "$EVENTS" <<'PY'
import json, os, sys
folder, out, commit, load_start, load_end, import_s, train_s, peak, epochs, users, items, events = sys.argv[1:]
read = lambda name: json.load(open(os.path.join(folder, name))) if os.path.exists(os.path.join(folder, name)) else None
# import prints text: keep its summary lines
summary = lambda name: [l.strip() for l in open(os.path.join(folder, name)) if l.startswith(("events:", "items:", "users:", "note:"))]
report = {
  "benchmark": f"HTTP feed load at {int(users):,} people and {int(items):,} items: GET /v1/users/{{id}}/feed?count=10 for random people, load generator on the same machine",
  "commit": commit,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; shared with other builds unless the load says otherwise",
  "data": f"synthetic (contentgrains simulate bulk --users {users} --items {items} --events {events} --format recbole), imported over HTTP",
  "importItems": summary("import-items.json"),
  "importSeconds": float(import_s), "import": summary("import.json"),
  "model": f"embedding, {epochs} epochs (trained for serving cost, not quality)", "trainSeconds": float(train_s), "training": read("train.json"),
  "modelReady": read("ready.json"),
  "closedLoop": read("closed.json"), "openLoop": read("open.json"),
  "siloPeakRssMegabytes": float(peak),
  "target": ">= 500 feeds/s at p99 <= 20 ms",
}
json.dump(report, open(out, "w"), indent=2)
print(json.dumps({k: report[k] for k in ("importSeconds", "trainSeconds", "siloPeakRssMegabytes")}))
for name in ("closedLoop", "openLoop"):
    r = report[name]
    if r: print(name, r["feedsPerSecond"], "feeds/s", r["latencyMs"], "errors", r["errors"])
PY
