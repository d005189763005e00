"""Writes bench/results/topics-arctic.json from the runs of quality-explore's arctic, arctic-query and arctic-neighbours
(bench/topics-arctic.sh): arguments are the commit of each sweep, the load average at the start and end, the two sweep
JSONs, the neighbours log, and optionally a note on how the runs were made."""
import json, re, sys

plain_commit, query_commit, load_start, load_end, plain_path, query_path, neighbours_path = sys.argv[1:8]
note = sys.argv[8] if len(sys.argv) > 8 else "bench/topics-arctic.sh, one run"
plain, query = json.load(open(plain_path)), json.load(open(query_path))

def variant(v, commit):
    return {"variant": v["variant"], "commit": commit, "kChosen": [r["kChosen"] for r in v["runs"]],
            "silhouetteAtChosenK": [r["silhouette"] for r in v["runs"]], "nmiAtChosenK": [r["nmi"] for r in v["runs"]],
            "nmiAtChosenKMean": v["chosenNmiMean"], "nmiAtFixedK": {k: f["mean"] for k, f in v["nmiAtFixedK"].items()},
            "runs": v["runs"]}

neighbours = {}
for line in open(neighbours_path):
    m = re.match(r"(.+): same category among the 10 nearest ([0-9.]+)", line.strip())
    if m: neighbours[m.group(1)] = float(m.group(2))

variants = [variant(v, plain_commit) for v in plain["results"]] + [variant(v, query_commit) for v in query["results"]]
print(json.dumps({
    "benchmark": "topics NMI round 5: arctic-embed-xs beside all-MiniLM-L6-v2 on MIND news.tsv (2,000 articles, 15 categories)",
    "commit": query_commit,
    "machine": f"2 cores shared with other helpers and a 1M-profile benchmark; load average {load_start.split()[0]} at the start, {load_end.split()[0]} at the end: no wall times are compared",
    "protocol": "spherical k-means (Core SphericalKMeans, 4 restarts per fit), k by cosine silhouette over 5..40 (the shipped rule), seeds 42, 43, 44; NMI against the editors' categories only scores, never chooses k or a weight",
    "made": note,
    "target": "NMI >= 0.45 at the k the silhouette chooses",
    "reached": any(v["nmiAtChosenKMean"] >= 0.45 for v in variants),
    "encoding": plain["encoding"] + query["encoding"],
    "sameCategoryAmong10Nearest": neighbours,
    "variants": variants,
}, indent=2))
