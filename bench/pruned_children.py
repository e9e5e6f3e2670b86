"""How many of a run's candidates are a pruned copy of a candidate measured before them: same stem, bottleneck, growth
and size, no cell deeper, no cell reading an input the earlier one's cell did not read, and not equal. Guided mutation
makes such children; random mutation makes some too, so the run without it gives the base rate.
    python3 bench/pruned_children.py CONFIGS_JSON ...   (each: `smartnas sql --json` rows with a config column, oldest
                                                         first)"""
import json, sys


def pruned_copy(child, parent):
    same = ("input", "classes", "stem", "bottleneck", "size", "growth")
    if child == parent or any(child.get(k) != parent.get(k) for k in same):
        return False
    cells = {(c["row"], c["col"]): c for c in parent["cells"]}
    for cell in child["cells"]:
        other = cells.get((cell["row"], cell["col"]))
        if other is None or cell["depth"] > other["depth"]:
            return False
        if cell["depth"] > 0 and not set(cell.get("from", [])) <= set(other.get("from", [])):
            return False
    return True


for path in sys.argv[1:]:
    seen, pruned = [], 0
    for row in json.load(open(path)):
        config = json.loads(row["config"])
        if config in seen:
            continue
        pruned += any(pruned_copy(config, earlier) for earlier in seen)
        seen.append(config)
    print(f"{path}: {pruned} of {len(seen)} candidates are a pruned copy of an earlier one")
