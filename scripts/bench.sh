#!/usr/bin/env bash
# Benchmarks: InfoBatch's per-epoch decision (JMH, N = 1.28M and 10M), its memory per sample, and
# the wall-time overhead of the one-line entry point with r = 0 against EasyTrain.fit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q install -DskipTests
cp="samples/target/greentrain-samples.jar:samples/target/lib/*"
java -cp "$cp" org.openjdk.jmh.Main PruningDecisionBenchmark
java -Xmx2g -cp "$cp" dev.greentrain.samples.bench.PruningMemory 10000000
java -Dai.djl.offline=true -Xmx4g -cp "$cp" dev.greentrain.samples.bench.OverheadBenchmark "$@" \
  2>/dev/null | grep -E "^(pair|Overhead)"
