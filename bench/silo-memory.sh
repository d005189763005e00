#!/usr/bin/env bash
# Where the silo's memory goes at MovieLens latest-small's shape (issue 7: the retrain through the API within 1 GB RSS).
# The same flow as bench/latest-small.sh (synthetic data at latest-small's shape: 610 people, 9,724 items, 100,836
# ratings; a fresh embedded engine; items then events imported over HTTP; one training job of the default kind), with the
# silo's memory read at each step: RSS, the kernel's peak (VmHWM), RSS by mapping (/proc/PID/smaps: the MiniLM assembly,
# libtorch, ONNX Runtime, JIT code, anonymous memory) and the GC's own view from /metrics (heap size by generation,
# committed bytes). Runtime settings to compare go in the environment (DOTNET_gcServer=0, DOTNET_GCConserveMemory=N …)
# and are recorded with the result.
#   bench/silo-memory.sh LABEL [SILO-ARGS…]   → bench/results/silo-memory-LABEL.json
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
LABEL=${1:?a label for the result file}; shift
DATA=${LATEST_SMALL_DATA:-/tmp/contentgrains-latest-small-shape}
OUT=bench/results/silo-memory-$LABEL.json
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM
bench_build src/ContentGrains.Cli src/ContentGrains.Silo
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
[ -s "$DATA/sim.inter" ] || $CLI simulate bulk --users 610 --items 9724 --events 100836 --out "$DATA" --format recbole
# The silo runs from a copy of its build: another silo running from the same build folder (a second bench, a test) maps the
# same MiniLM DLL, and Linux then keeps its model pages resident in this silo too (engine.sh, private_silo_build).
private_silo_build
work=$(mktemp -d); trap 'engine_stop; rm -rf "$work" "$ENGINE_SILO_BUILD"' EXIT INT TERM

# step NAME: one JSON line of the silo's memory now
step() { python3 bench/tools/silo_memory.py "$ENGINE_PID" "$ENGINE_URL" "$1" >> "$work/steps.jsonl"; tail -n 1 "$work/steps.jsonl"; }

engine_start "$@"
step started
$CLI import --items "$DATA/sim.item" --format recbole --to "$ENGINE_URL" --batch 1000 --parallel 1 > /dev/null
step items-imported
$CLI import --events "$DATA/sim.inter" --format recbole --to "$ENGINE_URL" > /dev/null
step events-imported
# The text vectors' worker encodes the imported items in the background (about 25 s of one core for 9,724 texts, minutes
# on a loaded machine): wait until it has none left (SILO_MEMORY_WAIT_FOR_TEXT=0 does not), then 30 s for the snapshots
# to settle, so every run starts its job from the same state: an import finished, its text encoded, the encoder idle.
text_wait_start=$(date +%s)
if [ "${SILO_MEMORY_WAIT_FOR_TEXT:-1}" = 1 ]; then
  for _ in $(seq 1 600); do
    waiting=$(curl -sf "$ENGINE_URL/metrics" | python3 -c "import re, sys; w = re.findall(r'^contentgrains_text_vectors_waiting\{.*\} (\S+)', sys.stdin.read(), re.M); print(sum(map(float, w)) if w else -1)" || echo -1)
    [ "$waiting" = "0" ] || [ "$waiting" = "0.0" ] && break
    [ "$waiting" = "-1" ] && { missing=$(( ${missing:-0} + 1 )); [ "$missing" -ge 15 ] && break; } # no worker metric: nothing to wait for
    sleep 2
  done
fi
text_wait_seconds=$(( $(date +%s) - text_wait_start ))
sleep 30
step before-training
t0=$(date +%s.%N)
# The job starts, then the silo's memory is sampled every SILO_MEMORY_SAMPLE_SECONDS (default 1; 0: not at all) with the
# job's phase (reading, training, evaluating, …) until the job ends: the peak's own breakdown (the C heap's arenas against
# the GC's reservation and libtorch's code, the bytes allocated between samples) says which phase grows what.
$CLI train --url "$ENGINE_URL" > "$work/started.json"
job=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['id'])" "$work/started.json")
interval=${SILO_MEMORY_SAMPLE_SECONDS:-1}
while true; do
  kill -0 "$ENGINE_PID" 2>/dev/null || { echo "the silo exited during the training job:"; tail -30 "$ENGINE_DIR/silo.log"; exit 1; }
  curl -sf "$ENGINE_URL/v1/models/jobs/$job" > "$work/train.json" || { sleep 1; continue; } # a busy silo may miss one status call
  read -r active phase < <(python3 -c "import json, sys; j = json.load(open(sys.argv[1])); print(j['isActive'], j['phase'])" "$work/train.json")
  [ "$active" = True ] || break
  if [ "$interval" != 0 ]; then
    python3 bench/tools/silo_memory.py "$ENGINE_PID" "$ENGINE_URL" "training+$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")s" "$phase" >> "$work/samples.jsonl" 2>/dev/null || true
    sleep "$interval"
  else sleep 1; fi
done
train_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
# Whether the job found the text encoder's session idle and freed it (TrainerGrain logs it; 0 when it was still encoding or already released).
encoder_released=$(grep -c "released the idle text encoder" "$ENGINE_DIR/silo.log" || true)
step after-training

python3 - "$work" "$OUT" "$commit" "$LABEL" "$load_start" "$(load_average)" "$train_seconds" "$encoder_released" "$text_wait_seconds" <<'PY'
import json, os, sys
work, out, commit, label, load_start, load_end, train_s, encoder_released, text_wait_s = sys.argv[1:]
steps = [json.loads(l) for l in open(os.path.join(work, "steps.jsonl"))]
samples_file = os.path.join(work, "samples.jsonl")
samples = [json.loads(l) for l in open(samples_file)] if os.path.exists(samples_file) else []
# The sample with the most RSS: what the job's peak is made of (anonymous memory, libtorch, the GC's committed bytes).
peak_sample = max(samples, key=lambda s: s["rssMegabytes"], default=None)
settings = {k: v for k, v in os.environ.items() if k.startswith(("DOTNET_", "MALLOC_")) and k != "DOTNET_ROOT"}
report = {
  "benchmark": "silo memory by step at MovieLens latest-small's shape (synthetic: 610 people, 9,724 items, 100,836 ratings), embedded engine",
  "commit": commit, "label": label, "runtimeSettings": settings,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; memory figures do not depend on the load, times do",
  "trainWallSeconds": float(train_s), "job": json.load(open(os.path.join(work, "train.json"))),
  "encoderReleasedAtJobStart": int(encoder_released or 0) > 0,
  "secondsWaitedForTextVectors": int(text_wait_s),
  "steps": steps,
  "trainingSamples": samples, "largestTrainingSample": peak_sample,
  "peakRssMegabytes": steps[-1]["peakRssMegabytes"],
  "target": "<= 1 GB RSS over the whole run (issue 7)",
}
json.dump(report, open(out, "w"), indent=2)
print(json.dumps({"label": label, "beforeTraining": steps[-2]["rssMegabytes"], "peak": report["peakRssMegabytes"], "trainSeconds": float(train_s),
                  "encoderReleasedAtJobStart": report["encoderReleasedAtJobStart"],
                  "largestSample": peak_sample and {k: peak_sample.get(k) for k in ("step", "phase", "rssMegabytes", "anonymousRssMegabytes")}}))
PY
