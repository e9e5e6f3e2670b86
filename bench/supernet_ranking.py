#!/usr/bin/env python3
"""Summary of bench/supernet-ranking.sh: per network its size and the validation accuracy (last exit) of each arm
measured so far; with both arms, Kendall's tau-b between them (bootstrap 90% interval, networks resampled 10,000
times, seed 0), overall and within each size T, and, when matplotlib is there, the scatter as
WORK_DIR/supernet-ranking.png.

    /usr/bin/python3 bench/supernet_ranking.py WORK_DIR
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rank_study import bootstrap, kendall_tau_b  # noqa: E402


def last(values):
    return values[-1] if values else float("nan")


def main():
    work = sys.argv[1]
    runs = {}
    with open(os.path.join(work, "results.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            runs.setdefault(r["id"], {})[r["arm"]] = r
    rows = []
    print("id                size  base  params   alone_val  alone_test  alone_epochs  supernet_val  supernet_test")
    for network, arms in sorted(runs.items()):
        config = json.load(open(next(iter(arms.values()))["config"]))
        alone = arms.get("alone", {}).get("run")
        cut = arms.get("supernet", {}).get("run")
        row = {"id": network, "size": config["size"], "base": config.get("base", 0),
               "params": alone["params"] if alone else None,
               "alone": alone["exits"][-1]["validation_accuracy"] if alone else None,
               "alone_test": alone["exits"][-1]["test_accuracy"] if alone else None,
               "epochs": alone["epochs"] if alone else None,
               "supernet": last(cut["validation_accuracy"]) if cut else None,
               "supernet_test": last(cut["test_accuracy"]) if cut else None}
        rows.append(row)

        def show(v, width=12):
            return f"{v:<{width}.4f}" if isinstance(v, float) else f"{'-':<{width}}"
        print(f"{network}  {row['size']:<4}  {row['base']:<4}  {str(row['params'] or '-'):<7}  "
              f"{show(row['alone'], 10)} "
              f"{show(row['alone_test'], 11)} {str(row['epochs'] or '-'):<13} {show(row['supernet'], 13)} "
              f"{show(row['supernet_test'], 13)}")
    both = [r for r in rows if r["alone"] is not None and r["supernet"] is not None]
    if len(both) < 3:
        print(f"{len(both)} network(s) measured by both arms: too few to rank")
        return
    xs, ys = [r["supernet"] for r in both], [r["alone"] for r in both]
    low, high = bootstrap(xs, ys)
    print(f"\n{len(both)} networks: Kendall tau {kendall_tau_b(xs, ys):+.3f} (90% bootstrap interval {low:+.3f} .. "
          f"{high:+.3f}) between the validation accuracy cut from the supernet and trained alone")
    for size in sorted({r["size"] for r in both}):
        group = [r for r in both if r["size"] == size]
        tau = kendall_tau_b([r["supernet"] for r in group], [r["alone"] for r in group]) if len(group) > 1 \
            else float("nan")
        print(f"  size {size}: {len(group)} networks, Kendall tau {tau:+.3f}")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no matplotlib: no scatter drawn; sudo apt-get install python3-matplotlib)")
        return
    fig, ax = plt.subplots(figsize=(6, 5))
    for size, marker in zip((1, 2, 3, 4), "os^D"):
        group = [r for r in both if r["size"] == size]
        if group:
            ax.scatter([r["supernet"] for r in group], [r["alone"] for r in group], marker=marker,
                       label=f"size {size}")
    for r in both:
        ax.annotate(r["id"][:6], (r["supernet"], r["alone"]), fontsize=6, xytext=(2, 2), textcoords="offset points")
    ax.set_xlabel("validation accuracy, cut from the supernet (recalibrated)")
    ax.set_ylabel("validation accuracy, trained alone")
    ax.set_title(f"Kendall tau {kendall_tau_b(xs, ys):+.2f} over {len(both)} networks")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(work, "supernet-ranking.png"), dpi=110)
    print(f"scatter: {os.path.join(work, 'supernet-ranking.png')}")


if __name__ == "__main__":
    main()
