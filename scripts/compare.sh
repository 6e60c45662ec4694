#!/usr/bin/env bash
# The main job: the A/B comparison. Trains the small CNN on Fashion-MNIST with full data, with
# InfoBatch and with random pruning at InfoBatch's per-epoch counts, from the same seed, and writes
# the report (results.csv/json, charts, report.md, report.html) to ./comparison, printing where it
# is. Extra arguments go to the program (see --help), e.g.
# scripts/compare.sh --seeds 42,43,44 --variants baseline,infobatch,random,dream-nearest,random-budget
set -euo pipefail
cd "$(dirname "$0")/.."
# Help and version print at once, before anything is installed or built (the test suite checks
# that docs/compare-help.txt is the program's own usage message).
for arg in "$@"; do
  case "$arg" in
    -h|--help) cat docs/compare-help.txt; exit 0 ;;
    -V|--version) echo "GreenTrain 0.1.0-SNAPSHOT: the Fashion-MNIST A/B comparison"; exit 0 ;;
  esac
done
scripts/setup.sh
mvn -B -ntp -q install -DskipTests
# PyTorch's OpenMP threads otherwise spin-wait between kernels, burning CPU time that the CPU
# energy model would charge to the run.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec java -Dai.djl.offline=true -Xmx4g \
  -cp "samples/fashion-mnist/target/greentrain-fashion-mnist.jar:samples/fashion-mnist/target/lib/*" \
  dev.greentrain.samples.FashionMnistComparison "$@"
