#!/usr/bin/env bash
# Issue 16's benchmark: the genetic search with guided mutation (bench/settings/guided.json: half the children made by
# pruning a parent by its trained network's importance) against the same search without it (bench/settings/
# inherit.json), both with inherited weights, a population of 6, at most 100,000 parameters (so that their bests are
# compared at equal parameters) and the same wall budget, final training included, for several seeds; the two
# alternate within each seed. Each run has a database of its own. Prints every run's best test accuracy after its
# final training, the sizes of the networks each run measured, the exact Mann-Whitney U test, and how many candidates
# of each run are a pruned copy of an earlier one.
# Run it alone on an idle machine: SEEDS x 2 x MINUTES of wall time. SEEDS is a count (3: seeds 1 to 3) or a range.
#   bench/guided-mutation.sh [MINUTES=12] [SEEDS=3] [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/seed-range.sh"
minutes="${1:-12}"
work="${3:-$(mktemp -d)}"
mkdir -p "$work"
for seed in $(seed_range "${2:-3}"); do
  for method in plain guided; do
    case "$method" in
      plain) settings="$here/bench/settings/inherit.json" ;;
      guided) settings="$here/bench/settings/guided.json" ;;
    esac
    dir="$work/seed-$seed-$method"
    rm -rf "$dir" && mkdir -p "$dir"
    echo "seed $seed, $method: $minutes minutes" >&2
    "$here/smartnas" search --settings "$settings" --max-params 100000 --seed "$seed" --time "${minutes}m" \
        --name "$method-$seed" --db "$dir/results.mv.db" --out "$dir/run" --json 2> "$dir/search.log" \
        | tail -1 > "$dir/result.json"
    measured="SELECT config_id FROM evaluations WHERE status = 'ok'"
    "$here/smartnas" sql --db "$dir/results.mv.db" --json "SELECT COUNT(*) AS candidates, MEDIAN(params) AS \
median_params, MAX(params) AS largest_params, MEDIAN(macs) AS median_macs FROM candidates WHERE config_id IN \
($measured)" > "$dir/sizes.json"
    "$here/smartnas" sql --db "$dir/results.mv.db" --json --max-rows 100000 "SELECT c.config FROM evaluations e \
JOIN candidates c ON c.config_id = e.config_id WHERE e.status = 'ok' ORDER BY e.id" > "$dir/configs.json"
  done
done
/usr/bin/python3 "$here/bench/compare_runs.py" "$work" plain guided
/usr/bin/python3 "$here/bench/pruned_children.py" "$work"/seed-*/configs.json
