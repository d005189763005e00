#!/usr/bin/env bash
# Import at scale, watched from outside (issue 7, the 100k-item case): why did bench/load's import of 100,000 items and
# 1M events run at 1,592 events/s with grain calls past Orleans' 30 s timeout? A fresh embedded engine imports the
# synthetic data set of `contentgrains simulate bulk` over HTTP exactly as bench/load.sh does (items 1,000 per request
# one at a time, then events at the import's defaults: 5,000 per request, 4 at a time), while a sampler reads every 2 s:
# the silo's CPU (/proc), its grain activations by type, the thread pool's queue length and threads, accepted events
# (all from GET /metrics) and the item text encoder's queue (from the silo log's counters when logged). Afterwards it
# counts in the silo log the grain calls past the response timeout, the 503 answers and the dispatches that missed grains,
# and reads the import summaries (accepted, duplicates, retried batches).
#
#   IMPORT_USERS=50000 IMPORT_ITEMS=20000 IMPORT_EVENTS=200000 IMPORT_LABEL=before bench/import-scale.sh
#
# IMPORT_TRACE_SECONDS=N (dotnet-trace on the PATH or in $DOTNET_TRACE) profiles the silo for N s from 20 s into the
# event import (profile.txt in the engine's folder, summarised by bench/tools/cpu-profile.py, also copied next to the
# result). Writes bench/results/import-scale-<people>-<items>-<events>-<label>.json with the commit and the load average.
# Bounded: the import's own time (minutes at this size) plus 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
USERS=${IMPORT_USERS:-50000}; ITEMS=${IMPORT_ITEMS:-20000}; EVENTS=${IMPORT_EVENTS:-200000}; LABEL=${IMPORT_LABEL:-run}
SIZE="$USERS-$ITEMS-$EVENTS"
DATA=${LOAD_DATA:-/tmp/contentgrains-load-$SIZE}
OUT=bench/results/import-scale-$SIZE-$LABEL.json
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM

echo "== build (Release): cli, silo"
bench_build src/ContentGrains.Cli src/ContentGrains.Silo
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
if [ ! -s "$DATA/sim.inter" ]; then
  echo "== generate the synthetic data set in $DATA"
  $CLI simulate bulk --users "$USERS" --items "$ITEMS" --events "$EVENTS" --out "$DATA" --format recbole
fi

echo "== engine"
engine_start "$@"
echo "engine at $ENGINE_URL (pid $ENGINE_PID, log $ENGINE_DIR/silo.log)"
python3 bench/tools/silo_sampler.py "$ENGINE_URL" "$ENGINE_PID" 2 > "$ENGINE_DIR/samples.jsonl" &
sampler=$!

t0=$(date +%s.%N)
# An import that stops (the CLI gave up on the engine) is a finding too: the result records it and the figures so far.
$CLI import --items "$DATA/sim.item" --format recbole --to "$ENGINE_URL" --batch "${LOAD_ITEM_BATCH:-1000}" --parallel 1 > "$ENGINE_DIR/import-items.txt" 2>&1 || true
t1=$(date +%s.%N)
if [ -n "${IMPORT_TRACE_SECONDS:-}" ]; then
  ( sleep 20
    "${DOTNET_TRACE:-dotnet-trace}" collect -p "$ENGINE_PID" --profile dotnet-sampled-thread-time \
      --duration "00:00:00:$IMPORT_TRACE_SECONDS" -o "$ENGINE_DIR/silo.nettrace" > "$ENGINE_DIR/trace.log" 2>&1 || true ) &
  tracer=$!
fi
$CLI import --events "$DATA/sim.inter" --format recbole --to "$ENGINE_URL" > "$ENGINE_DIR/import-events.txt" 2>&1 || true
t2=$(date +%s.%N)
if [ -n "${IMPORT_TRACE_SECONDS:-}" ]; then
  wait "$tracer" || true
  "${DOTNET_TRACE:-dotnet-trace}" convert --format Speedscope "$ENGINE_DIR/silo.nettrace" -o "$ENGINE_DIR/silo" >> "$ENGINE_DIR/trace.log" 2>&1 || true
  if [ -s "$ENGINE_DIR/silo.speedscope.json" ]; then
    python3 bench/tools/cpu-profile.py "$ENGINE_DIR/silo.speedscope.json" 40 > "$ENGINE_DIR/profile.txt" || true
    cp "$ENGINE_DIR/profile.txt" "bench/results/import-scale-$SIZE-$LABEL.profile.txt"
  fi
fi
sleep 10 # the dispatch's background retries, if any, show in the samples and the log
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true

python3 - "$ENGINE_DIR" "$OUT" "$commit" "$load_start" "$(load_average)" "$t0" "$t1" "$t2" "$USERS" "$ITEMS" "$EVENTS" "$LABEL" <<'PY'
import collections, json, os, re, sys
folder, out, commit, load_start, load_end, t0, t1, t2, users, items, events, label = sys.argv[1:]
t0, t1, t2 = float(t0), float(t1), float(t2)
samples = [json.loads(l) for l in open(os.path.join(folder, "samples.jsonl")) if l.strip()]
log = open(os.path.join(folder, "silo.log"), errors="replace").read()
# Orleans' own warning, one per call past the response timeout: "<caller type> -> <grain type>.<method>"
timeouts = [f"{a} -> {b}.{m}" for a, b, m in re.findall(
    r"CallbackData\[\d+\] Response did not arrive on time.*?'Request \[\S+ ([a-z.]+)[^\]]*\]->\[\S+ ([a-z.]+)/[^\]]*\] .*?\.(\w+Async)\(", log)]
