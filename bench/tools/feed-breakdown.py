#!/usr/bin/env python3
"""Where a feed's CPU goes: a dotnet-trace thread-time profile (converted to speedscope) cut into the feed's stages.

    dotnet-trace convert --format Speedscope app.nettrace -o app
    python3 bench/tools/feed-breakdown.py app.speedscope.json [CPU_MICROS_PER_FEED] > breakdown.json

Each running sample (the same rule as cpu-profile.py: time whose innermost frame is a native wait, epoll or a GC poll is
not running) goes to ONE bucket, by the first rule below that its stack matches:
  pipeline: <stage>  the first stage in STAGES that a frame of the sample names (STAGES: VectorCandidates.Collect, CandidateRanker.Rank,
                     MmrReranker.Select, …; the JIT may inline FeedPipeline.Build itself, so stages are matched by name)
  grain: <part>      the rest of the user grain's feed (FeedUserAt: the profile's feed view; topic shares; variants) and its
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

def name(frame):
    return cpu_profile.short(frame)

# The feed's stages, as the outermost frame of a sample that names one (a stage's own helpers count in it).
STAGES = [
    ("ProfileUpdater.FeedUserAt", "grain: FeedUserAt (profile's feed view)"),
    ("FeedPipeline.UserVector", "pipeline: user vector"),
    ("VectorCandidates.Collect", "pipeline: person's top items (index search)"),
    ("FeedPipeline.ScoreAllItems", "pipeline: dense model scores (small-catalog kinds)"),
    ("SimilarToRecent.Collect", "pipeline: item-to-item of recent items"),
    ("RuleCandidates.Collect", "pipeline: association rules"),
    ("CatalogCandidates.ContentMatch", "pipeline: content match, trending, fresh"),
    ("CatalogCandidates.Trending", "pipeline: content match, trending, fresh"),
    ("CatalogCandidates.Fresh", "pipeline: content match, trending, fresh"),
    ("CatalogCandidates.TakeAllowed", "pipeline: content match, trending, fresh"),
    ("TopicCandidates.Collect", "pipeline: topics"),
    ("ModelScores.OfCandidates", "pipeline: model scores of the candidates"),
    ("CandidateRanker.Rank", "pipeline: ranking"),
    ("ClickRanker.Rank", "pipeline: click model"),
    ("RecentlyShown.Demote", "pipeline: recently shown"),
    ("MmrReranker.Select", "pipeline: MMR diversity"),
    ("Reasons.For", "pipeline: reasons"),
    ("FeedPipeline.AddExploration", "pipeline: exploration"),
    ("CandidatePool..ctor", "pipeline: candidate pool (excluded slots)"),
    ("FeedPipeline.Build", "pipeline: Build itself"),
    ("TopicSharesAt", "grain: topic shares"),
    ("PickVariant", "grain: headline variants"),
    ("UserGrain.OnActivateAsync", "grain: activation (snapshot read + log replay)"),
    ("UserGrain.ReplayAsync", "grain: activation (snapshot read + log replay)"),
    ("UserGrain", "grain: other"),
]

def classify(real):
    names = [name(f) for f in real]  # outermost first
    # The first stage of the list that any frame names (so a stage wins over the grain method around it).
    for suffix, bucket in STAGES:
        if any(n.endswith(suffix) or (suffix.startswith("UserGrain") and suffix in n) for n in names): return bucket
        if suffix == "FeedPipeline.AddExploration" and any("FeedPipeline+<>c__DisplayClass" in n for n in names):
            return "pipeline: reasons"  # the feed's Select lambda, which calls Reasons.For
    if any("System.Text.Json" in n for n in names): return "json"
    if any("OpenTelemetry" in n for n in names): return "telemetry"
    if any("Orleans.Dashboard" in n for n in names): return "dashboard (grain profiler filter, metrics)"
    if any(n.startswith("Orleans") for n in names): return "orleans"
    if any(("AspNetCore" in n or "System.Net." in n or "System.IO.Pipelines" in n) for n in names): return "http"
    if names and SPIN.search(names[-1]): return "threadpool: spinning/parking"
    return "other"

def main(path, cpu_per_feed=None, commit=None):
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
    json.dump({"commit": commit, "runningSeconds": round(running / 1000, 2), "cpuMicrosPerFeed": cpu_per_feed, "buckets": rows}, sys.stdout, indent=2)
    print()

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else None, sys.argv[3] if len(sys.argv) > 3 else None)
