#!/usr/bin/env bash
# Runs every test (unit, real PyTorch engine, real Fashion-MNIST files) and the formatting check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# PyTorch's OpenMP threads otherwise spin-wait between kernels, burning CPU time that the CPU
# energy model charges to the runs the tests train (the forked test JVMs inherit it).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mvn -B -ntp verify "$@"
