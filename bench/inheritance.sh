#!/usr/bin/env bash
# Inherited weights alone (issue 12). Parents: the first PAIRS configs of 2 or 3 exits that `smartnas sample --seed 11`
# draws from the quick preset's bounds, each trained as a search's rung 0 trains a candidate (1 epoch on 3,000
# images, --out). Children: the parent with the depth of every block of its last column changed (d -> d mod 3 + 1;
# pruned blocks stay pruned), so it shares every exit group but the last. Each child is trained the same way twice: from scratch, and with
# `--inherit` from its parent. Prints each child's last-exit validation and test accuracy both ways, and the means.
# Run it alone on an idle machine: about 3 x PAIRS trainings of 15-30 s on 2 cores.
#   bench/inheritance.sh [PAIRS=10] [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
pairs="${1:-10}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work/sample" "$work/children"
"$here/smartnas" sample --seed 11 --count 200 --max-size 3 --max-depth 3 --out "$work/sample" >/dev/null
/usr/bin/python3 - "$work" "$pairs" <<'PY'
import json, os, sys
work, pairs = sys.argv[1], int(sys.argv[2])
chosen = []
for name in sorted(os.listdir(f"{work}/sample")):
    config = json.load(open(f"{work}/sample/{name}"))
    if config["size"] < 2 or config["stem"] > 32 or max(config["growth"]) > 32:
        continue
    child = json.loads(json.dumps(config))
    for cell in child["cells"]:
        if cell["col"] == config["size"] - 1 and cell["depth"] > 0:
            cell["depth"] = cell["depth"] % 3 + 1
    if child == config:
        continue
    json.dump(child, open(f"{work}/children/{name}", "w"))
    chosen.append(name)
    if len(chosen) == pairs:
        break
open(f"{work}/pairs.txt", "w").write("\n".join(chosen) + "\n")
PY
last() { /usr/bin/python3 -c 'import json,sys; e=json.load(sys.stdin)["exits"][-1]; print(e["validation_accuracy"], e["test_accuracy"])'; }
: > "$work/results.txt"
while read -r name; do
  [[ -z "$name" ]] && continue
  parent="$work/parent-${name%.json}"
  rm -rf "$parent"
  "$here/smartnas" train "$work/sample/$name" --epochs 1 --subset 3000 --out "$parent" --json 2>/dev/null >/dev/null
  scratch="$("$here/smartnas" train "$work/children/$name" --epochs 1 --subset 3000 --json 2>/dev/null | last)"
  inherited="$("$here/smartnas" train "$work/children/$name" --epochs 1 --subset 3000 --inherit "$parent" --json \
      2>/dev/null | last)"
  echo "$name scratch $scratch inherited $inherited" | tee -a "$work/results.txt"
done < "$work/pairs.txt"
/usr/bin/python3 - "$work/results.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
mean = lambda xs: sum(xs) / len(xs)
print(f"{len(rows)} children, mean last-exit accuracy, validation / test: "
      f"from scratch {mean([float(r[2]) for r in rows]):.4f} / {mean([float(r[3]) for r in rows]):.4f}, "
      f"inherited {mean([float(r[5]) for r in rows]):.4f} / {mean([float(r[6]) for r in rows]):.4f}")
PY
