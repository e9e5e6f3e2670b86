#!/usr/bin/env bash
# Issue 14's real run on one machine: a search (the quick preset's space and budget, the asynchronous strategy) that
# opens a cluster on loopback and trains on its own CPU, and one worker process that joins it, both on Fashion-MNIST.
# Prints the search's last line and how many evaluations the search's machine and the worker each measured.
#   bench/cluster-two-process.sh [WORK_DIR] [more search options...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
shift || true
mkdir -p "$work"
port=5781
"$here/smartnas" --version > /dev/null # builds the launcher once, before two processes start it
"$here/smartnas" search --strategy asynchronous --cluster "$port" --name two-process --db "$work/results.mv.db" \
    --out "$work/out" --json "$@" 2> "$work/search.log" | tail -1 > "$work/result.json" &
search=$!
"$here/smartnas" worker --join "127.0.0.1:$port" --port $((port + 1)) > "$work/worker.log" 2>&1 &
worker=$!
wait "$search"
wait "$worker" || echo "the worker ended with status $?" >&2
cat "$work/result.json"
run="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"])' "$work/result.json")"
"$here/smartnas" show "$run" --db "$work/results.mv.db" --json | /usr/bin/python3 -c '
import json, sys
for by, n in json.load(sys.stdin)["measured_by"].items():
    print(f"{n:4d} evaluations measured by {by}")'
