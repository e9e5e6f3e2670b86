#!/usr/bin/env bash
# Issue 33's ranking: do networks cut out of a supernet rank as the same networks trained alone? COUNT distinct
# networks are drawn by the space's own sampler (`smartnas sample --settings bench/settings/supernet-cpu.json --seed
# SEED`, the sampler `supernet train` draws with), then one arm at a time, each in its own `./smartnas` per network:
#   alone:    `smartnas train CONFIG --time TIME` (one-cycle on time, all training images; its validation accuracy)
#   supernet: `smartnas supernet cut SUPERNET_DIR --config CONFIG` (the supernet's weights at the network's channels,
#             batch norms recalibrated on 256 training images, as `search --supernet` measures a candidate)
# Every result is written as it comes (WORK_DIR/results.jsonl, one line per network and arm); an arm started again
# skips what it finds there. bench/supernet_ranking.py WORK_DIR prints Kendall's tau between the two arms' validation
# accuracies (last exit), overall and within each size T, and draws the scatter. Run each arm alone on an idle machine:
# the alone arm takes about COUNT x (TIME + 30 s).
#   bench/supernet-ranking.sh WORK_DIR alone [TIME=3m]
#   bench/supernet-ranking.sh WORK_DIR supernet SUPERNET_DIR
#   (SEED=33 COUNT=20 in the environment choose the draw)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: bench/supernet-ranking.sh WORK_DIR alone [TIME=3m] | WORK_DIR supernet SUPERNET_DIR"
work="${1:?$usage}"
arm="${2:?$usage}"
mkdir -p "$work"
if [ ! -s "$work/configs.txt" ]; then
  # the first COUNT distinct networks of the draw (a small network may be drawn twice)
  "$here/smartnas" sample --settings "$here/bench/settings/supernet-cpu.json" --seed "${SEED:-33}" \
      --count "$((2 * ${COUNT:-20}))" --out "$work/configs" < /dev/null | awk '!seen[$0]++' | head -n "${COUNT:-20}" \
      > "$work/configs.txt"
  echo "seed ${SEED:-33}, the first ${COUNT:-20} distinct of $((2 * ${COUNT:-20})) draws" > "$work/draw.txt"
fi
results="$work/results.jsonl"
touch "$results"
while read -r config; do
  id="$(basename "$config" .json)"
  if grep -q "\"id\": \"$id\", \"arm\": \"$arm\"" "$results"; then
    continue
  fi
  case "$arm" in
    alone)
      echo "$id, alone: train --time ${3:-3m}" >&2
      line="$("$here/smartnas" train "$config" --time "${3:-3m}" --json < /dev/null 2> "$work/$id-alone.log" \
          | tail -1)" ;;
    supernet)
      supernet="${3:?$usage}"
      echo "$id, cut from $supernet" >&2
      rm -rf "$work/cut-$id"
      line="$("$here/smartnas" supernet cut "$supernet" --config "$config" --out "$work/cut-$id" --json < /dev/null \
          2> "$work/$id-supernet.log" | tail -1)" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  echo "{\"id\": \"$id\", \"arm\": \"$arm\", \"config\": \"$config\", \"at\": \"$(date -u +%FT%TZ)\", \"run\": $line}" \
      >> "$results"
done < "$work/configs.txt"
/usr/bin/python3 "$here/bench/supernet_ranking.py" "$work"
