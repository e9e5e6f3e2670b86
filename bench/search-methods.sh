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
minutes="${1:-20}"
seeds="${2:-3}"
case "$seeds" in
  *-*) first="${seeds%-*}" last="${seeds#*-}" ;;
  *) first=1 last="$seeds" ;;
esac
work="${3:-$(mktemp -d)}"
mkdir -p "$work"
for seed in $(seq "$first" "$last"); do
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
/usr/bin/python3 - "$work" <<'PY'
import glob, itertools, json, os, re, sys
work = sys.argv[1]
seeds = sorted({int(re.match(r"seed-(\d+)-", os.path.basename(d)).group(1)) for d in glob.glob(f"{work}/seed-*-*")})
runs = {}
for method in ("rungs", "genetic", "random"):
    for seed in seeds:
        path = f"{work}/seed-{seed}-{method}/result.json"
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            continue
        r = json.load(open(path))
        best = r.get("best") or r.get("closest") or {}
        runs.setdefault(method, []).append((seed, best.get("test_accuracy"), r["evaluations"], best.get("params")))
for method, rs in runs.items():
    accs = [a for _, a, _, _ in rs if a is not None]
    print(f"{method:8s}", " ".join(f"seed {s}: {a} ({n} candidates, {p} params)" for s, a, n, p in rs),
          f"mean {sum(accs) / len(accs):.4f}" if accs else "")
def u_test(x, y):
    """Exact two-sided Mann-Whitney U p-value (ties count half), by enumerating every split of the pooled values."""
    def u(a, b):
        return sum((1 if p > q else 0.5 if p == q else 0) for p in a for q in b)
    pooled, observed = x + y, u(x, y)
    mean = len(x) * len(y) / 2
    splits = list(itertools.combinations(range(len(pooled)), len(x)))
    extreme = sum(1 for idx in splits if abs(u([pooled[i] for i in idx],
        [pooled[i] for i in range(len(pooled)) if i not in idx]) - mean) >= abs(observed - mean) - 1e-12)
    return observed, extreme / len(splits)
for a, b in (("rungs", "genetic"), ("rungs", "random"), ("genetic", "random")):
    x = [acc for _, acc, _, _ in runs.get(a, []) if acc is not None]
    y = [acc for _, acc, _, _ in runs.get(b, []) if acc is not None]
    if x and y:
        stat, p = u_test(x, y)
        print(f"{a} vs {b}: U = {stat}, p = {p:.3f}")
PY
