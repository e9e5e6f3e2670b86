#!/usr/bin/env bash
# The latency predictor against measured latency, as issue 13 asks: draws `smartnas sample --seed 7 --count 30`,
# calibrates this device into a scratch database, and checks the profile on those 30 held-out configs in the same
# process (warm, as a search measures after training): the predicted and measured latency of each last exit at batch
# size 1, the median and the worst error. Run it alone on an idle machine; about 2 minutes on 2 cores.
#   bench/latency-predictor.sh [WORK_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
"$here/smartnas" sample --seed 7 --count 30 --out "$work/held-out" >/dev/null
"$here/smartnas" calibrate-device --device cpu --db "$work/profile.mv.db" --check "$work"/held-out/*.json
