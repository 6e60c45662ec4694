#!/usr/bin/env bash
# Benchmarks: InfoBatch's, SeTa's and OrderDP's per-epoch decisions (JMH, N = 1.28M and 10M) and
# their memory per sample,
# the wall-time overhead of the one-line entry point with r = 0 against EasyTrain.fit, the cost of
# recording a batch's metrics (JMH), one energy sample (JMH), DREAM's re-clustering (JMH), epsilon-representativeness
# (JMH) and the metrics endpoint under load.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q install -DskipTests
cp="samples/bench/target/greentrain-bench.jar:samples/bench/target/lib/*"
java -cp "$cp" org.openjdk.jmh.Main PruningDecisionBenchmark
java -Xmx2g -cp "$cp" dev.greentrain.bench.PruningMemory 10000000
# SeTa's, OrderDP's and loss-proportional sampling's per-epoch decision and their memory per sample
java -cp "$cp" org.openjdk.jmh.Main ScoredPolicyDecisionBenchmark
for policy in seta orderdp loss-sampling; do
  java -Xmx2g -cp "$cp" dev.greentrain.bench.PruningMemory 10000000 "$policy"
done
java -Dai.djl.offline=true -Xmx4g -cp "$cp" dev.greentrain.bench.OverheadBenchmark "$@" \
  2>/dev/null | grep -E "^(pair|Overhead)"
java -cp "$cp" org.openjdk.jmh.Main MetricsRecordingBenchmark
java -cp "$cp" org.openjdk.jmh.Main EnergySamplingBenchmark
# DREAM re-clustering of 60,000 samples (10 classes x 6,000, k = 64, 20 Lloyd iterations, dim 64
# and 128): NDArray k-means vs plain Java; the embedding pass through the small CNN separately.
OMP_WAIT_POLICY=PASSIVE java -cp "$cp" org.openjdk.jmh.Main KMeansBenchmark
# Exact epsilon-representativeness at p = 0.5 of 60,000 samples: 64-d embeddings and raw 784-d
# Fashion-MNIST inputs.
java -cp "$cp" org.openjdk.jmh.Main EpsilonBenchmark
# The metrics endpoint on loopback: a bounded load (20 scrapers x 10 scrapes/s for 10 s, from a
# second JVM), then saturation (wrk, 20 connections in a closed loop for 10 s).
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && apt-get install -y wrk || sudo apt-get install -y wrk; }
url_file=$(mktemp)
java -cp "$cp" dev.greentrain.bench.ScrapeLoadServer --seconds 40 > "$url_file" 2>/dev/null &
server=$!
for _ in $(seq 100); do [ -s "$url_file" ] && break; sleep 0.2; done
[ -s "$url_file" ] || { echo "the metrics server did not start" >&2; exit 1; }
url=$(head -1 "$url_file")
java -cp "$cp" dev.greentrain.bench.ScrapeLoadBenchmark "$url" 2>/dev/null
wrk -t2 -c20 -d10s --timeout 5s --latency "$url"
kill "$server" 2>/dev/null || true
rm -f "$url_file"
