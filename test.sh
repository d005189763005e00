#!/usr/bin/env bash
# Runs every test of ContentGrains. Sets up what the tests need: PostgreSQL, docker-compose and chromium from Debian's
# packages (installed when missing): PostgreSQL started as a throwaway server on a spare port on 127.0.0.1 and stopped
# afterwards, docker-compose to validate the compose file, chromium for the report page's headless-browser test.
# Prints "N passed, N failed" last and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.test-results"
rm -rf "$results"

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

# Debian packages the tests use, installed when missing: PostgreSQL (the cluster's store), docker-compose
# (DeploymentFilesTests validate docker-compose.yml with it; no Docker engine is needed) and chromium (the report
# page's test loads it headless).
sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages…"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pg_port=55432
while port_in_use "$pg_port"; do pg_port=$((pg_port + 1)); done

pg_data=$(mktemp -d /tmp/contentgrains-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
stop_pg() { as_postgres "$pg_bin/pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1; rm -rf "$pg_data"; }
trap stop_pg EXIT
as_postgres "$pg_bin/initdb -D $pg_data -U postgres -A trust --no-sync -E UTF8" >/dev/null
as_postgres "$pg_bin/pg_ctl -D $pg_data -l $pg_data/server.log -w -o \"-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null \
  || { echo "PostgreSQL did not start:"; cat "$pg_data/server.log"; exit 1; }
export CONTENTGRAINS_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

dotnet build ContentGrains.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# What the suite holds, counted before running it, so a test host that dies or a test that is never run shows up.
expected=$(dotnet test ContentGrains.sln -c Release --no-build --list-tests -nologo 2>/dev/null | grep -c '^    ')
# A test that hangs is dumped and its host killed after 15 minutes, so the run ends and counts it as failed.
dotnet test ContentGrains.sln -c Release --no-build -nologo --blame-hang-timeout 15m --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

# Sum the counters of every test assembly's TRX report.
attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(attr passed "$c")))
  failed=$((failed + $(attr failed "$c") + $(attr error "$c") + $(attr timeout "$c") + $(attr aborted "$c")))
  skipped=$((skipped + $(attr notExecuted "$c")))
done
[ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && failed=1   # no test ran: that is a failure
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed test host counts too
ran=$((passed + failed + skipped))
if [ "$ran" -lt "$expected" ]; then
  echo "Only $ran of the suite's $expected tests reported a result: $((expected - ran)) never ran."
  failed=$((failed + expected - ran))
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
