#!/usr/bin/env bash
# Issue 30's headline benchmark: the quick search (`./smartnas search`, its whole run: search and final training)
# against the tutorial CNN trained by bench/plain_cnn.py for the same wall time, ROUNDS rounds, the two alternating
# (SmartNAS first in odd rounds, the CNN first in even ones). Each search has a database of its own. Prints every round:
# SmartNAS's best.test_accuracy, its network's parameters and MACs, its wall time and peak resident memory; the CNN's
# test accuracy and epochs. Extra arguments go to both (e.g. --max-params 100000 with --preset thorough: the CNN is
# then the largest variant within the bound). Run it alone on an idle machine: ROUNDS x 2 x TIME.
#   bench/vs-plain-cnn.sh [ROUNDS=3] [TIME=14m] [WORK_DIR] [-- SMARTNAS_OPTIONS...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
time="${2:-14m}"
work="${3:-$(mktemp -d)}"
shift $(( $# < 3 ? $# : 3 ))
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
max_params=()
for ((i = 0; i < ${#extra[@]}; i++)); do
  [[ "${extra[$i]}" == "--max-params" ]] && max_params=(--max-params "${extra[$((i + 1))]}")
done
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "vs-plain-cnn: needs Debian's python3-torch" >&2; exit 2; }
mkdir -p "$work"
smartnas() {
  local dir="$work/round-$1-smartnas"
  rm -rf "$dir" && mkdir -p "$dir"
  echo "round $1: smartnas search --time $time ${extra[*]}" >&2
  /usr/bin/time -f "wall_s %e peak_rss_kb %M" "$here/smartnas" search --time "$time" "${extra[@]}" \
      --db "$dir/results.mv.db" --out "$dir/run" --json > "$dir/out.txt" 2> "$dir/search.log"
}
cnn() {
  local dir="$work/round-$1-cnn"
  mkdir -p "$dir"
  echo "round $1: bench/plain_cnn.py --time $time ${max_params[*]}" >&2
  /usr/bin/python3 "$here/bench/plain_cnn.py" --time "$time" "${max_params[@]}" > "$dir/result.json" \
      2> "$dir/cnn.log"
}
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then smartnas "$round"; cnn "$round"; else cnn "$round"; smartnas "$round"; fi
  /usr/bin/python3 - "$work" "$round" <<'PY'
import json, re, sys
work, r = sys.argv[1], sys.argv[2]
out = open(f"{work}/round-{r}-smartnas/out.txt").read().strip().splitlines()
s = json.loads(out[-1]) if out and out[-1].startswith("{") else {}
log = open(f"{work}/round-{r}-smartnas/search.log", errors="replace").read()
m = re.search(r"wall_s ([0-9.]+) peak_rss_kb ([0-9]+)", log)
c = json.load(open(f"{work}/round-{r}-cnn/result.json"))
best = s.get("best") or {}
print(f"round {r}: SmartNAS {best.get('test_accuracy')} ({best.get('id')}, {best.get('params')} parameters, "
      f"wall {m.group(1) if m else '?'} s, peak {int(m.group(2)) // 1024 if m else '?'} MB) | plain CNN "
      f"{c['test_accuracy']} ({c['params']} parameters, {c['epochs']} epochs, {c['seconds']} s)", flush=True)
PY
done
