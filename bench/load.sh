#!/usr/bin/env bash
# bench/load (issue 9, item 6): feed latency and throughput over HTTP and through an Orleans client, memory per active and
# per idle user grain in the running silo, and durable ingestion, on the embedded default and on a two-silo PostgreSQL
# cluster. One JSON result per target: bench/results/load-embedded-<people>-<items>.json, load-cluster-….json (--out: folder).
#
#   bench/load.sh [--target embedded|cluster|both] [--users 100000] [--items 10000] [--events 500000]
#                 [--rates 250,500,1000,2000,4000] [--seconds 15] [--ingest-events 100000] [--memory-people 20000] [--out DIR]
#
# For each target: a fresh engine (SQLite in a temp folder; or a PostgreSQL server of the bench's own and two silos on it),
# the synthetic data of `contentgrains simulate bulk` (kept in /tmp/contentgrains-load-<people>-<items>-<events> for
# re-runs) imported over HTTP, the embedding model trained through the API (2 epochs: the serving cost of a feed does not
# depend on how long it trained), waits until every silo says it is ready to serve the model fast (its neighbour lists made,
# or none needed: GET /v1/models, each silo's readiness; LOAD_READY_TIMEOUT, default 600 s, bounds the wait, recorded as
# modelReady), trains the click model (clickModel: as a deployed engine has both; untrained, the engine's own schedule
# started its first click job during the sweep), waits until no silo has an item waiting for its MiniLM text vector (the import queues every item's title;
# encoding them takes one core for minutes at 100k items and ran into the 500/s measurement before: GET /metrics,
# LOAD_TEXT_VECTOR_TIMEOUT, default 1800 s, bounds the wait; LOAD_TEXT_VECTOR_WAIT=0 skips it; recorded as
# textVectorWait), then `ContentGrains.Bench.Load suite` (bench/ContentGrains.Bench.Load/LoadSuite.cs):
#   1. feed over HTTP: open loop at each rate for --seconds after a warm-up, 64 clients, latency from each request's due
#      time (p50/p99/p99.9, achieved rate, errors, late and unsent requests); per rate also the silos' CPU ms and
#      allocated bytes per feed, collections per 10,000 feeds and the text vector queue and encoder CPU during the rate
#      ("silos", SiloWatch), the generator's own CPU per feed and the share of the machine's time a hypervisor
#      stole (MachineCpu); requests spread over every silo's API;
#      the sweep stops after the first rate whose p99 passes 50 ms. Verdicts: the highest rate held with p99 <= 50 ms, and
#      whether 1,000/s held p99 <= 10 ms (the issue's target on the embedded default at 10,000 items and 100,000 people);
#   2. the same sweep through an Orleans client (ClientBuilder, static list of every silo's gateway, IUserGrain.GetFeedAsync);
#   3. memory per user grain: activations, RSS and GC heap of the silo(s) before, with --memory-people new people active,
#      and after their snapshots are written (a full collection induced in the silo before each reading; the silos
#      snapshot every 30 s here, not every 2 min, and the phase waits 45 s);
#   4. durable ingestion: the ingestion bench's workload on the imported catalog, batches of 1,000 events, 4 clients,
#      round-robin over the silos.
# ENGINE_ENV="VAR=VALUE …": the silo processes' own environment (e.g. DOTNET_GCgen0size=10000000), recorded as siloEnvironment.
# LOAD_SETTLE_SECONDS (default 60): feeds at 250/s after the set-up, not kept, before the sweeps (recorded as settleSeconds).
# LOAD_GC_EVENTS=0: no EventPipe session on the silos during the rates (the per-feed GC figures then come from /metrics only).
# Each result names the commit, the machine (cores, memory, .NET) and the load average at start and end.
# Bounded: the full size (the defaults) is estimated at 6-7 minutes per target on 2 quiet cores, under 15 for both:
# data generation once (~1 min), import ~2 min, training ~1 min, two sweeps of at most 5 rates x 15-30 s plus warm-ups
# (~3 min), memory ~1.5 min, ingestion ~15 s. Not yet timed at that size (the machine was shared while this was written).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh

