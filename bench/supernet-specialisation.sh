#!/usr/bin/env bash
# Issue 33's specialisation: one trained supernet answers three targets, each against the quick preset's search for the
# same target and the tutorial CNN of bench/plain_cnn.py sized to it. First an unconstrained `search --supernet` (the
# latency target is half its answer's latency), then per target, the arms in turn (the first arm rotates by target):
#   supernet: `smartnas search --supernet SUPERNET_DIR --time SEARCH --fine-tune FINE TARGET` (SEARCH + FINE of wall time)
#   quick:    `smartnas search TARGET` (the quick preset, 14 minutes)
#   cnn:      `bench/plain_cnn.py --time SEARCH+FINE TARGET` (the largest variant within the target)
# The targets: --max-params 20000, --max-params 100000, --max-latency-ms (half the unconstrained answer's). Each run has a
# directory of its own (WORK_DIR/TARGET-ARM: its database, its run directory, its output and its wall time); an arm
# found finished there is not run again. Prints one line per run. Run it alone on an idle machine: about
# 3 x (2 x (SEARCH + FINE) + 14m) + SEARCH.
#   bench/supernet-specialisation.sh SUPERNET_DIR WORK_DIR [SEARCH=2m] [FINE=5m]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
supernet="${1:?usage: bench/supernet-specialisation.sh SUPERNET_DIR WORK_DIR [SEARCH=2m] [FINE=5m]}"
work="${2:?usage: bench/supernet-specialisation.sh SUPERNET_DIR WORK_DIR [SEARCH=2m] [FINE=5m]}"
search="${3:-2m}"
fine="${4:-5m}"
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "supernet-specialisation: needs Debian's python3-torch" >&2; exit 2; }
minutes() { echo "$1" | awk '/m$/ {print $0+0} /s$/ {print ($0+0) / 60} /h$/ {print ($0+0) * 60}'; }
cnn_time="$(awk -v a="$(minutes "$search")" -v b="$(minutes "$fine")" 'BEGIN {print a + b "m"}')"
mkdir -p "$work"

# smartnas NAME ARGS...: one search in WORK_DIR/NAME, skipped when its JSON line is there
smartnas() {
  local dir="$work/$1"
  shift
  [[ -s "$dir/out.json" ]] && return 0
  rm -rf "$dir" && mkdir -p "$dir"
  echo "$(date -u +%T) ${dir##*/}: smartnas search $*" >&2
  /usr/bin/time -f "wall_s %e peak_rss_kb %M" -o "$dir/time.txt" "$here/smartnas" search "$@" \
      --db "$dir/results.mv.db" --out "$dir/run" --json < /dev/null > "$dir/out.txt" 2> "$dir/search.log" || true
  tail -1 "$dir/out.txt" | grep '^{' > "$dir/out.json" || echo "${dir##*/}: no result (see $dir/search.log)" >&2
}
cnn() {
  local dir="$work/$1"
  shift
  [[ -s "$dir/out.json" ]] && return 0
  mkdir -p "$dir"
  echo "$(date -u +%T) ${dir##*/}: plain_cnn.py --time $cnn_time $*" >&2
  /usr/bin/time -f "wall_s %e peak_rss_kb %M" -o "$dir/time.txt" /usr/bin/python3 "$here/bench/plain_cnn.py" \
      --time "$cnn_time" "$@" > "$dir/out.json" 2> "$dir/cnn.log" || true
}

smartnas unconstrained --supernet "$supernet" --time "$search"
half="$(/usr/bin/python3 -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["best"]["latency_ms"] / 2, 4))' \
    "$work/unconstrained/out.json")"
targets=("--max-params 20000" "--max-params 100000" "--max-latency-ms $half")
names=(params-20000 params-100000 "latency-$half")
for i in 0 1 2; do
  read -r -a target <<< "${targets[$i]}"
  arms=(supernet quick cnn)
  for k in 0 1 2; do
    arm="${arms[$(( (i + k) % 3 ))]}"
    case "$arm" in
      supernet) smartnas "${names[$i]}-supernet" --supernet "$supernet" --time "$search" --fine-tune "$fine" "${target[@]}" ;;
      quick) smartnas "${names[$i]}-quick" "${target[@]}" ;;
      cnn) cnn "${names[$i]}-cnn" "${target[@]}" ;;
    esac
  done
done
/usr/bin/python3 - "$work" <<'PY'
import json, os, re, sys
work = sys.argv[1]
for name in sorted(os.listdir(work)):
    path = os.path.join(work, name, "out.json")
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        print(f"{name}: no result")
        continue
    result = json.load(open(path))
    timing = open(os.path.join(work, name, "time.txt")).read()
    wall = re.search(r"wall_s ([0-9.]+)", timing)
    wall = wall.group(1) if wall else "?"
    if "best" in result or "closest" in result:
        best = result.get("best") or {}
        print(f"{name}: test {best.get('test_accuracy')} validation {best.get('accuracy')} ({best.get('id')}, "
              f"{best.get('params')} parameters, {best.get('latency_ms')} ms), {result['evaluations']} candidates, "
              f"wall {wall} s" + ("" if best else f", no feasible answer: {result.get('closest')}"))
    else:
        print(f"{name}: test {result['test_accuracy']} validation {result['validation_accuracy']} "
              f"({result['network']}, {result['params']} parameters, {result['latency_ms']} ms in PyTorch), "
              f"{result['epochs']} epochs, wall {wall} s")
PY
