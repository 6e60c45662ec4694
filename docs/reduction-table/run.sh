#!/usr/bin/env bash
# Issue 15's table: static reductions (embedding features) against full data, random subsets and
# dynamic policies at the same budget; one output directory per p. Resumable (finished seeds are
# reused). Usage: lane.sh <p> <variants>
cd /work/evidence/issue15
p=$1; variants=$2
env OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -Xmx6g -cp "greentrain-fashion-mnist.jar:lib/*" \
  dev.greentrain.samples.FashionMnistComparison --variants "$variants" --budget "$p" --epochs 8 \
  --train-limit 20000 --threads 1 --reduction-features embedding --seeds 1,2,3 \
  --output-dir "p$p" >> "p$p.log" 2>&1
echo "p$p exit $? at $(date +%T)" >> done.txt
