#!/usr/bin/env bash
# The CUDA path of training, run for real on a machine that has a GPU and PyTorch but no .NET (and the CPU path
# anywhere). Two steps:
#
#   bench/gpu-check.sh bundle [DIR]      here (needs the .NET SDK): builds bench/ContentGrains.Bench.Gpu and puts in DIR
#                                        (default .gpu at the repository root, ~30 MB) the .NET 10 runtime (xz), the
#                                        program without any libtorch, TorchSharp's libLibTorchSharp.so and the list of
#                                        symbols it needs from libtorch, the ml-100k split files it trains on (from
#                                        $DATA, default ../shared/data/ml-100k-split; DIR must be a folder git ignores:
#                                        the data is never committed), this script and the two Python checks.
#   DIR/gpu-check.sh run DIR OUT         there: uses PyTorch's libtorch (python3 -c 'import torch'), or LIBTORCH_DIR
#                                        where Python has no torch (here: the libtorch-cpu NuGet package). Checks the
#                                        ABI first (bench/tools/gpu_abi_check.py), then runs the program with
#                                        --device cuda when libtorch sees a GPU, then --device cpu with the GPU hidden,
#                                        and compares each click model's ONNX export with TorchSharp's scores in ONNX
#                                        Runtime (bench/tools/gpu_onnx_compare.py, skipped without Python onnxruntime).
#                                        Writes OUT/gpu-cuda.json, OUT/gpu-cpu.json, OUT/abi.json, OUT/onnx-*.json.
#
# Options of run (environment): GPU_CHECK_CUDA_ARGS / GPU_CHECK_CPU_ARGS are extra arguments for each half, e.g.
# "--parts ml100k,click --threads 1"; GPU_CHECK_CUDA_LAST_ARGS, when set, runs CUDA once more after the CPU half (into
# OUT/gpu-cuda-last.json), e.g. "--parts scale --scale-items 1000000 --scale-budget 1500000".
# TorchSharp 0.107.0 is built against libtorch 2.10.0; PyTorch's own libtorch of another version works only if every
# symbol it needs is still there (abi.json says).
set -euo pipefail

