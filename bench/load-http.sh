#!/usr/bin/env bash
# HTTP feed load at the 100k scale (issue 7): 100,000 items, 100,000 people, 1,000,000 events (synthetic, from
# `contentgrains simulate bulk`), imported over HTTP into a fresh embedded engine, the embedding model trained through
# the API (POST /v1/models/train?kind=embedding, the kind the engine picks itself beyond 20,000 items), then GET feed
# requests from the compiled load generator (bench/ContentGrains.Bench.Load) against random people:
#   1. closed loop, $LOAD_CLIENTS clients (default 16) for $LOAD_SECONDS s (default 60) after a 10 s warm-up;
#   2. open loop at $LOAD_RATE feeds/s (default 500), the target rate, latency counted from each request's due time.
# Writes bench/results/load-http-100k.json (both runs, import and training times, silo RSS, commit, load average).
# The data set is kept in $LOAD_DATA (default /tmp/contentgrains-load-100k) for re-runs; the engine's folder is deleted.
# Training epochs: $LOAD_EPOCHS (default 2; the live default of 80 takes far longer than this script may run). The
# serving cost of a feed does not depend on how long the model trained. Bounded: about 6-8 minutes on 2 quiet cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
CLIENTS=${LOAD_CLIENTS:-16}; SECONDS_RUN=${LOAD_SECONDS:-60}; RATE=${LOAD_RATE:-500}; EPOCHS=${LOAD_EPOCHS:-2}
DATA=${LOAD_DATA:-/tmp/contentgrains-load-100k}
OUT=bench/results/load-http-100k.json
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM

echo "== build (Release): cli, silo, load generator"
dotnet build src/ContentGrains.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build src/ContentGrains.Silo -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ContentGrains.Bench.Load -c Release -nologo -v quiet -clp:ErrorsOnly
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
LOAD="dotnet bench/ContentGrains.Bench.Load/bin/Release/net10.0/ContentGrains.Bench.Load.dll"

if [ ! -s "$DATA/sim.inter" ]; then
  echo "== generate the synthetic data set in $DATA"
  $CLI simulate bulk --users 100000 --items 100000 --events 1000000 --out "$DATA" --format recbole
fi

echo "== engine"
engine_start --ContentGrains:Engine:Training:EmbeddingEpochs="$EPOCHS"
echo "engine at $ENGINE_URL (pid $ENGINE_PID, log $ENGINE_DIR/silo.log)"

echo "== import"
t0=$(date +%s.%N)
$CLI import --data "$DATA" --dataset sim --format recbole --to "$ENGINE_URL" > "$ENGINE_DIR/import.json"
import_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")

echo "== train (embedding, $EPOCHS epochs)"
t0=$(date +%s.%N)
$CLI train --url "$ENGINE_URL" --kind embedding --wait > "$ENGINE_DIR/train.json"
train_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
sleep 6 # the champion reaches the silo's scorer by push, or by polling within ModelRefresh (5 s)

echo "== load: closed loop, $CLIENTS clients, $SECONDS_RUN s"
$LOAD --url "$ENGINE_URL" --users 100000 --clients "$CLIENTS" --seconds "$SECONDS_RUN" --silo-pid "$ENGINE_PID" \
  --commit "$commit" --label closed --out "$ENGINE_DIR/closed.json" || true
echo "== load: open loop at $RATE feeds/s, $SECONDS_RUN s"
$LOAD --url "$ENGINE_URL" --users 100000 --clients 64 --rate "$RATE" --seconds "$SECONDS_RUN" --silo-pid "$ENGINE_PID" \
  --commit "$commit" --label open --seed 2 --out "$ENGINE_DIR/open.json" || true
peak=$(peak_rss_mb "$ENGINE_PID")

python3 - "$ENGINE_DIR" "$OUT" "$commit" "$load_start" "$(load_average)" "$import_seconds" "$train_seconds" "$peak" "$EPOCHS" <<'PY'
import json, os, sys
folder, out, commit, load_start, load_end, import_s, train_s, peak, epochs = sys.argv[1:]
read = lambda name: json.load(open(os.path.join(folder, name))) if os.path.exists(os.path.join(folder, name)) else None
report = {
  "benchmark": "HTTP feed load at 100k: GET /v1/users/{id}/feed?count=10 for random people, load generator on the same machine",
  "commit": commit,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; shared with other builds unless the load says otherwise",
  "data": "synthetic (contentgrains simulate bulk --users 100000 --items 100000 --events 1000000 --format recbole), imported over HTTP",
  "importSeconds": float(import_s), "import": read("import.json"),
  "model": f"embedding, {epochs} epochs (trained for serving cost, not quality)", "trainSeconds": float(train_s), "training": read("train.json"),
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
