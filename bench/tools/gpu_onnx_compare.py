#!/usr/bin/env python3
"""Scores the click model's ONNX export with ONNX Runtime and compares it with TorchSharp's scores of the same rows.

usage: gpu_onnx_compare.py PREFIX [TOLERANCE]

Reads PREFIX.onnx, PREFIX-rows.f32 (N x features float32) and PREFIX-torch.f32 (N float32), as the bench program
ContentGrains.Bench.Gpu writes them. Prints one JSON line (rows, largest absolute difference, tolerance, pass) and
exits 1 when a difference exceeds the tolerance (1e-5 by default).
"""
import json
import sys

import numpy as np
import onnxruntime as ort


def main():
    prefix = sys.argv[1]
    tolerance = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-5
    session = ort.InferenceSession(prefix + ".onnx", providers=["CPUExecutionProvider"])
    features = session.get_inputs()[0].shape[1]
    rows = np.fromfile(prefix + "-rows.f32", dtype=np.float32).reshape(-1, features)
    torch_scores = np.fromfile(prefix + "-torch.f32", dtype=np.float32)
    onnx_scores = session.run(None, {session.get_inputs()[0].name: rows})[0].reshape(-1)
    if onnx_scores.shape != torch_scores.shape:
        sys.exit(f"{prefix}: ONNX gave {onnx_scores.shape[0]} scores, TorchSharp {torch_scores.shape[0]}")
    largest = float(np.max(np.abs(onnx_scores - torch_scores)))
    report = {"model": prefix + ".onnx", "onnxruntime": ort.__version__, "rows": int(rows.shape[0]),
              "maxAbsDifference": largest, "tolerance": tolerance, "pass": largest <= tolerance}
    print(json.dumps(report))
    sys.exit(0 if report["pass"] else 1)


if __name__ == "__main__":
    main()