TARGET=both; USERS=100000; ITEMS=10000; EVENTS=500000; RATES=250,500,1000,2000,4000; SECONDS_RATE=15
INGEST_EVENTS=100000; MEMORY_PEOPLE=20000; OUT_DIR=bench/results
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "load.sh: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --target) TARGET=$2 ;; --users) USERS=$2 ;; --items) ITEMS=$2 ;; --events) EVENTS=$2 ;; --rates) RATES=$2 ;;
    --seconds) SECONDS_RATE=$2 ;; --ingest-events) INGEST_EVENTS=$2 ;; --memory-people) MEMORY_PEOPLE=$2 ;; --out) OUT_DIR=$2 ;;
    *) echo "load.sh: unknown option '$1' (see the header of bench/load.sh)" >&2; exit 2 ;;
  esac
  shift 2
done
case "$TARGET" in embedded|cluster|both) ;; *) echo "load.sh: --target must be embedded, cluster or both (got '$TARGET')" >&2; exit 2 ;; esac

commit=$(bench_commit)
SIZE="$USERS-$ITEMS-$EVENTS"
DATA=${LOAD_DATA:-/tmp/contentgrains-load-$SIZE}
# Snapshots every 30 s (default 2 min): the memory phase waits 45 s for its people's to be written, and ingestion
# (seconds at most) ends before its own people's timers fire.
SNAPSHOT_SECONDS=30
SNAPSHOTS=(--ContentGrains:Engine:SnapshotInterval=00:00:$SNAPSHOT_SECONDS --ContentGrains:Engine:Training:EmbeddingEpochs=2)

echo "== build (Release): cli, silo, load generator"
bench_build src/ContentGrains.Cli src/ContentGrains.Silo bench/ContentGrains.Bench.Load
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
SILO="dotnet src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll"
LOAD="dotnet bench/ContentGrains.Bench.Load/bin/Release/net10.0/ContentGrains.Bench.Load.dll"

if [ ! -s "$DATA/sim.inter" ]; then
  echo "== generate the synthetic data set in $DATA"
  $CLI simulate bulk --users "$USERS" --items "$ITEMS" --events "$EVENTS" --out "$DATA" --format recbole
fi

