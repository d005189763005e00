#!/usr/bin/env bash
# Segments benchmark: the simulator plants K groups (distinct topic tastes, habit hours, home channels), writes a bulk data
# set and the truth; `contentgrains segments` fits ML.NET k-means with k chosen by silhouette over 2..12 and DBSCAN with eps
# at the k-distance knee, and scores both against the planted groups by the adjusted Rand index (target >= 0.9).
# Runs: simulated events (tags, channels, hours) with K = 5 and K = 8, and the same K = 5 world as RecBole interactions
# (no channels). Writes bench/results/segments.json with the commit it ran on. Needs no shared data.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ContentGrains.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
cli=src/ContentGrains.Cli/bin/Release/net10.0/contentgrains
source bench/tools/engine.sh
commit=$(bench_commit)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
users=${USERS:-5000} events=${EVENTS:-1000000}
run() { # name segments format
  local name=$1 k=$2 format=$3
  "$cli" simulate bulk --users "$users" --items 2000 --events "$events" --segments "$k" --format "$format" --out "$tmp/$name" >/dev/null 2>&1
  if [ "$format" = jsonl ]; then
    "$cli" segments --data "$tmp/$name/events.jsonl" --format simulated --truth "$tmp/$name/groups.tsv" --out "$tmp/$name.json"
  else
    "$cli" segments --data "$tmp/$name/sim.inter" --format recbole --truth "$tmp/$name/sim.groups" --out "$tmp/$name.json"
  fi
}
run k5 5 jsonl
run k8 8 jsonl
run k5-recbole 5 recbole
python3 - "$tmp" "$commit" "$(nproc)" "$(load_average)" "$users" "$events" > bench/results/segments.json <<'PY'
import json, sys
tmp, commit, cores, load, users, events = sys.argv[1:7]
def summary(name, planted, fmt):
    d = json.load(open(f"{tmp}/{name}.json")); f = d["fit"]
    return {"plantedGroups": planted, "format": fmt, "people": d["people"], "events": d["events"],
            "chosenK": f["chosenK"], "silhouettes": {str(s["k"]): s["silhouette"] for s in f["silhouettes"]},
            "ari": {"kmeansEveryone": d["agreement"]["kMeans"], "kmeansSample": d["agreement"]["kMeansSample"], "dbscanSample": d["agreement"]["dbscan"]},
            "targetAri09": d["agreement"]["kMeans"] >= 0.9,
            "dbscan": f["dbscan"], "sampled": f["sampled"], "dimensions": f["dimensions"],
            "readSeconds": d["readSeconds"], "fitSeconds": f["seconds"], "totalSeconds": d["totalSeconds"],
            "segments": [{"segment": s["segment"], "size": s["size"], "tags": [t["key"] for t in s["top"]["tags"][:3]],
                          "channels": [t["key"] for t in s["top"]["channels"][:2]], "hours": [t["key"] for t in s["top"]["hours"][:3]]} for s in d["segments"]]}
print(json.dumps({
    "benchmark": "segments: ML.NET k-means (k by silhouette) and DBSCAN against the simulator's planted groups (adjusted Rand index)",
    "commit": commit,
    "machine": f"{cores} cores shared with six other builds; load average {load}: timings are noisy",
    "world": {"users": int(users), "items": 2000, "events": int(events), "topics": 20},
    "runs": {"k5": summary("k5", 5, "simulated (tags, channels, hours)"),
             "k8": summary("k8", 8, "simulated (tags, channels, hours)"),
             "k5Recbole": summary("k5-recbole", 5, "recbole (tags, hours; no channels)")},
}, indent=2))
PY
echo "wrote bench/results/segments.json"
