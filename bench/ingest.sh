#!/usr/bin/env bash
# Ingestion benchmark for both stores: builds the silo and the bench (Release), then runs
#   1. the embedded default (SQLite in a temp dir), always;
#   2. PostgreSQL: the server in $CONTENTGRAINS_BENCH_PG (an Npgsql connection string of a server where the bench may
#      create and drop a database), or else a throwaway PostgreSQL 15 cluster started here (Debian's postgresql package,
#      run as the postgres user, port $CONTENTGRAINS_BENCH_PGPORT or 55442), stopped and deleted at the end.
# Arguments are passed to both runs, e.g.  bench/ingest.sh --events 100000 --batch 1000 --concurrency 4
# Results: bench/results/ingest-sqlite.json, ingest-postgres.json and the summary table bench/results/ingest.md.
#
# The throwaway cluster keeps PostgreSQL's durable defaults (fsync=on, synchronous_commit=on), so "accepted" means
# on disk as it would in production; CONTENTGRAINS_BENCH_PG_FAST=1 turns fsync and synchronous_commit off instead.
# Set CONTENTGRAINS_BENCH_SKIP_BUILD=1 to use what is already built, CONTENTGRAINS_BENCH_STORES="sqlite" to run one store.
set -euo pipefail
cd "$(dirname "$0")/.."

STORES=${CONTENTGRAINS_BENCH_STORES:-"sqlite postgres"}
BENCH_DLL=bench/ContentGrains.Bench.Ingest/bin/Release/net10.0/ContentGrains.Bench.Ingest.dll

if [ "${CONTENTGRAINS_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (Release): silo and bench"
  dotnet build src/ContentGrains.Silo -c Release -nologo -v quiet
  dotnet build bench/ContentGrains.Bench.Ingest -c Release -nologo -v quiet
fi

status=0
PGBIN=/usr/lib/postgresql/15/bin
PG_THROWAWAY_DIR=""

stop_throwaway() {
  if [ -n "$PG_THROWAWAY_DIR" ] && [ -d "$PG_THROWAWAY_DIR" ]; then
    su postgres -c "$PGBIN/pg_ctl -D '$PG_THROWAWAY_DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$PG_THROWAWAY_DIR"
    PG_THROWAWAY_DIR=""
  fi
}
trap stop_throwaway EXIT INT TERM

start_throwaway() {
  local port=${CONTENTGRAINS_BENCH_PGPORT:-55442}
  if [ ! -x "$PGBIN/initdb" ]; then echo "no PostgreSQL 15 at $PGBIN (apt-get install postgresql)"; return 1; fi
  if [ "$(id -u)" != 0 ]; then echo "starting a throwaway PostgreSQL needs root (su postgres); set CONTENTGRAINS_BENCH_PG instead"; return 1; fi
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then echo "port $port is taken; set CONTENTGRAINS_BENCH_PGPORT"; return 1; fi
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/cg-bench-pg-XXXXXX)
  mkdir -p "$PG_THROWAWAY_DIR/data"
  chown -R postgres:postgres "$PG_THROWAWAY_DIR"
  su postgres -c "$PGBIN/initdb -D '$PG_THROWAWAY_DIR/data' -U postgres -A trust -E UTF8 >/dev/null"
  local durability="-c fsync=on -c synchronous_commit=on"
  if [ "${CONTENTGRAINS_BENCH_PG_FAST:-0}" = 1 ]; then durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  su postgres -c "$PGBIN/pg_ctl -D '$PG_THROWAWAY_DIR/data' -l '$PG_THROWAWAY_DIR/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=300 $durability\" start >/dev/null"
  export CONTENTGRAINS_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "throwaway PostgreSQL 15 on port $port in $PG_THROWAWAY_DIR ($( [ "${CONTENTGRAINS_BENCH_PG_FAST:-0}" = 1 ] && echo "fsync off" || echo "fsync on"))"
}

for store in $STORES; do
  case "$store" in
    sqlite)
      echo; echo "== store: sqlite (embedded default)"
      dotnet "$BENCH_DLL" --store sqlite "$@" || status=1
      ;;
    postgres)
      echo; echo "== store: postgres"
      if [ -z "${CONTENTGRAINS_BENCH_PG:-}" ]; then
        if ! start_throwaway; then echo "postgres run skipped"; status=1; continue; fi
      fi
      dotnet "$BENCH_DLL" --store postgres --postgres "$CONTENTGRAINS_BENCH_PG" "$@" || status=1
      stop_throwaway
      ;;
    *) echo "unknown store '$store'"; status=1 ;;
  esac
done

echo
[ -f bench/results/ingest.md ] && cat bench/results/ingest.md
exit $status
