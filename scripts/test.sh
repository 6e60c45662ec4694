#!/usr/bin/env bash
# Runs every test (unit, real PyTorch engine, real Fashion-MNIST files) and the formatting check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp verify "$@"
