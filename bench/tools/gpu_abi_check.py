#!/usr/bin/env python3
"""Checks that TorchSharp's libLibTorchSharp.so can bind against a given libtorch before any .NET runs.

usage: gpu_abi_check.py UNDEFINED_SYMBOLS_FILE [LIBTORCH_DIR]

Loads libtorch's libraries with RTLD_GLOBAL (through `import torch` when Python has it, else from LIBTORCH_DIR), then
looks up every symbol libLibTorchSharp.so leaves undefined (the file lists them, one a line, as `nm -D --undefined-only`
names them at bundle time). .NET loads the library lazily, so a missing function only fails when it is called; this
lists every one up front. Prints one JSON line: the libtorch version and folder, how many symbols were checked, and the
missing ones (all of them), and exits 1 when any is missing.
"""
import ctypes
import json
import os
import sys

ORDER = ["libc10.so", "libtorch_cpu.so", "libtorch.so", "libc10_cuda.so", "libtorch_cuda.so"]
# GCC 13's <iostream> marker: never called, absent from older libstdc++ (Debian 12), and its version need is made weak
# at build time (build/TorchSharpDebian12Fix.targets), so it is no ABI problem.
NEVER_CALLED = {"_ZSt21ios_base_library_initv"}


def load_libtorch(folder):
    try:
        import torch  # loads its own libraries (and their CUDA dependencies) into the process
        return torch.__version__, os.path.join(os.path.dirname(torch.__file__), "lib")
    except ImportError:
        if not folder:
            sys.exit("no torch module and no LIBTORCH_DIR given: nothing to check against")
        for name in ORDER:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        return "unknown (loaded from folder)", folder


def main():
    symbols_file = sys.argv[1]
    version, folder = load_libtorch(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("LIBTORCH_DIR"))
    # The libraries libtorch itself loaded, so the lookup below sees their symbols too.
    for name in ORDER:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    process = ctypes.CDLL(None)
    names = [line.split("@")[0].strip() for line in open(symbols_file) if line.strip()]
    names = [name for name in names if name not in NEVER_CALLED]
    missing = [name for name in names if not hasattr(process, name)]
    print(json.dumps({"libtorch": version, "folder": folder, "checked": len(names), "missing": len(missing),
                      "missingSymbols": missing}))
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