summary = lambda name: [l.strip() for l in open(os.path.join(folder, name)) if l.strip()][:40]
def phase(a, b):
    s = [x for x in samples if a <= x["t"] <= b]
    if len(s) < 2: return None
    cpu = (s[-1]["cpuSeconds"] - s[0]["cpuSeconds"]) / (s[-1]["t"] - s[0]["t"])
    return {"seconds": round(b - a, 1), "siloCpuCores": round(cpu, 2),
            "threadPoolQueueMax": max(x["threadPoolQueue"] for x in s), "threadPoolThreadsMax": max(x["threadPoolThreads"] for x in s),
            "userActivationsMax": max(x["userActivations"] for x in s), "itemActivationsMax": max(x["itemActivations"] for x in s),
            "rssMegabytesMax": max(x["rssMegabytes"] for x in s), "loadAverageMax": max(x["load"] for x in s)}
def accepted(name):  # the import's own summary line "events: R read, S sent, A accepted, ..." (or "items: ... N stored")
    for line in summary(name):
        m = re.match(r"(events|items):\s+(\d+) read, (\d+) sent, (\d+) (accepted|stored)", line)
        if m and int(m.group(2)) > 0: return int(m.group(4))
    return 0
def cpu_per(a, b, count):
    s = [x for x in samples if a <= x["t"] <= b]
    return round(1000 * (s[-1]["cpuSeconds"] - s[0]["cpuSeconds"]) / count, 3) if len(s) >= 2 and count else None
def windows(a, b, width=30.0):
    """The event import in slices of `width` s: how the rate moved as grains activated, and what the store did meanwhile."""
    s = [x for x in samples if a <= x["t"] <= b]
    cuts, out = [s[0]] if s else [], []
    for x in s[1:]:
        if x["t"] - cuts[-1]["t"] >= width or x is s[-1]: cuts.append(x)
    for p, q in zip(cuts, cuts[1:]):
        dt = q["t"] - p["t"]
        d = lambda key: q.get(key, -1) - p.get(key, -1) if p.get(key, -1) >= 0 and q.get(key, -1) >= 0 else None
        per = lambda num, den: round(num / den, 4) if num is not None and den else None
        rate = lambda key: per(d(key), dt)
        out.append({"fromSecond": round(p["t"] - a), "toSecond": round(q["t"] - a), "eventsPerSecond": rate("eventsAccepted"),
                    "userActivations": q["userActivations"], "siloCpuCores": rate("cpuSeconds"),
                    "storageWritesPerSecond": rate("storageWrites"), "storageWriteMsMean": per(d("storageWriteMs"), d("storageWrites")),
                    "storageReadsPerSecond": rate("storageReads"), "storageReadMsMean": per(d("storageReadMs"), d("storageReads")),
                    "gateBusyShare": {w: rate(f"gate{w}HeldSeconds") for w in ("Log", "Snapshot", "Other")},
                    "gateWaitMsPerEntry": {w: per(None if d(f"gate{w}WaitSeconds") is None else 1000 * d(f"gate{w}WaitSeconds"), d(f"gate{w}Entries"))
                                           for w in ("Log", "Snapshot", "Other")},
                    "logCommitsPerSecond": rate("gateLogEntries"), "threadPoolQueue": q["threadPoolQueue"]})
    return out
stopped = [l for n in ("import-items.txt", "import-events.txt") for l in summary(n) if l.startswith("import: stopped")]
events_rate = accepted("import-events.txt") / (t2 - t1)
report = {
  "benchmark": "bench/import-scale.sh: the import of bench/load over HTTP into a fresh embedded engine, watched from outside",
  "label": label, "commit": commit,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; shared with other builds unless the load says otherwise",
  "data": f"synthetic (contentgrains simulate bulk --users {users} --items {items} --events {events} --format recbole)",
  "items": {**phase(t0, t1), "itemsPerSecond": round(accepted("import-items.txt") / (t1 - t0), 1),
            "siloCpuMsPerItem": cpu_per(t0, t1, accepted("import-items.txt")), "summary": summary("import-items.txt")},
  "events": {**phase(t1, t2), "eventsPerSecond": round(events_rate, 1), "siloCpuMsPerEvent": cpu_per(t1, t2, accepted("import-events.txt")),
             "summary": summary("import-events.txt"), "windows": windows(t1, t2)},
  "importStopped": stopped or None,
  "siloLog": {
    "grainCallsPastResponseTimeout": len(timeouts),
    "timeoutsByCall": dict(collections.Counter(timeouts).most_common()),
    "answered503": len(re.findall(r"Answered 503", log)),
    "dispatchesThatMissedGrains": len(re.findall(r"did not reach all their grains", log)),
    "overloadAnswers": len(re.findall(r"overloaded", log)),
  },
  "samples": samples,
}
json.dump(report, open(out, "w"), indent=1)
print(json.dumps({k: report[k] for k in ("items", "siloLog")}, indent=1))
print(json.dumps({k: v for k, v in report["events"].items()}, indent=1))
print(f"== {out}")
PY
