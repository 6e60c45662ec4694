#!/usr/bin/env bash
# Runs every test and the formatting check: the unit tests (phase test) and the integration tests
# (tag "integration", phase integration-test: real Prometheus, Pushgateway, Chromium, the
# Fashion-MNIST files, PyTorch training). Extra arguments go to Maven, e.g. -DskipUnitTests or
# -Dgreentrain.test.prometheus=/path (see ARCHITECTURE.md, Tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# PyTorch's OpenMP threads otherwise spin-wait between kernels, burning CPU time that the CPU
# energy model charges to the runs the tests train (the forked test JVMs inherit it).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mvn -B -ntp verify "$@"
