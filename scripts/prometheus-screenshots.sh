#!/usr/bin/env bash
# Renders the headline queries of the savings dashboard (its first row) on Prometheus's classic
# graph page in headless Chromium and saves one PNG per query: a real-browser view of a run's
# figures where Grafana cannot be installed.
#
# Usage: scripts/prometheus-screenshots.sh [--prometheus URL] [--run REGEX] [--range 1h]
#                                          [--graph-range 1h] [--out DIR]
#   --prometheus   Prometheus's address (default http://127.0.0.1:9090)
#   --run          the runs to show, a regex on the run tag (default .*: every run)
#   --range        the dashboard's time range ($__range): how far back a total looks (default 1h)
#   --graph-range  the width of the graph, ending now (default: the --range)
#   --out          where the PNGs go (default docs/img)
# Needs chromium, jq and curl (scripts/setup.sh installs them). Refuses a query that returns no
# data, so a PNG always shows figures.
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
prometheus=http://127.0.0.1:9090
run='.*'
range=1h
graph_range=
out="$project/docs/img"
while [ $# -gt 0 ]; do
  case "$1" in
    --prometheus) prometheus=$2; shift 2 ;;
    --run) run=$2; shift 2 ;;
    --range) range=$2; shift 2 ;;
    --graph-range) graph_range=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "Unknown option $1: expected --prometheus, --run, --range, --graph-range or --out." >&2
       exit 2 ;;
  esac
done
graph_range=${graph_range:-$range}
for value in "$range" "$graph_range"; do
  [[ "$value" =~ ^[0-9]+[smhdw]$ ]] || {
    echo "Range $value: expected a Prometheus duration such as 15m or 1h." >&2; exit 2; }
done
for tool in chromium jq curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/setup.sh." >&2; exit 2; }
done
curl -fsS "$prometheus/-/ready" >/dev/null 2>&1 || {
  echo "Prometheus does not answer at $prometheus: pass --prometheus." >&2; exit 2; }
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# the headline panels: every panel before the dashboard's second row
jq -r --arg run "$run" --arg range "$range" '
  [.panels[] | select(.type == "row") | .gridPos.y] as $rows
  | .panels[] | select(.type != "row" and .gridPos.y < $rows[1])
  | [.title, (.targets[0].expr
      | gsub("\\$__range"; $range) | gsub("\\$__rate_interval"; "1m")
      | gsub("\\$job"; ".*") | gsub("\\$variant"; ".*") | gsub("\\$run"; $run))]
  | @tsv' "$project/grafana/dashboards/greentrain-savings.json" |
while IFS=$'\t' read -r title expr; do
  file=$(printf '%s' "$title" | tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' '-' | sed 's/^-*//; s/-*$//')
  encoded=$(jq -rn --arg e "$expr" '$e | @uri')
  found=$(curl -fsS "$prometheus/api/v1/query?query=$encoded" | jq '.data.result | length')
  if [ "$found" -eq 0 ]; then
    echo "No data for \"$title\" (runs $run): nothing to show." >&2
    exit 1
  fi
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size=1280,900 --virtual-time-budget=10000 \
    --screenshot="$out/prometheus-$file.png" \
    "$prometheus/classic/graph?g0.expr=$encoded&g0.tab=0&g0.range_input=$graph_range" \
    >/dev/null 2>&1
  [ -s "$out/prometheus-$file.png" ] || { echo "Chromium wrote no $out/prometheus-$file.png" >&2; exit 1; }
  echo "$out/prometheus-$file.png: $title"
done
