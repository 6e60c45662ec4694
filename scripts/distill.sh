#!/usr/bin/env bash
# Dataset distillation on Fashion-MNIST: distribution matching (DM) with uniform random or DREAM
# real batches. Writes <output-dir>/<sampler>-ipc<S>-seed<seed>/ with distilled.ndlist (the set,
# loadable with dev.greentrain.distill.DistilledSet.load), distilled.png, accuracy.csv and
# checkpoint.ndlist; run the same command again to resume. Extra arguments go to the program
# (see --help), e.g.
# scripts/distill.sh --sampler dream --images-per-class 10 --iterations 1000 --seed 42
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q install -DskipTests
# PyTorch's OpenMP threads otherwise spin-wait between kernels; on a shared machine that made the
# forward passes several times slower.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec java -Dai.djl.offline=true -Xmx4g \
  -cp "samples/fashion-mnist/target/greentrain-fashion-mnist.jar:samples/fashion-mnist/target/lib/*" \
  dev.greentrain.samples.Distill "$@"
