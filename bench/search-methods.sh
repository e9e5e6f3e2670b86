#!/usr/bin/env bash
# Issue 12's benchmark: the genetic search with rungs and inherited weights, the single-fidelity genetic search (the
# quick preset as it was), and random search, each with the same wall budget (final training included), for several
# seeds; the methods alternate within each seed so that the machine's state falls on all three alike. Each run has a
# database of its own: a shared one would let a later run read what an earlier one measured. Prints every run's
# best test accuracy after its final training, and the Mann-Whitney U test (exact, two-sided) between the methods.
# Run it alone on an idle machine: SEEDS x 3 x MINUTES of wall time. SEEDS is a count (3: seeds 1 to 3) or a range
# (2-3), so that the seeds can be run on different days into one WORK_DIR; the summary reads every seed found there.
#   bench/search-methods.sh [MINUTES=20] [SEEDS=3] [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/seed-range.sh"
minutes="${1:-20}"
work="${3:-$(mktemp -d)}"
mkdir -p "$work"
for seed in $(seed_range "${2:-3}"); do
  for method in rungs genetic random; do
    case "$method" in
      rungs) extra=(--settings "$here/bench/settings/rungs-inherit.json") ;;
      genetic) extra=(--evaluations 1000) ;;
      random) extra=(--evaluations 1000 --strategy random) ;;
    esac
    dir="$work/seed-$seed-$method"
    rm -rf "$dir" && mkdir -p "$dir"
    echo "seed $seed, $method: $minutes minutes" >&2
    "$here/smartnas" search "${extra[@]}" --seed "$seed" --time "${minutes}m" --name "$method-$seed" \
        --db "$dir/results.mv.db" --out "$dir/run" --json 2> "$dir/search.log" | tail -1 > "$dir/result.json"
  done
done
/usr/bin/python3 "$here/bench/compare_runs.py" "$work" rungs genetic random
