#!/usr/bin/env bash
# Catalog scale benchmark: a silo's catalog view with synthetic catalogs of 10k, 100k and 1M items — memory per item,
# delta-refresh cost, heuristic feed compute p50/p99 (no model) — and, for comparison, the whole-catalog sorts the
# old refresh did every second. Writes bench/results/catalog-scale.json with the commit it ran on.
# Extra arguments go to the bench, e.g. --sizes 10000,100000.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/ContentGrains.Bench.Catalog -c Release -nologo -v quiet
commit=$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench || echo "+uncommitted")
dotnet bench/ContentGrains.Bench.Catalog/bin/Release/net10.0/ContentGrains.Bench.Catalog.dll \
  --commit "$commit" --out bench/results/catalog-scale.json "$@"
