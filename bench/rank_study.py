#!/usr/bin/env python3
"""Summary of bench/rank-study.sh: per candidate its size and the three accuracies; Kendall's tau-b of each yardstick's
validation accuracy (last exit) against the final training's test accuracy (last exit), with a bootstrap 90% interval
(candidates resampled 10,000 times, seed 0); the final test accuracy of each yardstick's top 3; and, when matplotlib is
there, the scatter as WORK_DIR/rank-study.png.

    /usr/bin/python3 bench/rank_study.py WORK_DIR
"""
import json
import os
import random
import sys

YARDSTICKS = ("today", "equal")


def kendall_tau_b(xs, ys):
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif dx * dy > 0:
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denominator if denominator else float("nan")


def bootstrap(xs, ys, rounds=10_000, seed=0):
    rng = random.Random(seed)
    taus = []
    for _ in range(rounds):
        pick = [rng.randrange(len(xs)) for _ in xs]
        tau = kendall_tau_b([xs[i] for i in pick], [ys[i] for i in pick])
        if tau == tau:
            taus.append(tau)
    taus.sort()
    return taus[int(0.05 * len(taus))], taus[int(0.95 * len(taus)) - 1]


def main():
    work = sys.argv[1]
    runs = {}
    with open(os.path.join(work, "results.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            runs.setdefault(r["seed"], {})[r["arm"]] = r
    seeds = sorted(s for s, arms in runs.items() if all(a in arms for a in YARDSTICKS + ("final",)))
    rows = []
    print("seed  id                params   base  today_val  equal_val  final_test  final_epochs")
    for s in seeds:
        arms = runs[s]
        config = json.load(open(arms["final"]["config"]))
        row = {"seed": s, "id": arms["final"]["run"]["id"], "params": arms["final"]["run"]["params"],
               "base": config.get("base", 0),
               "today": arms["today"]["run"]["exits"][-1]["validation_accuracy"],
               "equal": arms["equal"]["run"]["exits"][-1]["validation_accuracy"],
               "final": arms["final"]["run"]["exits"][-1]["test_accuracy"],
               "final_epochs": arms["final"]["run"]["epochs"]}
        rows.append(row)
        print(f"{s:<5} {row['id']}  {row['params']:>7}  {row['base']:>4}  {row['today']:.4f}     "
              f"{row['equal']:.4f}     {row['final']:.4f}      {row['final_epochs']}")
    final = [r["final"] for r in rows]
    if len(rows) < 3:
        print(f"{len(rows)} candidate(s) with every arm measured: too few to rank")
        return
    print(f"\n{len(rows)} candidates; best final test accuracy {max(final):.4f}")
    for y in YARDSTICKS:
        xs = [r[y] for r in rows]
        low, high = bootstrap(xs, final)
        top = [r["final"] for r in sorted(rows, key=lambda r: -r[y])[:3]]
        reached = ", ".join(f"{t:.4f}" for t in top)
        print(f"{y:>6}: Kendall tau {kendall_tau_b(xs, final):+.3f} (90% bootstrap interval {low:+.3f} .. "
              f"{high:+.3f}); its top 3 reach {reached} (mean {sum(top) / len(top):.4f})")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no matplotlib: no scatter drawn; sudo apt-get install python3-matplotlib)")
        return
    fig, axes = plt.subplots(1, len(YARDSTICKS), figsize=(5 * len(YARDSTICKS), 4.2), sharey=True)
    for ax, y in zip(axes, YARDSTICKS):
        ax.scatter([r[y] for r in rows], final, c=[r["base"] for r in rows], cmap="viridis", vmin=0, vmax=2)
        for r in rows:
            ax.annotate(str(r["seed"]), (r[y], r["final"]), fontsize=7, xytext=(2, 2), textcoords="offset points")
        ax.set_xlabel(f"{y}: validation accuracy" + (" (1 epoch, 3,000 images)" if y == "today" else " (equal time)"))
        ax.set_title(f"Kendall tau {kendall_tau_b([r[y] for r in rows], final):+.2f}")
    axes[0].set_ylabel("test accuracy after the final training")
    fig.suptitle("Rank study: seeds labelled, colour = base (0 dark, 2 light)")
    fig.tight_layout()
    fig.savefig(os.path.join(work, "rank-study.png"), dpi=110)
    print(f"scatter: {os.path.join(work, 'rank-study.png')}")


if __name__ == "__main__":
    main()
