# Sourced by bench scripts: one embedded engine (SQLite in a fresh temp folder) on spare ports, started from the Release
# build, and the commit/load stamps every result carries. Needs `dotnet build src/ContentGrains.Silo -c Release` first.
#   engine_start [SILO-ARGS…]  (ENGINE_DATA_FROM=DIR: on a copy of that data folder) sets ENGINE_URL, ENGINE_PID, ENGINE_DIR (log: $ENGINE_DIR/silo.log) and ENGINE_GATEWAY_PORT (the
#                              Orleans gateway, for a client); waits for /health/ready. ENGINE_SILO_BUILD=DIR: the silo
#                              from that copy of its Release build folder (private_silo_build) instead of src/…/bin
#   private_silo_build         copies the silo's Release build into a fresh temp folder and sets ENGINE_SILO_BUILD to it:
#                              a memory bench's silo then maps files no other silo maps. Linux does not page out a file
#                              page another process maps too (madvise MADV_PAGEOUT skips it), so the MiniLM model pages
#                              the encoder gives back stayed resident (77 MB) while another silo ran from the same build
#   postgres_start / postgres_stop  a throwaway PostgreSQL server (Debian's package, durable defaults) on a spare port:
#                              PG_CONNECTION names its database contentgrains; run as root, it runs as the postgres user
#   engine_stop                SIGTERM, waits, deletes the folder (kept when KEEP_ENGINE_DIR=1 or the script failed)
#   wait_model_ready URL SILOS [TIMEOUT_S]  waits (bounded, default 600 s) until SILOS silos serve the feed champion and are
#                              ready to serve it fast (GET URL/v1/models, each silo's readiness); prints the wait as JSON
#   wait_text_vectors URLS [TIMEOUT_S]  waits (bounded, default 1800 s) until no silo of URLS (comma-separated) has an item
#                              waiting for its MiniLM text vector (GET /metrics: contentgrains_text_vectors_waiting); prints
#                              the wait as JSON, drained false when the time ran out (the caller goes on and records it)
#   bench_commit               HEAD, marked "+uncommitted" when src or bench (results aside) differ from it or hold untracked files
#   load_average               the 1-minute load average
#   bench_build PROJECT…       dotnet build -c Release of each, unless BENCH_SKIP_BUILD=1 (re-runs on a loaded machine)
#   require_shared FILE…       exits 2 naming the first file of ../shared/data that is missing

spare_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bench_commit() {
  local commit; commit=$(git rev-parse HEAD)
  # Changed or untracked sources and bench code (result files aside): the figures belong to no commit exactly.
  if [ -n "$(git status --porcelain -- src bench ':!bench/results')" ]; then commit="$commit+uncommitted"; fi
  echo "$commit"
}

load_average() { cut -d' ' -f1 /proc/loadavg; }

require_shared() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || { echo "$(basename "$0"): missing $f (the shared data beside the repository)" >&2; exit 2; }
  done
}

bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then echo "(BENCH_SKIP_BUILD=1: using the Release build already there)"; return 0; fi
  local project
  for project in "$@"; do dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly; done
}

engine_start() {
  ENGINE_DIR=$(mktemp -d /tmp/cg-engine-XXXXXX)
  # ENGINE_DATA_FROM=DIR: start on a copy of an engine's data folder kept earlier (imported and trained once, measured often).
  if [ -n "${ENGINE_DATA_FROM:-}" ]; then cp -a "$ENGINE_DATA_FROM" "$ENGINE_DIR/data"; fi
  local port; port=$(spare_port)
  ENGINE_URL="http://127.0.0.1:$port"
  ENGINE_GATEWAY_PORT=$(spare_port)
  # The bench decides the engine's settings: none from the caller's shell may leak in. ENGINE_ENV="VAR=VALUE …" is the
  # silo process's own environment (e.g. GC settings to compare), not the generator's or the CLI's.
  # shellcheck disable=SC2086
  env -u CONTENTGRAINS_PROFILE -u ASPNETCORE_URLS $(env | grep -o '^ContentGrains__[^=]*' | sed 's/^/-u /') ${ENGINE_ENV:-} \
    dotnet "${ENGINE_SILO_BUILD:-src/ContentGrains.Silo/bin/Release/net10.0}/ContentGrains.Silo.dll" --data-dir "$ENGINE_DIR/data" --urls "$ENGINE_URL" \
    --silo-port "$(spare_port)" --gateway-port "$ENGINE_GATEWAY_PORT" "$@" > "$ENGINE_DIR/silo.log" 2>&1 &
  ENGINE_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "$ENGINE_URL/health/ready" > /dev/null; then return 0; fi
    if ! kill -0 "$ENGINE_PID" 2>/dev/null; then echo "the engine exited before it was ready:"; tail -30 "$ENGINE_DIR/silo.log"; return 1; fi
    sleep 0.5
  done
  echo "the engine was not ready after 120 s:"; tail -30 "$ENGINE_DIR/silo.log"; return 1
}

private_silo_build() {
  ENGINE_SILO_BUILD=$(mktemp -d /tmp/cg-silo-build-XXXXXX)
  cp -a src/ContentGrains.Silo/bin/Release/net10.0/. "$ENGINE_SILO_BUILD/"
}

engine_stop() {
  local status=$? # as a trap on EXIT: the script's exit status; a failed run keeps the folder for its silo.log
  if [ -n "${ENGINE_PID:-}" ] && kill -0 "$ENGINE_PID" 2>/dev/null; then
    kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true
  fi
  ENGINE_PID=""
  if [ -n "${ENGINE_DIR:-}" ] && [ "${KEEP_ENGINE_DIR:-0}" != 1 ] && [ "$status" = 0 ]; then rm -rf "$ENGINE_DIR"
  elif [ -n "${ENGINE_DIR:-}" ]; then echo "engine folder kept: $ENGINE_DIR (silo.log, import and load results)"; fi
}

