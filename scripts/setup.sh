#!/usr/bin/env bash
# Installs what GreenTrain's commands need on a Debian machine: a JDK 17, Maven, the
# Fashion-MNIST data set, Prometheus with its Pushgateway (for the integration tests) and
# headless Chromium with its driver (the HTML report's browser test), jq and curl (the Prometheus
# screenshots).
# Idempotent: installs only what is missing.
set -euo pipefail

packages=()
java_major=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || packages+=(dataset-fashion-mnist)
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
command -v prometheus-pushgateway >/dev/null 2>&1 || packages+=(prometheus-pushgateway)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v jq >/dev/null 2>&1 || packages+=(jq)
command -v curl >/dev/null 2>&1 || packages+=(curl)

if [ ${#packages[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "Installing ${packages[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${packages[@]}"; then
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
  fi
fi
