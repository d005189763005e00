#!/usr/bin/env python3
"""Where a feed's CPU goes: a dotnet-trace thread-time profile (converted to speedscope) cut into the feed's stages.

    dotnet-trace convert --format Speedscope app.nettrace -o app
    python3 bench/tools/feed-breakdown.py app.speedscope.json [CPU_MICROS_PER_FEED] > breakdown.json

Each running sample (the same rule as cpu-profile.py: time whose innermost frame is a native wait, epoll or a GC poll is
not running) goes to ONE bucket, by the first rule below that its stack matches:
  pipeline/<stage>   under FeedPipeline.Build: the stage is Build's direct callee (VectorCandidates.Collect, CandidateRanker.Rank,
                     MmrReranker.Select, …), or "pipeline/Build itself" for Build's own code and inlined helpers
  grain/<part>       the rest of the user grain's feed (FeedUserAt: the profile's feed view; topic shares; variants) and its
                     activation (snapshot read + log replay)
  json, telemetry, orleans, http       System.Text.Json; OpenTelemetry (metrics); Orleans' runtime (messaging, scheduler,
                                       copying); ASP.NET Core, Kestrel, sockets and pipelines
  threadpool-spin    a thread-pool worker spinning or parking with no work (a running frame in the semaphore or spinner)
  other              the rest (timers, background work)
With CPU_MICROS_PER_FEED (the process CPU per answered feed, measured around the same run), each share is also given in
microseconds per feed. GC work on the runtime's own GC threads is not sampled (they are native threads): it is in the
CPU per feed but in no bucket, so the buckets describe the sampled managed time.
"""
import collections, importlib.util, json, os, re, sys

spec = importlib.util.spec_from_file_location("cpu_profile", os.path.join(os.path.dirname(__file__), "cpu-profile.py"))
cpu_profile = importlib.util.module_from_spec(spec); spec.loader.exec_module(cpu_profile)

SPIN = re.compile(r"LowLevelLifoSemaphore|LowLevelSpinWaiter|WorkerThreadStart|PortableThreadPool\+WorkerThread|SpinWait|Thread\.SpinWait")
GRAIN = [("FeedUserAt", "grain/FeedUserAt (profile's feed view)"), ("TopicSharesAt", "grain/topic shares"),
         ("PickVariant", "grain/headline variants"), ("OnActivateAsync", "grain/activation (snapshot + replay)"),
         ("ReplayAsync", "grain/activation (snapshot + replay)"), ("UserGrain", "grain/other")]

def name(frame):
    return cpu_profile.short(frame)

def classify(real):
    names = [name(f) for f in real]  # outermost first
    for i, n in enumerate(names):
        if n.endswith("FeedPipeline.Build"):
            callee = names[i + 1] if i + 1 < len(names) else None
            if callee is None or callee.startswith("System.") and "ArrayPool" in callee:
                return "pipeline/Build itself"
            # a lambda or local function of Build is Build's own work
            return "pipeline/" + (callee.split("ContentGrains.Core.", 1)[-1] if "FeedPipeline" not in callee else "Build " + callee.rsplit(".", 1)[-1])
    for needle, bucket in GRAIN:
        if any(needle in n for n in names): return bucket
    if any("System.Text.Json" in n for n in names): return "json"
    if any("OpenTelemetry" in n for n in names): return "telemetry"
    if any(n.startswith("Orleans") for n in names): return "orleans"
    if any(("AspNetCore" in n or "System.Net." in n or "System.IO.Pipelines" in n) for n in names): return "http"
    if names and SPIN.search(names[-1]): return "threadpool-spin"
    return "other"

def main(path, cpu_per_feed=None):
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    buckets = collections.Counter()
    running = 0.0
    for profile in data["profiles"]:
        stack, last = [], None
        for e in profile["events"]:
            if last is not None and stack:
                dt = e["at"] - last
                pseudo = frames[stack[-1]]
                real = [frames[f] for f in stack if frames[f] not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
                leaf = real[-1] if real else pseudo
                native = pseudo == "UNMANAGED_CODE_TIME"
                epoll = native and any("SocketAsyncEngine.EventLoop" in f for f in real)
                if not ((native and cpu_profile.WAIT.search(leaf)) or epoll or "PollGC" in leaf):
                    running += dt
                    buckets[classify(real)] += dt
            last = e["at"]
            if e["type"] == "O": stack.append(e["frame"])
            elif stack: stack.pop()
    rows = []
    for bucket, t in sorted(buckets.items(), key=lambda kv: -kv[1]):
        row = {"bucket": bucket, "sharePercent": round(100 * t / running, 2)}
        if cpu_per_feed: row["microsPerFeed"] = round(cpu_per_feed * t / running, 1)
        rows.append(row)
    json.dump({"runningSeconds": round(running / 1000, 2), "cpuMicrosPerFeed": cpu_per_feed, "buckets": rows}, sys.stdout, indent=2)
    print()

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else None)
