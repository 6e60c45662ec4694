#!/usr/bin/env bash
# The main job: trains the small CNN on Fashion-MNIST with full data and with InfoBatch from the
# same seed and prints accuracy, forward passes saved and wall time. Extra arguments go to the
# program (see --help), e.g. scripts/compare.sh --epochs 4 --prune-ratio 0.3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q install -DskipTests
exec java -Dai.djl.offline=true -Xmx4g \
  -cp "samples/target/greentrain-samples.jar:samples/target/lib/*" \
  dev.greentrain.samples.FashionMnistComparison "$@"
