#!/usr/bin/env bash
# Issue 14's recommendation table, resumable: each (labels, budget) cell in its own directory;
# finished seeds are reused by the comparison when this script is run again.
# Usage: run.sh CELL... (cells: clean-b50 clean-b30 clean-b70 noisy-b50 noisy-b30 noisy-b70);
# two lanes run side by side, one engine thread each. Scale: the first 20,000 training samples,
# 12 epochs, batch 128, the small CNN.
cd /work/evidence/issue14
ALL=${ALL:-baseline,infobatch-budget,seta,orderdp,random-budget,loss-sampling}
# InfoBatch's rules cannot reach B = 0.3 in 12 epochs (epoch 0 and the annealing epochs are full:
# the floor is 0.325), so that cell runs without it.
NO_IB=${NO_IB:-baseline,seta,orderdp,random-budget,loss-sampling}
run() { # name, extra args...
  local name=$1; shift
  OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -Xmx4g -cp "greentrain-fashion-mnist.jar:lib/*" \
    dev.greentrain.samples.FashionMnistComparison \
    --epochs 12 --threads 1 --train-limit 20000 \
    --output-dir "$name" "$@" >> "$name.log" 2>&1
  echo "$name exit $? at $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)" >> done.txt
}
for cell in "$@"; do
  case $cell in
    clean-b50) run clean-b50 --variants "$ALL" --budget 0.5 --seeds 1,2,3,4,5 ;;
    clean-b30) run clean-b30 --variants "$NO_IB" --budget 0.3 --seeds 1,2,3 ;;
    clean-b70) run clean-b70 --variants "$ALL" --budget 0.7 --seeds 1,2,3 ;;
    noisy-b50) run noisy-b50 --variants "$ALL" --budget 0.5 --seeds ${NOISY_B50_SEEDS:-1,2,3} --label-noise 0.3 ;;
    noisy-b30) run noisy-b30 --variants "$NO_IB" --budget 0.3 --seeds 1,2,3 --label-noise 0.3 ;;
    noisy-b70) run noisy-b70 --variants "$ALL" --budget 0.7 --seeds 1,2,3 --label-noise 0.3 ;;
    *) echo "unknown cell $cell" >&2; exit 2 ;;
  esac
done
