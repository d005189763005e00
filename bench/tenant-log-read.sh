#!/usr/bin/env bash
# What a tenant's analysis job pays to page its rows out of the SQLite event log (issue 9, item 2): the statements of
# SqliteEventLog.ReadAsync (every row, what each job read before tenants) and ReadTenantAsync (the default tenant's:
# instr(user_id, '/') = 0; tenant t's: substr(user_id, 1, length('t/')) = 't/'), run on the project's own schema
# (deploy/sql/sqlite/10-contentgrains-events.sql) through Python's sqlite3 module. It measures the statements inside
# SQLite only: not the silo's row mapping, and the module's SQLite (see "sqlite") is not the e_sqlite3 the silo loads.
#   bench/tenant-log-read.sh [--events 400000] [--page 10000] [--out bench/results/tenant-log-read.json]
set -euo pipefail
cd "$(dirname "$0")/.."
events=400000; page=10000; out=bench/results/tenant-log-read.json
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --page) page=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1 (--events N, --page N, --out FILE)" >&2; exit 2 ;;
  esac
done
commit=$(git rev-parse HEAD)
python3 - "$events" "$page" "$out" "$commit" <<'PY'
import json, os, platform, random, sqlite3, statistics, sys, tempfile, time
events, page, out, commit = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
shares = {"": 0.25, "a": 0.25, "b": 0.49, "c": 0.01}  # c: a small tenant on a large install
folder = tempfile.mkdtemp(prefix="cg-tenant-log-")
db = sqlite3.connect(os.path.join(folder, "log.db"))
db.executescript(open("deploy/sql/sqlite/10-contentgrains-events.sql").read())
rng = random.Random(7)
tenants, weights = list(shares), list(shares.values())
def qualify(t, i): return i if t == "" else f"{t}/{i}"
rows = []
for n in range(events):
    t = rng.choices(tenants, weights)[0]
    rows.append((qualify(t, f"e{n}"), qualify(t, f"u{rng.randrange(5000)}"), qualify(t, f"i{rng.randrange(2000)}"), 1, n, "web", 0.0, n))
db.executemany("INSERT INTO cg_events (event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, received_ms) VALUES (?,?,?,?,?,?,?,?)", rows)
db.commit()
cols = "seq, event_id, user_id, item_id, type, ts_ms, channel, dwell_seconds, value, text, received_ms"
def read(sql, key=None):
    after, total, started = 0, 0, time.perf_counter()
    while True:
        args = {"after": after, "limit": page}
        if key is not None: args["key"] = key
        got = db.execute(sql, args).fetchall()
        total += len(got)
        if len(got) < page: return total, time.perf_counter() - started
        after = got[-1][0]
every = f"SELECT {cols} FROM cg_events WHERE seq > :after ORDER BY seq LIMIT :limit"
default = f"SELECT {cols} FROM cg_events WHERE seq > :after AND instr(user_id, '/') = 0 ORDER BY seq LIMIT :limit"
tenant = f"SELECT {cols} FROM cg_events WHERE seq > :after AND substr(user_id, 1, length(:key)) = :key ORDER BY seq LIMIT :limit"
cases = [("every row (each job before tenants)", every, None), ("default tenant", default, None)] + \
        [(f"tenant {t} ({int(shares[t] * 100)} %)", tenant, t + "/") for t in ("a", "b", "c")]
results = []
for name, sql, key in cases:
    runs = [read(sql, key) for _ in range(3)]
    results.append({"read": name, "rows": runs[0][0], "seconds_median": round(statistics.median(r[1] for r in runs), 4),
                    "rows_per_second": round(runs[0][0] / statistics.median(r[1] for r in runs))})
    print(f"{name:40s} {runs[0][0]:>8} rows  {results[-1]['seconds_median']:.3f} s")
doc = {"benchmark": "tenant-log-read", "commit": commit, "events": events, "page": page, "tenant_shares": shares,
       "sqlite": sqlite3.sqlite_version, "machine": f"{platform.machine()}, {os.cpu_count()} cores visible, load average {os.getloadavg()[0]:.1f}",
       "remark": "shared machine under heavy load from other builds: figures are noisy; statement cost inside SQLite only",
       "results": results}
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump(doc, open(out, "w"), indent=2)
print("wrote", out)
PY
