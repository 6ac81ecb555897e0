"""train_in_numpy.py OUT_DIR MNIST_DIR: a network trained in NumPy, saved for Knobs to load back.

network.py's recipe (784-30-10, sigmoid, quadratic cost, mini-batches of 10, eta 3.0) for one pass
over the first 10,000 training images, then saved three ways (test_model_npz.cpp loads them):
  numpy-float32.npz      with knobs_network.save(): float32, names for activations and cost
  numpy-networkpy.npz    as network.py keeps it: float64, biases (n, 1), no names (Knobs assumes sigmoid,
                         quadratic), and the weights in Fortran order (column-major) for the reader's sake
  numpy-compressed.npz   np.savez_compressed: Knobs must refuse it, saying how to save instead
Each holds the first 100 test images ("examples") and this network's outputs for them ("outputs"),
and "test_right", how many of the 10,000 test images it classifies right.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "assets", "python"))
import knobs_network as kn  # noqa: E402


def train(images, labels, rng):
    """Nielsen's SGD, vectorised over the mini-batch: the same gradients as his backprop loop."""
    sizes = [784, 30, 10]
    weights = [rng.standard_normal((n, m)) / np.sqrt(m) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((n, 1)) for n in sizes[1:]]
    eta, batch = 3.0, 10
    order = rng.permutation(len(labels))
    for start in range(0, len(order), batch):
        idx = order[start:start + batch]
        x = images[:, idx]
        y = np.zeros((10, len(idx)))
        y[labels[idx], np.arange(len(idx))] = 1.0
        activations, zs = [x], []
        for w, b in zip(weights, biases):
            zs.append(w @ activations[-1] + b)
            activations.append(kn.sigmoid(zs[-1]))
        delta = (activations[-1] - y) * activations[-1] * (1 - activations[-1])  # quadratic cost, sigmoid
        for l in range(len(weights) - 1, -1, -1):
            grad_w, grad_b = delta @ activations[l].T, delta.sum(axis=1, keepdims=True)
            if l > 0:
                delta = (weights[l].T @ delta) * activations[l] * (1 - activations[l])
            weights[l] -= eta / len(idx) * grad_w
            biases[l] -= eta / len(idx) * grad_b
    return weights, biases


def main(out_dir, mnist_dir):
    os.makedirs(out_dir, exist_ok=True)
    images = kn.read_idx(os.path.join(mnist_dir, "train-images-idx3-ubyte"))[:10000].reshape(-1, 784).T / 255.0
    labels = kn.read_idx(os.path.join(mnist_dir, "train-labels-idx1-ubyte"))[:10000]
    weights, biases = train(images, labels, np.random.default_rng(2026))
    test_x = kn.read_idx(os.path.join(mnist_dir, "t10k-images-idx3-ubyte")).reshape(-1, 784).T / 255.0
    test_y = kn.read_idx(os.path.join(mnist_dir, "t10k-labels-idx1-ubyte"))

    # float32 as Knobs keeps it: the outputs are those of the float32 weights.
    net32 = kn.Network([w.astype(np.float32) for w in weights], [b.astype(np.float32) for b in biases])
    net64 = kn.Network(weights, biases)
    for name, net, writer in (("numpy-float32.npz", net32, None), ("numpy-networkpy.npz", net64, np.savez),
                              ("numpy-compressed.npz", net32, np.savez_compressed)):
        right = int((np.argmax(net.feedforward(test_x), axis=0) == test_y).sum())
        extras = dict(examples=test_x[:, :100].T, outputs=net.feedforward(test_x[:, :100]).T, test_right=np.array(right))
        path = os.path.join(out_dir, name)
        if writer is None:
            kn.save(path, net)
            with np.load(path) as f:
                arrays = dict(f)
            np.savez(path, **arrays, **extras)
        else:
            arrays = {}
            for l, (w, b) in enumerate(zip(weights, biases), start=1):
                # float64, b (n, 1); W Fortran-ordered, so that np.save marks it fortran_order: True
                arrays["W%d" % l], arrays["b%d" % l] = np.asfortranarray(w), b
            writer(path, **arrays, **extras)
        print("%s: %d of 10000 test images right" % (name, right))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
