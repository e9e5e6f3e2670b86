"""Summary of a benchmark of search methods, one directory per run: WORK/seed-S-METHOD/ with result.json (the last line
of `smartnas search --json`) and, when present, sizes.json (one row of `smartnas sql --json` over the run's candidates). Prints
each run's best test accuracy after its final training, its parameters and the sizes of the networks it measured, each
method's mean, and the exact two-sided Mann-Whitney U test (ties count half) between every two methods.
    python3 bench/compare_runs.py WORK METHOD [METHOD ...]"""
import glob, itertools, json, os, re, sys

work, methods = sys.argv[1], sys.argv[2:]
seeds = sorted({int(re.match(r"seed-(\d+)-", os.path.basename(d)).group(1)) for d in glob.glob(f"{work}/seed-*-*")})


def sizes(path):
    """The sizes of the candidates a run measured (sizes.json: its one row, as text), or None."""
    if not os.path.exists(path):
        return None
    rows = json.load(open(path))
    return ", ".join(f"{k} {v}" for k, v in rows[0].items()) if rows else None


runs = {}
for method in methods:
    for seed in seeds:
        path = f"{work}/seed-{seed}-{method}/result.json"
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            continue
        r = json.load(open(path))
        best = r.get("best") or r.get("closest") or {}
        runs.setdefault(method, []).append((seed, best.get("test_accuracy"), r["evaluations"], best.get("params"),
                                            sizes(f"{work}/seed-{seed}-{method}/sizes.json")))
for method, rs in runs.items():
    accs = [a for _, a, _, _, _ in rs if a is not None]
    print(f"{method:8s}", " ".join(f"seed {s}: {a} ({n} candidates, best {p} params"
                                   + (f", measured {z}" if z else "") + ")" for s, a, n, p, z in rs),
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


for a, b in itertools.combinations(methods, 2):
    x = [acc for _, acc, _, _, _ in runs.get(a, []) if acc is not None]
    y = [acc for _, acc, _, _, _ in runs.get(b, []) if acc is not None]
    if x and y:
        stat, p = u_test(x, y)
        print(f"{a} vs {b}: U = {stat}, p = {p:.3f}")
