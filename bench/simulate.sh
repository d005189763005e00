#!/usr/bin/env bash
# The audience simulator as a benchmark (issue 7, item 6).
#   bench/simulate.sh engine  — a fresh embedded engine per run, the same simulated world (seed 1, 300 people, 600
#                               items, 6 days, feeds of 10): once on the engine's feed as it stands, once retrained
#                               after every day. Writes bench/results/simulate-engine-{heuristic,retrain-daily}.json.
#   bench/simulate.sh click   — the same world, the heuristic feed ranked by a click model retrained after every day
#                               (POST /v1/models/train?model=click). Writes bench/results/simulate-engine-retrain-click-daily.json.
#   bench/simulate.sh bulk    — `simulate bulk` at the scale benchmark's size (1M people, 1M items, 20M events, RecBole
#                               files in $SIM_BULK_DIR, default /tmp/contentgrains-bulk, deleted afterwards unless
#                               SIM_KEEP=1). Writes bench/results/simulate-bulk.json with time, CPU and peak memory.
# Every result names the commit it ran on and the machine's load average, as timings on a shared machine are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-engine}
commit=$(git rev-parse HEAD)
# A run on uncommitted changes says so: its figures belong to no commit exactly.
if [ -n "$(git status --porcelain -- src)" ]; then commit="$commit+uncommitted-changes"; fi
dotnet build src/ContentGrains.Cli -c Release -nologo -v quiet
CLI="dotnet src/ContentGrains.Cli/bin/Release/net10.0/contentgrains.dll"
stamp() { # FILE: adds the commit, the date and the machine's state to a JSON report
  python3 - "$1" "$commit" <<'PY'
import json, os, sys
path, commit = sys.argv[1], sys.argv[2]
report = json.load(open(path))
report = {"commit": commit, "ranAt": __import__("datetime").datetime.utcnow().isoformat() + "Z",
          "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared with other builds)", **report}
json.dump(report, open(path, "w"), indent=2)
PY
}

if [ "$mode" = bulk ]; then
  dir=${SIM_BULK_DIR:-/tmp/contentgrains-bulk}
  rm -rf "$dir"
  out=bench/results/simulate-bulk.json
  /usr/bin/time -f '{"wallSeconds": %e, "userSeconds": %U, "systemSeconds": %S, "peakRssKb": %M}' -o /tmp/simulate-bulk-time.json \
    $CLI simulate bulk --users 1000000 --items 1000000 --events 20000000 --out "$dir" --format recbole
  python3 - "$dir" "$out" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
measured = json.load(open("/tmp/simulate-bulk-time.json"))
files = {f: os.path.getsize(os.path.join(folder, f)) for f in sorted(os.listdir(folder))}
lines = {f: sum(1 for _ in open(os.path.join(folder, f), "rb")) - 1 for f in files}
json.dump({"command": "contentgrains simulate bulk --users 1000000 --items 1000000 --events 20000000 --format recbole",
           **measured, "fileBytes": files, "rowsBelowHeader": lines}, open(out, "w"), indent=2)
PY
  stamp "$out"
  [ "${SIM_KEEP:-0}" = 1 ] || rm -rf "$dir"
  cat "$out"
  exit 0
fi

dotnet build src/ContentGrains.Silo -c Release -nologo -v quiet
run() { # NAME EXTRA-ARGS…: one fresh engine, one simulation
  local name=$1; shift
  local data; data=$(mktemp -d)
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local silo_port; silo_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local gateway; gateway=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll --data-dir "$data" --urls "http://127.0.0.1:$port" \
    --silo-port "$silo_port" --gateway-port "$gateway" > "$data/silo.log" 2>&1 &
  local silo=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break; sleep 0.5; done
  $CLI simulate --url "http://127.0.0.1:$port" --users 300 --items 600 --days 6 --seed 1 --feed-size 10 \
    --out "bench/results/simulate-engine-$name.json" "$@"
  kill "$silo"; wait "$silo" || true
  rm -rf "$data"
  stamp "bench/results/simulate-engine-$name.json"
}
if [ "$mode" = click ]; then # the feed as it stands, its click model retrained after every day (issue 7, bench/learning)
  run retrain-click-daily --retrain-click-every-day
  exit 0
fi
run heuristic
run retrain-daily --retrain-every-day