# fill URL WORK SILOS URLS: imports the data set through one silo's API, trains the embedding model, waits until SILOS silos
# are ready to serve it fast (neighbour lists made, or none needed) and until no silo of URLS (all of them, comma-separated)
# has text vectors to make; times and the waits into WORK/setup.json
fill() {
  local url=$1 work=$2 silos=$3 all_urls=$4 t0 t1 t2
  t0=$(date +%s.%N)
  # Items 1,000 per request one request at a time (each item is a grain write; on a loaded machine a batch can outlast the
  # grain call timeout and the import gives up after its retries: LOAD_ITEM_BATCH smaller), then the events at the import's defaults.
  $CLI import --items "$DATA/sim.item" --format recbole --to "$url" --batch "${LOAD_ITEM_BATCH:-1000}" --parallel 1 > "$work/import-items.txt"
  $CLI import --events "$DATA/sim.inter" --format recbole --to "$url" > "$work/import-events.txt"
  t1=$(date +%s.%N)
  $CLI train --url "$url" --kind embedding --wait > "$work/train.json"
  t2=$(date +%s.%N)
  # The click model too, as a deployed engine has it: left untrained, the engine's own schedule (RetrainInterval, a
  # registry never trained is due at once) started its first click job a minute into the sweep, on the same cores, and its
  # log replay's survivors lengthened every collection of the rates it overlapped (session 12's GC phase figures).
  $CLI train --url "$url" --kind click --wait > "$work/train-click.json" || echo "click training ended without a champion: $(tail -c 400 "$work/train-click.json")"
  t3=$(date +%s.%N)
  # The champion reaches each silo's scorer by push (or polling within ModelRefresh); a silo's first model then makes its
  # neighbour lists behind the feeds (22.6 s at 100k items): the sweep starts once every silo says it is ready.
  wait_model_ready "$url" "$silos" "${LOAD_READY_TIMEOUT:-600}" > "$work/ready.json"
  echo "model ready: $(cat "$work/ready.json")"
  if [ "${LOAD_TEXT_VECTOR_WAIT:-1}" = 1 ]; then
    wait_text_vectors "$all_urls" "${LOAD_TEXT_VECTOR_TIMEOUT:-1800}" > "$work/text-vectors.json"
  else
    echo '{"skipped": "LOAD_TEXT_VECTOR_WAIT=0: feeds measured while the silos may still encode titles"}' > "$work/text-vectors.json"
  fi
  echo "text vectors: $(cat "$work/text-vectors.json")"
  # What a bulk import leaves behind ran into the first rates: its objects sit in the young generations until the first
  # collections under traffic promote them (at a477ed7 one gen1 promoted 279 MB in a 355 ms pause at 500/s, after 60 s of
  # idle wait: an idle silo collects nothing). So LOAD_SETTLE_SECONDS of feeds at 250/s, not kept, before the sweeps: a
  # platform does not hold its latency target during its own bulk import; the sweep measures serving after it.
  $LOAD --url "$url" --users "$USERS" --clients 16 --seconds "${LOAD_SETTLE_SECONDS:-60}" --warmup 0 --rate 250 --out "$work/settle.json" > "$work/settle.txt"
  python3 - "$work" "$t0" "$t1" "$t2" "$t3" > "$work/setup.json" <<'PY'
import json, os, sys
work, t0, t1, t2, t3 = sys.argv[1], *map(float, sys.argv[2:])
settle = int(os.environ.get("LOAD_SETTLE_SECONDS", "60"))
try: click = json.load(open(os.path.join(work, "train-click.json")))
except ValueError: click = {"status": "no answer", "why": open(os.path.join(work, "train-click.json")).read()[-400:]}
print(json.dumps({"importSeconds": round(t1 - t0, 1), "trainSeconds": round(t2 - t1, 1),
  "clickModel": {"trainSeconds": round(t3 - t2, 1), "status": click.get("status"), "why": click.get("why") or click.get("reason")},
  "settleSeconds": settle, "modelReady": json.load(open(os.path.join(work, "ready.json"))), "textVectorWait": json.load(open(os.path.join(work, "text-vectors.json")))}))
PY
}

# report TARGET WORK LOAD_START DESCRIPTION: the result file from the suite's figures, the set-up and the machine
report() {
  local target=$1 work=$2 load_start=$3 setup=$4 out="$OUT_DIR/load-$1-$USERS-$ITEMS.json"
  mkdir -p "$OUT_DIR"
  SNAPSHOT_SECONDS=$SNAPSHOT_SECONDS python3 - "$work" "$out" "$commit" "$load_start" "$(load_average)" "$target" "$setup" "$USERS" "$ITEMS" "$EVENTS" <<'PY'
import json, os, subprocess, sys
work, out, commit, load_start, load_end, target, setup, users, items, events = sys.argv[1:]
suite = json.load(open(os.path.join(work, "suite.json")))
memory_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:"))
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
report = {
  "benchmark": "bench/load: feed latency over HTTP and through an Orleans client, user grain memory, durable ingestion",
  "target": target, "setup": setup, "commit": commit,
  "machine": {"cores": os.cpu_count(), "memoryGigabytes": round(memory_kb / 1024 / 1024, 1), "dotnet": dotnet,
              "loadAverageAtStart": float(load_start), "loadAverageAtEnd": float(load_end),
              "note": "the load generator runs on the same machine as the silo(s); a load average above the core count means a shared machine"},
  "data": f"synthetic (contentgrains simulate bulk --users {users} --items {items} --events {events} --format recbole), imported over HTTP",
  **json.load(open(os.path.join(work, "setup.json"))),
  "model": "embedding, 2 epochs (trained for serving cost, not quality)",
  "snapshotIntervalSeconds": int(os.environ["SNAPSHOT_SECONDS"]),
  "siloEnvironment": os.environ.get("ENGINE_ENV", "") or "none beyond the runtimeconfig (server GC, .NET's defaults)",
  **suite,
}
json.dump(report, open(out, "w"), indent=2)
print(f"== {out}")
for path in ("feedOverHttp", "feedThroughOrleansClient"):
    s = report[path]
    print(path, "highest rate with p99 <= 50 ms:", s["highestRateWithP99AtMost50Ms"], "| 1,000/s at p99 <= 10 ms:", s["target1000PerSecondP99AtMost10Ms"])
m = report["userGrainMemory"]; print("user grain bytes: active", m["activeBytesPerGrain"], "idle", m["idleBytesPerGrain"])
print("ingestion events/s:", report["ingestion"]["eventsPerSecond"])
PY
}

