#!/usr/bin/env bash
# Builds the silo's GPU flavour (-p:ContentGrainsAccelerator=cuda) into a temporary folder and checks what it ships:
# exactly one native onnxruntime for linux-x64 (ONNX Runtime's CUDA build, which the MiniLM encoder also runs on), with its CUDA
# provider beside it, and no CPU onnxruntime. Runs here without a GPU: it checks the files, not the device.
#   deploy/check-gpu-build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$out"' EXIT
# A copy of the sources, so the CUDA flavour's restore and outputs never mix with this checkout's bin/ and obj/.
mkdir -p "$out/src"
tar --exclude=bin --exclude=obj -cf - global.json Directory.Build.props Directory.Build.targets Directory.Packages.props src build silo-config deploy/sql \
  | tar -xf - -C "$out/src"
dotnet publish "$out/src/src/ContentGrains.Silo" -c Release -nologo -v quiet -p:ContentGrainsAccelerator=cuda -p:UseAppHost=false \
  -o "$out/app" >/dev/null
native="$out/app/runtimes/linux-x64/native"
count=$(find "$out/app/runtimes/linux-x64" -name 'libonnxruntime.so' | wc -l)
fail() { echo "GPU build check FAILED: $*" >&2; exit 1; }
[ "$count" = 1 ] || fail "$count copies of libonnxruntime.so (expected exactly one)"
gpu_package="${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.ml.onnxruntime.gpu.linux/1.31.0/runtimes/linux-x64/native"
cmp -s "$native/libonnxruntime.so" "$gpu_package/libonnxruntime.so" || fail "libonnxruntime.so is not the CUDA build's ($gpu_package)"
[ -f "$native/libonnxruntime_providers_cuda.so" ] || fail "no libonnxruntime_providers_cuda.so in runtimes/linux-x64/native"
echo "GPU build check passed: one libonnxruntime.so ($(du -h "$native/libonnxruntime.so" | cut -f1)), CUDA provider present ($(du -h "$native/libonnxruntime_providers_cuda.so" | cut -f1))"
