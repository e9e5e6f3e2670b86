#!/usr/bin/env bash
# The launcher's glibc settings (launcher/glibc-tunables) against the same without glibc.malloc.arena_max=1, in
# alternating rounds of `smartnas bench` on the 3-exit example (batch 64, 2 threads): training images/s and page
# faults per timed step. Run it alone on an idle machine.
#   bench/malloc-arena.sh [ROUNDS] [STEPS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
steps="${2:-100}"
with="$(cat "$here/launcher/glibc-tunables")"
without="${with/:glibc.malloc.arena_max=1/}"
summary='import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1])
print("%.1f\t%.0f" % (d["train_images_per_s"], d["page_faults_per_step"]))'
printf 'round\ttunables\timages_s\tpage_faults_per_step\n'
for round in $(seq "$rounds"); do
  for tunables in "$without" "$with"; do
    result=$(GLIBC_TUNABLES="$tunables" "$here/smartnas" bench "$here/examples/three-exits-130k.json" --device cpu \
      --batch-size 64 --steps "$steps" --threads 2 --json 2>/dev/null | python3 -c "$summary")
    label=$([ "$tunables" = "$with" ] && echo "arena_max=1" || echo "per-thread arenas")
    printf '%s\t%s\t%s\n' "$round" "$label" "$result"
  done
done
