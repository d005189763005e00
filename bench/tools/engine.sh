# Sourced by bench scripts: one embedded engine (SQLite in a fresh temp folder) on spare ports, started from the Release
# build, and the commit/load stamps every result carries. Needs `dotnet build src/ContentGrains.Silo -c Release` first.
#   engine_start [SILO-ARGS…]  sets ENGINE_URL, ENGINE_PID, ENGINE_DIR (log: $ENGINE_DIR/silo.log); waits for /health/ready
#   engine_stop                SIGTERM, waits, deletes the folder (kept when KEEP_ENGINE_DIR=1 or the script failed)
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
  local port; port=$(spare_port)
  ENGINE_URL="http://127.0.0.1:$port"
  # The bench decides the engine's settings: none from the caller's shell may leak in.
  env -u CONTENTGRAINS_PROFILE -u ASPNETCORE_URLS $(env | grep -o '^ContentGrains__[^=]*' | sed 's/^/-u /') \
    dotnet src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll --data-dir "$ENGINE_DIR/data" --urls "$ENGINE_URL" \
    --silo-port "$(spare_port)" --gateway-port "$(spare_port)" "$@" > "$ENGINE_DIR/silo.log" 2>&1 &
  ENGINE_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "$ENGINE_URL/health/ready" > /dev/null; then return 0; fi
    if ! kill -0 "$ENGINE_PID" 2>/dev/null; then echo "the engine exited before it was ready:"; tail -30 "$ENGINE_DIR/silo.log"; return 1; fi
    sleep 0.5
  done
  echo "the engine was not ready after 120 s:"; tail -30 "$ENGINE_DIR/silo.log"; return 1
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

# peak_rss_mb PID: the kernel's high-water mark of the process's resident memory (VmHWM), in MB
peak_rss_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 * 1024 / 1e6 }' "/proc/$1/status"; }
