#!/usr/bin/env bash
# Issue 30's rank study: which yardstick ranks candidates as the final training will. Draws one config of the quick
# space (3 exits, blocks of up to 3 layers, bases 0-2) per seed with `smartnas sample`, then for each: today's
# yardstick (1 epoch on 3,000 images), equal time (EQUAL of training on the whole split, the one-cycle schedule on
# time, so a cheap network sees more images), and what the budget makes of it (FINAL of training, the same schedule,
# then its test accuracy). The three trainings of a candidate run one after another, candidate after candidate, each in
# its own `./smartnas train`; every result is written as it comes (WORK_DIR/results.jsonl, one line per run), and a
# study started again skips what it finds there. bench/rank_study.py prints Kendall's tau of each yardstick against the
# final test accuracy (bootstrap 90% interval), each yardstick's top 3, and draws the scatter.
# Run it alone on an idle machine: about SEEDS x (FINAL + EQUAL + 40 s).
#   bench/rank-study.sh WORK_DIR [SEEDS=0-19] [FINAL=4m] [EQUAL=15s]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/seed-range.sh"
work="${1:?usage: bench/rank-study.sh WORK_DIR [SEEDS=0-19] [FINAL=4m] [EQUAL=15s]}"
final="${3:-4m}"
equal="${4:-15s}"
mkdir -p "$work/configs"
results="$work/results.jsonl"
touch "$results"
for seed in $(seed_range "${2:-0-19}"); do
  config="$("$here/smartnas" sample --seed "$seed" --max-size 3 --max-depth 3 --bases 0,1,2 --out "$work/configs")"
  for arm in today equal final; do
    if grep -q "\"seed\": $seed, \"arm\": \"$arm\"" "$results"; then
      continue
    fi
    case "$arm" in
      today) options=(--epochs 1 --subset 3000) ;;
      equal) options=(--time "$equal") ;;
      final) options=(--time "$final") ;;
    esac
    echo "seed $seed ($config), $arm: ${options[*]}" >&2
    line="$(/usr/bin/time -f "peak_rss_kb %M" "$here/smartnas" train "$config" "${options[@]}" --json \
        2> "$work/seed-$seed-$arm.log" | tail -1)"
    peak="$(grep -a '^peak_rss_kb' "$work/seed-$seed-$arm.log" | tail -1 | cut -d' ' -f2)"
    echo "{\"seed\": $seed, \"arm\": \"$arm\", \"config\": \"$config\", \"peak_rss_kb\": $peak, \"run\": $line}" \
        >> "$results"
  done
done
/usr/bin/python3 "$here/bench/rank_study.py" "$work"