bundle() {
  local root dir data commit
  root=$(cd "$(dirname "$0")/.." && pwd)
  dir=$(realpath -m "${1:-$root/.gpu}")
  data=${DATA:-$root/../shared/data/ml-100k-split}
  [[ -f $data/ml-100k.train.inter ]] || { echo "bundle: no ml-100k split at $data (set DATA)" >&2; exit 2; }
  cd "$root"
  commit=$(git rev-parse HEAD)
  git diff --quiet HEAD -- src bench || commit="$commit+uncommitted"
  dotnet build bench/ContentGrains.Bench.Gpu -c Release -nologo -clp:ErrorsOnly
  local bin=bench/ContentGrains.Bench.Gpu/bin/Release/net10.0
  rm -rf "$dir/app" "$dir/data" && mkdir -p "$dir/app" "$dir/data/ml-100k-split"
  # The managed program without its deps.json (which names the CPU libtorch's files, left out here), and the
  # patched libLibTorchSharp.so beside it, where .NET looks for it first; libtorch itself comes from the machine.
  cp "$bin"/*.dll "$bin"/ContentGrains.Bench.Gpu.runtimeconfig.json "$dir/app/"
  cp "$bin"/runtimes/linux-x64/native/libLibTorchSharp.so "$dir/app/"
  nm -D --undefined-only "$dir/app/libLibTorchSharp.so" | awk '$1 == "U" { print $2 }' > "$dir/libtorchsharp-undefined.txt"
  for f in train.inter valid.inter test.inter item; do cp "$data/ml-100k.$f" "$dir/data/ml-100k-split/"; done
  local dotnet_root
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  local runtime
  runtime=$(cd "$dotnet_root" && ls -d shared/Microsoft.NETCore.App/10.* | sort -V | tail -1)
  [[ -f $dir/dotnet.tar.xz && -f $dir/dotnet.version && $(cat "$dir/dotnet.version") == "$runtime" ]] ||
    { tar -C "$dotnet_root" -cJf "$dir/dotnet.tar.xz" dotnet host "$runtime" LICENSE.txt ThirdPartyNotices.txt && echo "$runtime" > "$dir/dotnet.version"; }
  cp bench/gpu-check.sh bench/tools/gpu_abi_check.py bench/tools/gpu_onnx_compare.py "$dir/"
  echo "$commit" > "$dir/commit"
  du -sh "$dir"
}

run() {
  local dir out runtime libtorch version gpu
  dir=$(realpath "$1"); out=$(realpath -m "$2"); mkdir -p "$out"
  runtime=/tmp/gpu-check-dotnet
  [[ -x $runtime/dotnet ]] || { mkdir -p "$runtime" && tar -C "$runtime" -xJf "$dir/dotnet.tar.xz"; }
  if python3 -c 'import torch' 2>/dev/null; then
    libtorch=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
    version=$(python3 -c 'import torch; print(torch.__version__)')
    # libtorch_cuda's CUDA libraries come in PyTorch's nvidia-* wheels beside it; Python preloads them, dlopen may not.
    local nvidia
    nvidia=$(find "$libtorch/../../nvidia" -maxdepth 3 -type d -name lib 2>/dev/null | paste -sd: -)
    [[ -z $nvidia ]] || libtorch="$libtorch:$nvidia"
  else
    libtorch=${LIBTORCH_DIR:?no torch in python3: set LIBTORCH_DIR to a libtorch lib folder}
    version="libtorch in $libtorch"
  fi
  gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1 || true)
  echo "libtorch $version at $libtorch; GPU: ${gpu:-none}"

  local abi=0
  python3 "$dir/gpu_abi_check.py" "$dir/libtorchsharp-undefined.txt" "${libtorch%%:*}" > "$out/abi.json" || abi=$?
  cat "$out/abi.json"
  [[ $abi == 0 ]] || echo "ABI: libLibTorchSharp.so needs symbols this libtorch lacks (abi.json); .NET binds lazily, so trying anyway"

  local common=(--data "$dir/data/ml-100k-split" --commit "$(cat "$dir/commit")" --libtorch "$version" --gpu "${gpu:-none}")
  local status=0
  # Invariant globalization: a GPU image need not have libicu, and the program parses and prints invariantly anyway.
  export DOTNET_ROOT=$runtime DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 LD_LIBRARY_PATH="$libtorch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  if [[ -n $gpu ]]; then
    # shellcheck disable=SC2086
    "$runtime/dotnet" "$dir/app/ContentGrains.Bench.Gpu.dll" --device cuda --out "$out/gpu-cuda.json" --work /tmp/gpu-check-cuda \
      "${common[@]}" ${GPU_CHECK_CUDA_ARGS:-} || status=$?
    compare cuda "$out"
  fi
  # shellcheck disable=SC2086
  CUDA_VISIBLE_DEVICES= "$runtime/dotnet" "$dir/app/ContentGrains.Bench.Gpu.dll" --device cpu --out "$out/gpu-cpu.json" --work /tmp/gpu-check-cpu \
    "${common[@]}" ${GPU_CHECK_CPU_ARGS:-} || status=$?
  compare cpu "$out"
  if [[ -n $gpu && -n ${GPU_CHECK_CUDA_LAST_ARGS:-} ]]; then
    # A second CUDA run after the CPU half (e.g. the large scale fit), so a long one cannot cost the CPU figures.
    # shellcheck disable=SC2086
    "$runtime/dotnet" "$dir/app/ContentGrains.Bench.Gpu.dll" --device cuda --out "$out/gpu-cuda-last.json" --work /tmp/gpu-check-cuda \
      "${common[@]}" $GPU_CHECK_CUDA_LAST_ARGS || status=$?
  fi
  return $status
}

compare() {
  local prefix=/tmp/gpu-check-$1/click-$1
  [[ -f $prefix.onnx ]] || return 0
  if python3 -c 'import onnxruntime, numpy' 2>/dev/null; then
    python3 "$(dirname "$0")/gpu_onnx_compare.py" "$prefix" > "$2/onnx-$1.json" || true
    cat "$2/onnx-$1.json"
  else
    echo "onnx-$1: skipped, python3 has no onnxruntime (the C# tests compare ONNX Runtime with TorchSharp on the CPU)"
  fi
}

case "${1:-}" in
  bundle) shift; bundle "$@" ;;
  run) shift; run "$@" ;;
  *) sed -n '2,24p' "$0"; exit 2 ;;
esac
