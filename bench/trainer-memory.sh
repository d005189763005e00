#!/usr/bin/env bash
# Training read memory: a generated log of 200,000 events (about 60 MB as objects) read for training in pages within a
# 16 MiB bound; live managed memory is measured after a full collection at every page (TrainingLogReaderTests).
# Writes bench/results/trainer-memory.json with the commit it ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
line=$(dotnet test tests/ContentGrains.Core.Tests -c Release -nologo --filter "FullyQualifiedName~TrainingLogReaderTests.A_log_larger" \
  --logger "console;verbosity=detailed" | grep -o 'log 200,000 events:.*')
echo "$line"
read -r whole pages page peak bound < <(echo "$line" | sed -E 's/.*: ([0-9,]+) bytes as objects; paged read \(([0-9]+) pages of ([0-9]+)\) peak ([0-9,]+) bytes; bound ([0-9,]+)/\1 \2 \3 \4 \5/' | tr -d ,)
cat > bench/results/trainer-memory.json <<JSON
{
  "commit": "$(git rev-parse HEAD)",
  "measuredAt": "$(date -u +%FT%TZ)",
  "machine": "$(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"); shared with other builds, so only memory (not time) is reported",
  "logEvents": 200000,
  "logBytesAsObjects": $whole,
  "memoryBoundBytes": $bound,
  "pageEvents": $page,
  "pages": $pages,
  "peakLiveManagedBytesWhileReading": $peak
}
JSON
cat bench/results/trainer-memory.json
