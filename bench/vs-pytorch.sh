#!/usr/bin/env bash
# Training speed of `smartnas bench` against PyTorch eager (Debian's python3-torch, bench/pytorch_smartnet.py) on the
# same networks, as issue 13 asks: alternating rounds, like with like (batch 64, 2 threads, the launcher's
# GLIBC_TUNABLES for both), every round printed. Run it alone on an idle machine. Needs Debian's python3-torch
# (`sudo apt-get install python3-torch`; not part of ./setup: only this benchmark uses it).
#   bench/vs-pytorch.sh [ROUNDS] [STEPS] [WARMUP]    (untimed steps first, the same for both; default 5)
#   CONFIGS="a.json b.json" bench/vs-pytorch.sh ...   (other configs, relative to the project root or absolute)
set -euo pipefail
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "vs-pytorch: needs Debian's python3-torch" >&2; exit 2; }
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
steps="${2:-50}"
warmup="${3:-5}"
export GLIBC_TUNABLES="$(cat "$(dirname "$0")/../launcher/glibc-tunables")"
printf 'config\tround\tsmartnas_img_s\tpytorch_img_s\tratio\tsmartnas_ms_fwd/bwd/upd\tpytorch_ms_fwd/bwd/upd\n'
# One JSON line in, "images/s<TAB>forward/backward/update ms" out.
summary='import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); s=d["step_ms"]
print("%s\t%.1f/%.1f/%.1f" % (d["train_images_per_s"], s["forward"], s["backward"], s["update"]))'
for config in ${CONFIGS:-examples/three-exits-130k.json examples/two-exits.json}; do
  case "$config" in /*) ;; *) config="$here/$config" ;; esac
  for round in $(seq "$rounds"); do
    ours=$("$here/smartnas" bench "$config" --device cpu --batch-size 64 --steps "$steps" --warmup "$warmup" --threads 2 --json \
      2>/dev/null | python3 -c "$summary")
    theirs=$(/usr/bin/python3 "$here/bench/pytorch_smartnet.py" "$config" --batch 64 --steps "$steps" \
      --warmup "$warmup" --threads 2 2>/dev/null | python3 -c "$summary")
    python3 -c "import sys; a,b=float(sys.argv[3]),float(sys.argv[5]); print(f'{sys.argv[1]}\t{sys.argv[2]}\t{a:.1f}\t{b:.1f}\t{a/b:.2f}\t{sys.argv[4]}\t{sys.argv[6]}')" \
      "$(basename "$config")" "$round" ${ours} ${theirs}
  done
done
