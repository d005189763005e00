#!/usr/bin/env bash
# End-to-end retraining at MovieLens latest-small's shape (issue 7): 610 people, 9,724 items, 100,836 ratings.
# latest-small itself is not on this machine, so the data are SYNTHETIC at its shape (`contentgrains simulate bulk`,
# topic tags per item, ratings 5 = like / 3 = view). A fresh embedded engine imports them over HTTP
# (`contentgrains import`), then POST /v1/models/train starts a job of the engine's default kind (or $LATEST_SMALL_KIND)
# and `contentgrains train --wait` polls it to the end. The bulk data hold no impressions, so there is no click model to
# train. Measured: the job's wall time (POST to finished), the stored artifact's bytes, and the silo's peak RSS
# (VmHWM, the whole run) and its RSS before the job. Writes bench/results/latest-small.json with the commit and the load
# average. The data set is kept in $LATEST_SMALL_DATA (default /tmp/contentgrains-latest-small-shape). Bounded: the
# build, about 30 s of import and the job itself (the issue's first trial: 220 s).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools/engine.sh
DATA=${LATEST_SMALL_DATA:-/tmp/contentgrains-latest-small-shape}
KIND=${LATEST_SMALL_KIND:-}
OUT=bench/results/latest-small.json
commit=$(bench_commit); load_start=$(load_average)
trap engine_stop EXIT INT TERM

echo "== build (Release): cli, silo"
bench_build src/ContentGrains.Cli src/ContentGrains.Silo
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"

if [ ! -s "$DATA/sim.inter" ]; then
  echo "== generate the synthetic data set (latest-small's shape) in $DATA"
  $CLI simulate bulk --users 610 --items 9724 --events 100836 --out "$DATA" --format recbole
fi

echo "== engine"
engine_start
echo "engine at $ENGINE_URL (pid $ENGINE_PID, log $ENGINE_DIR/silo.log)"

echo "== import"
t0=$(date +%s.%N)
# Items first, 1,000 per request one request at a time: every item is one grain write to the store, and 4 × 5,000 at once
# outlast the grain call timeout on a loaded machine. Then the events at the import's defaults.
$CLI import --items "$DATA/sim.item" --format recbole --to "$ENGINE_URL" --batch 1000 --parallel 1 > "$ENGINE_DIR/import-items.json"
$CLI import --events "$DATA/sim.inter" --format recbole --to "$ENGINE_URL" > "$ENGINE_DIR/import.json"
import_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
rss_before=$(awk '/^VmRSS:/ { printf "%.1f", $2 * 1024 / 1e6 }' "/proc/$ENGINE_PID/status")

echo "== train (${KIND:-default kind of the engine})"
t0=$(date +%s.%N)
$CLI train --url "$ENGINE_URL" ${KIND:+--kind "$KIND"} --wait > "$ENGINE_DIR/train.json"
train_seconds=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
curl -sf "$ENGINE_URL/v1/models" > "$ENGINE_DIR/models.json"
peak=$(peak_rss_mb "$ENGINE_PID")

python3 - "$ENGINE_DIR" "$OUT" "$commit" "$load_start" "$(load_average)" "$import_seconds" "$train_seconds" "$peak" "$rss_before" <<'PY'
import json, os, sys
folder, out, commit, load_start, load_end, import_s, train_s, peak, rss_before = sys.argv[1:]
read = lambda name: json.load(open(os.path.join(folder, name)))
# import prints text: keep its summary lines
summary = lambda name: [l.strip() for l in open(os.path.join(folder, name)) if l.startswith(("events:", "items:", "users:", "note:"))]
job, models = read("train.json"), read("models.json")
version = next(v for v in models["versions"] if v["version"] == job["version"])
report = {
  "benchmark": "retraining end to end through the API at MovieLens latest-small's shape",
  "commit": commit,
  "machine": f"{os.cpu_count()} cores; load average (1 min) {load_start} at the start and {load_end} at the end; shared with other builds unless the load says otherwise",
  "data": "SYNTHETIC at MovieLens latest-small's shape (contentgrains simulate bulk --users 610 --items 9724 --events 100836 --format recbole); latest-small itself is not on this machine",
  "importSeconds": float(import_s), "import": summary("import-items.json") + summary("import.json"),
  "trainWallSeconds": float(train_s),
  "kind": version["kind"], "device": version["device"], "trainerSeconds": version["trainSeconds"],
  "artifactBytes": version["bytes"], "artifactMegabytes": round(version["bytes"] / 1e6, 2),
  "siloRssBeforeTrainingMegabytes": float(rss_before), "siloPeakRssMegabytes": float(peak),
  "version": version, "job": job,
  "target": "<= 30 s, <= 50 MB artifact, <= 1 GB RSS (first trial: 220 s, 382 MB, 2.8 GB)",
}
json.dump(report, open(out, "w"), indent=2)
print(json.dumps({k: report[k] for k in ("kind", "importSeconds", "trainWallSeconds", "trainerSeconds", "artifactMegabytes", "siloRssBeforeTrainingMegabytes", "siloPeakRssMegabytes")}))
PY