# wait_model_ready URL SILOS [TIMEOUT_S]: after a training, waits until SILOS silos report the feed champion served and
# ready to serve fast (GET URL/v1/models: silos[].readiness, the line each silo logs as "is ready to serve model": its
# neighbour lists made, or none needed and why), so that no measured feed runs while a silo still makes its lists.
# Prints {"waitSeconds", "champion", "silos": [readiness…]}; after TIMEOUT_S (default 600) fails naming what it last saw.
wait_model_ready() {
  python3 - "$1" "$2" "${3:-600}" <<'PY'
import json, sys, time, urllib.request
url, silos, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
start, last = time.time(), None
while True:
    try:
        last = json.load(urllib.request.urlopen(url + "/v1/models", timeout=10))
        champion = last.get("champion")
        ready = [s for s in last.get("silos") or [] if champion is not None and s.get("serving") == champion
                 and (s.get("readiness") or {}).get("ready") and s["readiness"].get("version") == champion]
        if len(ready) >= silos:
            print(json.dumps({"waitSeconds": round(time.time() - start, 1), "champion": champion,
                              "silos": [{"silo": s["silo"], **s["readiness"]} for s in ready]}))
            sys.exit(0)
    except (OSError, ValueError):
        pass  # a silo too busy to answer within 10 s: ask again
    if time.time() - start > timeout:
        seen = json.dumps({k: (last or {}).get(k) for k in ("champion", "silos")})
        print(f"the feed model was not ready to serve fast on {silos} silo(s) after {timeout:.0f} s; GET /v1/models last said {seen}", file=sys.stderr)
        sys.exit(1)
    time.sleep(1)
PY
}

# wait_text_vectors URLS [TIMEOUT_S]: after an import, waits until every silo's item text vector worker is idle (nothing
# queued, no batch in flight), so that feeds measured after it do not share the silo's cores with MiniLM encoding the
# catalog's titles (one core at most, for minutes at 100k items). Prints {"drained", "waitSeconds", "waitingAtStart",
# "waitingAtEnd", "encoded", "encodeSeconds", "encodeCpuSeconds"} (the last three during the wait, summed over the silos).
wait_text_vectors() {
  python3 - "$1" "${2:-1800}" <<'PY'
import json, re, sys, time, urllib.request
urls, timeout = sys.argv[1].split(","), float(sys.argv[2])
def read():
    totals = {"waiting": 0.0, "encoded": 0.0, "wall": 0.0, "cpu": 0.0}
    for url in urls:
        for line in urllib.request.urlopen(url + "/metrics", timeout=30).read().decode().splitlines():
            name = re.match(r"[a-z_]+", line)
            name = name.group(0) if name else ""
            value = float(line.rsplit(" ", 1)[-1]) if name.startswith("contentgrains_text_vector") else 0
            if name == "contentgrains_text_vectors_waiting": totals["waiting"] += value
            elif name == "contentgrains_text_vectors_total" and 'outcome="encoded"' in line: totals["encoded"] += value
            elif name == "contentgrains_text_vector_encode_seconds_total" and 'clock="wall"' in line: totals["wall"] += value
            elif name == "contentgrains_text_vector_encode_seconds_total" and 'clock="cpu"' in line: totals["cpu"] += value
    return totals
start = time.time()
first = last = read()
# Two empty readings 2 s apart: between taking a batch of deferred ids and encoding it, the worker reads their texts
# from their item grains, and for those milliseconds nothing shows as waiting or in flight.
empty = 1 if last["waiting"] == 0 else 0
while empty < 2 and time.time() - start < timeout:
    time.sleep(2)
    try: last = read()
    except OSError: continue  # a silo too busy to answer within 30 s: ask again
    empty = empty + 1 if last["waiting"] == 0 else 0
print(json.dumps({"drained": empty >= 2, "waitSeconds": round(time.time() - start, 1), "timeoutSeconds": timeout,
                  "waitingAtStart": first["waiting"], "waitingAtEnd": last["waiting"], "encoded": last["encoded"] - first["encoded"],
                  "encodeSeconds": round(last["wall"] - first["wall"], 1), "encodeCpuSeconds": round(last["cpu"] - first["cpu"], 1)}))
PY
}

# peak_rss_mb PID: the kernel's high-water mark of the process's resident memory (VmHWM), in MB
peak_rss_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 * 1024 / 1e6 }' "/proc/$1/status"; }

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

# postgres_start: a server of the bench's own in a fresh temp folder (PG_DIR), as ./test.sh starts one but with fsync and
# synchronous commits on (an acknowledged event is on disk, as in production). Sets PG_CONNECTION and PG_DIR.
postgres_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$PG_BIN" ] || { echo "no PostgreSQL under /usr/lib/postgresql: install Debian's postgresql package (./test.sh does)"; return 1; }
  PG_DIR=$(mktemp -d /tmp/cg-pg-XXXXXX)
  local port; port=$(spare_port)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
  as_postgres "$PG_BIN/initdb -D $PG_DIR/data -U postgres -A trust --no-sync -E UTF8" > /dev/null
  as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w -o \"-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300\" start" > /dev/null
  as_postgres "$PG_BIN/psql -h 127.0.0.1 -p $port -U postgres -q -c 'CREATE DATABASE contentgrains'"
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=contentgrains"
}

postgres_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate -w stop" > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}
