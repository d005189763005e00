#!/usr/bin/env python3
"""Samples a running silo from outside every INTERVAL seconds until killed, one JSON line per sample on standard output.

    python3 bench/tools/silo_sampler.py URL PID [INTERVAL]

Each line: t (Unix seconds), cpuSeconds (the process's user + system time from /proc/PID/stat, clock ticks of 1/100 s),
rssMegabytes, load (1-minute load average), and from GET URL/metrics: userActivations and itemActivations (Orleans'
orleans_catalog_activations by grain_type), activations (all types), threadPoolQueue and threadPoolThreads (the
runtime's thread pool metrics, whichever exporter's name is present), eventsAccepted (contentgrains_events_accepted_total),
grain storage as Orleans counts it (storageWrites / storageReads: calls so far; storageWriteMs / storageReadMs: the sums of
their latencies, which include the wait for the SQLite write gate), and the SQLite write gate per writer (gate<Writer>Entries,
gate<Writer>WaitSeconds, gate<Writer>HeldSeconds for log, snapshot and other; counters since the start).
A metric the silo does not export reads -1; a silo that does not answer writes no line for that tick.
"""
import json, re, sys, time, urllib.request

LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)")

def metrics(url):
    text = urllib.request.urlopen(url + "/metrics", timeout=5).read().decode()
    for line in text.splitlines():
        m = LINE.match(line)
        if m and not line.startswith("#"):
            yield m.group(1), m.group(2) or "", float(m.group(3))

def total(rows, name_pattern, label=None):
    found = [v for n, l, v in rows if re.fullmatch(name_pattern, n) and (label is None or label in l)]
    return sum(found) if found else -1

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0

def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"): return round(int(line.split()[1]) / 1024, 1)
    return -1

def main(url, pid, interval):
    while True:
        started = time.time()
        try:
            rows = list(metrics(url))
            sample = {
                "t": round(started, 2), "cpuSeconds": cpu_seconds(pid), "rssMegabytes": rss_mb(pid),
                "load": float(open("/proc/loadavg").read().split()[0]),
                "activations": total(rows, "orleans_catalog_activations"),
                "userActivations": total(rows, "orleans_catalog_activations", 'grain_type="user"'),
                "itemActivations": total(rows, "orleans_catalog_activations", 'grain_type="item"'),
                "threadPoolQueue": total(rows, r".*thread_pool_queue_length.*"),
                "threadPoolThreads": total(rows, r".*thread_pool_thread(s)?_count.*"),
                "eventsAccepted": total(rows, "contentgrains_events_accepted_total"),
                "storageWrites": total(rows, r"orleans_storage_write_latency.*_count"),
                "storageWriteMs": total(rows, r"orleans_storage_write_latency.*_sum"),
                "storageReads": total(rows, r"orleans_storage_read_latency.*_count"),
                "storageReadMs": total(rows, r"orleans_storage_read_latency.*_sum"),
            }
            for writer in ("log", "snapshot", "other"):
                label = f'writer="{writer}"'
                sample[f"gate{writer.title()}Entries"] = total(rows, "contentgrains_sqlite_gate_entries_total", label)
                sample[f"gate{writer.title()}WaitSeconds"] = round(total(rows, "contentgrains_sqlite_gate_wait_seconds_total", label), 3)
                sample[f"gate{writer.title()}HeldSeconds"] = round(total(rows, "contentgrains_sqlite_gate_held_seconds_total", label), 3)
            print(json.dumps(sample), flush=True)
        except (OSError, ValueError):
            pass  # a silo busy past the timeout, or gone: no line for this tick
        time.sleep(max(0.0, interval - (time.time() - started)))

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 2.0)
