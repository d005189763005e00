# bench/profiles-memory.sh's result file: the warm-up, light and heavy groups (a group whose file is missing is
# reported as not run), the machine, and the extrapolation to 1M people on two silos.
#   python3 bench/tools/profiles-memory-report.py WORK OUT COMMIT LOAD_START LOAD_END AVAILABLE_GB [SILO_ENV OOM_LINES]
import json, os, sys
work, out, commit, load_start, load_end, available = sys.argv[1:7]
silo_env, oom_lines = (sys.argv[7], int(sys.argv[8])) if len(sys.argv) > 8 else ("", None)
def group(name):
    path = f"{work}/{name}.json"
    return json.load(open(path)) if os.path.exists(path) else None
warm, light, heavy = group("warmup"), group("light"), group("heavy")
def extrapolate(group):
    # Per silo at 1M people on two silos: 500,000 idle grains of this group's measured bytes over the silo's own base
    # (its reading before the light group: the catalog, caches, Orleans, the runtime, and the warm-up group's grains).
    per_grain_heap, per_grain_rss = group["idleBytesPerGrain"]["gcHeap"], group["idleBytesPerGrain"]["rss"]
    if per_grain_heap is None or per_grain_rss is None or per_grain_heap <= 0 or per_grain_rss <= 0:
        # The group's growth is within what the silos' heaps and RSS move by on their own (ingest buffers, the runtime
        # returning memory): no per-grain figure to scale, the group was too small.
        return {"bytesPerIdleGrainGcHeap": per_grain_heap, "bytesPerIdleGrainRss": per_grain_rss,
                "notExtrapolated": "the growth is not above the readings' noise (too few people in the group): no per-grain figure"}
    silos = []
    for s in first_before:
        silos.append({"gcHeapGigabytes": round((s["gcHeapMegabytes"] * 1e6 + 500_000 * per_grain_heap) / 1e9, 2),
                      "rssGigabytes": round((s["rssMegabytes"] * 1e6 + 500_000 * per_grain_rss) / 1e9, 2)})
    return {"bytesPerIdleGrainGcHeap": per_grain_heap, "bytesPerIdleGrainRss": per_grain_rss, "perSilo": silos,
            "twoSilosRssGigabytes": round(sum(s["rssGigabytes"] for s in silos), 2),
            "fitsIn8Gigabytes": sum(s["rssGigabytes"] for s in silos) <= 8}
first_before = [s["before"] for s in light["perSilo"]]
report = {
    "benchmark": "profiles across a two-silo cluster on PostgreSQL: N people activated over HTTP, each silo's GC heap (after an induced full collection) and RSS, before, active and idle",
    "commit": commit,
    "machine": f"{os.cpu_count()} cores; shared; load average {load_start} at start, {load_end} at end; {available} GB available before the run",
    "target": "1,000,000 people's profiles across two silos within 8 GB (issue 9)",
    "siloRuntimeSettings": silo_env.split() or "none (the silo's runtimeconfig defaults)",
    "siloLogOutOfMemoryLines": oom_lines,
    "ranAtSize": f"{light['people']:,} light people (10 views) then " + (f"{heavy['people']:,} heavy people (106 views)" if heavy else "no heavy group (not run)") + ("; a 1M run: the readings are measured at that size" if light["people"] >= 1_000_000
                    else "; not a 1M run: the extrapolation below scales the measured growth"),
    "warmUp": warm, "light": light, "heavy": heavy,
    "extrapolationTo1M": {
        "basis": "each silo's measured base (before the light group, after the warm-up group) + 500,000 x the measured bytes per idle grain of the group (RSS and GC heap growth divided by user grain activations added); linear, as activations are independent; the RSS per grain includes the runtime's free space and garbage at the reading",
        "allLight": extrapolate(light), "allHeavy": extrapolate(heavy) if heavy else None,
    },
}
json.dump(report, open(out, "w"), indent=2)
for k in ("allLight", "allHeavy"):
    e = report["extrapolationTo1M"][k]
    if e is None or "notExtrapolated" in e: continue
    print(k, "idle bytes/grain heap", e["bytesPerIdleGrainGcHeap"], "rss", e["bytesPerIdleGrainRss"], "-> two silos RSS", e["twoSilosRssGigabytes"], "GB")
