#!/usr/bin/python3
"""Writes Fashion-MNIST as an RGB image folder: DIR/train/CLASS/NNNNN.png and DIR/test/CLASS/NNNNN.png.

Every image gets its own colour tint: the garment in a random light colour on a random dark background, so colour
tells nothing about the class and a network has to learn shapes from three channels. Deterministic for a seed.
Only Python's standard library (and numpy, which Debian's python3 has) is used.

    /usr/bin/python3 bench/tinted_fashion_mnist.py OUT_DIR [--data /usr/share/datasets/fashion-mnist] [--seed 1]
"""
import argparse
import gzip
import os
import struct
import zlib

import numpy as np

CLASSES = ["0-t-shirt", "1-trouser", "2-pullover", "3-dress", "4-coat", "5-sandal", "6-shirt", "7-sneaker", "8-bag",
           "9-ankle-boot"]


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def png(path, rgb):
    """An 8-bit RGB PNG of an (H, W, 3) uint8 array."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def write(out, split, images, labels, rng):
    for name in CLASSES:
        os.makedirs(os.path.join(out, split, name), exist_ok=True)
    for i, (image, label) in enumerate(zip(images, labels)):
        light = rng.uniform(0.55, 1.0, 3)
        dark = rng.uniform(0.0, 0.3, 3)
        p = image.astype(np.float32)[:, :, None] / 255.0
        rgb = np.clip(np.rint(255 * (p * light + (1 - p) * dark)), 0, 255).astype(np.uint8)
        png(os.path.join(out, split, CLASSES[label], "%05d.png" % i), rgb)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    for split, prefix in (("train", "train"), ("test", "t10k")):
        images = idx(os.path.join(args.data, prefix + "-images-idx3-ubyte.gz"))
        labels = idx(os.path.join(args.data, prefix + "-labels-idx1-ubyte.gz"))
        write(args.out, split, images, labels, rng)
        print("%s: %d images in %d class folders" % (split, len(images), len(CLASSES)))


if __name__ == "__main__":
    main()
