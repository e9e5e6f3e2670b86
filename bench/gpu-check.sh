#!/usr/bin/env bash
# The device check: on a machine with an NVIDIA GPU and Python's PyTorch, run SmartNAS's own code on the GPU through
# that PyTorch's libtorch (DJL 0.33 needs libtorch 2.5.1). Needs gpu-bundle/ from bench/make-gpu-bundle.sh.
# Writes what it finds to ${OUT:-.}.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-.}"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$out/gpu.txt"
python3 - <<'PY' | tee "$out/torch.txt"
import torch, os
print("version", torch.__version__)
print("cuda", torch.version.cuda, "available", torch.cuda.is_available())
print("cxx11abi", torch.compiled_with_cxx11_abi())
print("lib", os.path.join(os.path.dirname(torch.__file__), "lib"))
PY
version=$(awk '/^version/ {print $2}' "$out/torch.txt")
export PYTORCH_LIBRARY_PATH=$(awk '/^lib/ {print $2}' "$out/torch.txt")
export PYTORCH_VERSION=${version%%+*}
export PYTORCH_FLAVOR=cu124
[ "$(awk '/^cxx11abi/ {print $2}' "$out/torch.txt")" = "True" ] || export PYTORCH_PRECXX11=true
case "$version" in
  2.5.1*) ;;
  *) echo "libtorch $version: DJL 0.33 needs 2.5.1; the check cannot run here" | tee "$out/verdict.txt"; exit 3 ;;
esac
java=gpu-bundle/jre/bin/java
run() { echo "+ smartnas $*"; timeout 240 "$java" -jar gpu-bundle/smartnas.jar "$@"; echo "exit $?"; }
{
  run describe examples/three-exits-130k.json --json
  run bench examples/three-exits-130k.json --device gpu --steps 100 --json
  run bench examples/three-exits-130k.json --device gpu --batch-size 256 --steps 50 --json
  run train examples/two-exits.json --data synthetic --epochs 2 --device gpu --json
  run train examples/two-exits.json --data synthetic --epochs 1 --training exit-by-exit --device gpu --json
  run search --data synthetic --evaluations 6 --population 3 --subset 600 --device gpu --db "$out/gpu.mv.db" --json
} 2>&1 | tee "$out/smartnas.txt"
