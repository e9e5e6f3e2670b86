#!/usr/bin/env bash
# Whether two checkouts of SmartNAS behave the same, for a refactoring: describe --json of both examples, and a
# quick-preset search on synthetic data (seed 42, 12 candidates of one epoch on 600 images, ranked by accuracy alone on
# one engine thread so that training repeats exactly; latency, a timing, would make the genetic choices differ) compared
# candidate by candidate, with the run settings it stored. Each checkout builds itself on first use.
#   bench/same-behaviour.sh BEFORE_DIR AFTER_DIR [SEARCH_OPTION...]
#     e.g. a worktree of main before the change, and this checkout; options are added to the search (--strategy random)
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,7p "$0" >&2; exit 2; }
before="$1"; after="$2"; shift 2
work="$(mktemp -d)"
for side in "before:$before" "after:$after"; do
  name=${side%%:*}; root="$(cd "${side#*:}" && pwd)"
  mkdir -p "$work/$name"
  (cd "$root" && ./smartnas describe examples/two-exits.json examples/three-exits-130k.json --json) > "$work/$name/describe.json"
  (cd "$work/$name" && OMP_NUM_THREADS=1 "$root/smartnas" search --data synthetic --evaluations 12 --population 4 \
    --seconds 0 --epochs 1 --subset 600 --final-epochs 1 --final-subset 600 --objective accuracy --db r "$@" > search.txt 2>&1)
  "$root/smartnas" sql "SELECT config_id, status FROM evaluations WHERE NOT final_training ORDER BY id" \
    --db "$work/$name/r.mv.db" --csv > "$work/$name/candidates.csv"
  "$root/smartnas" sql "SELECT settings FROM runs" --db "$work/$name/r.mv.db" --csv > "$work/$name/settings.csv"
done
same=0
for f in describe.json candidates.csv settings.csv; do
  if cmp -s "$work/before/$f" "$work/after/$f"; then echo "$f: identical ($(wc -c < "$work/after/$f") bytes)"
  else echo "$f: DIFFERS"; diff "$work/before/$f" "$work/after/$f" | head -20; same=1; fi
done
echo "files in $work"
exit $same