suite() { # suite WORK URLS GATEWAYS PIDS
  $LOAD suite --urls "$2" --gateways "$3" --pids "$4" --users "$USERS" --rates "$RATES" --seconds "$SECONDS_RATE" \
    --events "$INGEST_EVENTS" --memory-people "$MEMORY_PEOPLE" --items-file "$DATA/sim.item" \
    --idle-wait $((SNAPSHOT_SECONDS * 3 / 2)) --out "$1/suite.json"
}

run_embedded() {
  local load_start; load_start=$(load_average)
  echo "== embedded default: one silo, SQLite"
  engine_start "${SNAPSHOTS[@]}"
  echo "engine at $ENGINE_URL (pid $ENGINE_PID, gateway $ENGINE_GATEWAY_PORT, log $ENGINE_DIR/silo.log)"
  fill "$ENGINE_URL" "$ENGINE_DIR" 1 "$ENGINE_URL"
  suite "$ENGINE_DIR" "$ENGINE_URL" "127.0.0.1:$ENGINE_GATEWAY_PORT" "$ENGINE_PID"
  report embedded "$ENGINE_DIR" "$load_start" "one silo process, embedded default (SQLite file in a temp folder)"
  engine_stop
}

CLUSTER_DIRS=(); CLUSTER_PIDS=()
stop_cluster() {
  local pid dir
  for pid in "${CLUSTER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CLUSTER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  CLUSTER_PIDS=()
  postgres_stop
  if [ "${KEEP_ENGINE_DIR:-0}" != 1 ]; then for dir in "${CLUSTER_DIRS[@]}"; do rm -rf "$dir"; done; fi
  CLUSTER_DIRS=()
}

run_cluster() {
  local load_start urls=() gateways=() pids=() name
  load_start=$(load_average)
  echo "== cluster: two silos on PostgreSQL"
  postgres_start
  $SILO schema apply --profile postgres --postgres "$PG_CONNECTION" > "$PG_DIR/schema.txt"
  for name in load-a load-b; do
    engine_start --profile postgres --postgres "$PG_CONNECTION" --silo-name "$name" --advertised-ip 127.0.0.1 "${SNAPSHOTS[@]}"
    CLUSTER_DIRS+=("$ENGINE_DIR"); CLUSTER_PIDS+=("$ENGINE_PID")
    urls+=("$ENGINE_URL"); gateways+=("127.0.0.1:$ENGINE_GATEWAY_PORT"); pids+=("$ENGINE_PID")
    echo "silo $name at $ENGINE_URL (pid $ENGINE_PID, gateway $ENGINE_GATEWAY_PORT, log $ENGINE_DIR/silo.log)"
  done
  ENGINE_PID="" # the cluster's silos are stopped by stop_cluster, not engine_stop
  local work=${CLUSTER_DIRS[0]}
  fill "${urls[0]}" "$work" "${#urls[@]}" "$(IFS=,; echo "${urls[*]}")"
  suite "$work" "$(IFS=,; echo "${urls[*]}")" "$(IFS=,; echo "${gateways[*]}")" "$(IFS=,; echo "${pids[*]}")"
  report cluster "$work" "$load_start" "two silo processes on one PostgreSQL server of the bench's own (fsync on), HTTP requests round-robin over both APIs"
  stop_cluster
}

trap 'engine_stop; stop_cluster' EXIT INT TERM
if [ "$TARGET" != cluster ]; then run_embedded; fi
if [ "$TARGET" != embedded ]; then run_cluster; fi
