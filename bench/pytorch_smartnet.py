#!/usr/bin/env python3
"""PyTorch eager reference for `smartnas bench`, and a loader of SmartNAS's trained models. Run with Debian's
python3-torch.

The bench: the same SmartNet, built from the same config file, trained the same way (Adam, joint loss over every
exit, batch B, synthetic data), timed the same way (images per second over N steps after W warm-up steps):

    /usr/bin/python3 bench/pytorch_smartnet.py examples/three-exits-130k.json --batch 64 --steps 50 --threads 2

The loader: a model directory that `smartnas train --out` or a search wrote holds `model.safetensors`, whose names
are this module tree's `state_dict`. `load_model(DIR)` builds the network from the directory's config and loads them;
`--model DIR` also classifies the test images of an MNIST-style IDX directory (Fashion-MNIST by default), or of an
image folder read as SmartNAS reads it (`--data DIR`; needs Debian's python3-pil), normalised as the model trained, and
prints each exit's test accuracy:

    /usr/bin/python3 bench/pytorch_smartnet.py --model smartnas-results/run-1/model
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def cell_index(r, c):
    return c * (c + 1) // 2 + r


def structural_slots(r, c):
    if r == 0 and c == 0:
        return [0]
    slots = []
    if c - 1 >= r:
        slots.append(1 + cell_index(r, c - 1))
    if r >= 1:
        slots.append(1 + cell_index(r - 1, c))
    return sorted(slots)


def levels(h, w):
    n = 0
    for l in range(1, 4):
        f = 2 ** l
        if h % f or w % f or h // f < 4 or w // f < 4:
            break
        n = l
    return n


class DenseLayer(nn.Sequential):
    def __init__(self, c_in, k, bottleneck):
        super().__init__(nn.BatchNorm2d(c_in), nn.ReLU(), nn.Conv2d(c_in, bottleneck * k, 1, bias=False),
                         nn.BatchNorm2d(bottleneck * k), nn.ReLU(), nn.Conv2d(bottleneck * k, k, 3, padding=1, bias=False))


class GlobalAvgPool(nn.Module):
    """Mean over height and width: (N, C, H, W) to (N, C), as SmartNAS's exit head pools."""

    def forward(self, x):
        return x.mean((2, 3))


class SmartBlock(nn.Module):
    def __init__(self, v, depth, k, bottleneck):
        super().__init__()
        self.layers = nn.ModuleList([DenseLayer(v + l * k, k, bottleneck) for l in range(depth)])

    def forward(self, view):
        features, outputs = [view], []
        for layer in self.layers:
            h = layer(torch.cat(features, 1) if len(features) > 1 else features[0])
            features.append(h)
            outputs.append(h)
        return torch.cat(outputs, 1) if len(outputs) > 1 else outputs[0]


class SmartNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c_in, h, w = cfg["input"]
        self.cfg = cfg
        self.levels = levels(h, w)
        self.base = cfg.get("base", 0)
        if not isinstance(self.base, int) or isinstance(self.base, bool) or not 0 <= self.base <= self.levels:
            raise ValueError(f"base must be a whole number from 0 to {self.levels}, got {self.base!r}")
        T = cfg["size"]
        self.stem = nn.Conv2d(c_in, cfg["stem"], 3, padding=1, bias=False)
        cells = cfg["cells"]
        self.slot_channels = [cfg["stem"]] + [c["depth"] * cfg["growth"][c["row"]] for c in cells]
        self.views = []
        for i, cell in enumerate(cells):
            sources = sorted(set(structural_slots(cell["row"], cell["col"])) | set(cell["from"]))
            sources = [s for s in sources if self.slot_channels[s] > 0] or [0]
            self.views.append(sources)
        self.blocks = nn.ModuleDict()
        for i, cell in enumerate(cells):
            if cell["depth"] > 0:
                v = sum(self.slot_channels[s] for s in self.views[i])
                self.blocks[str(i)] = SmartBlock(v, cell["depth"], cfg["growth"][cell["row"]], cfg.get("bottleneck", 4))
        self.heads = nn.ModuleList()
        for c in range(T):
            d = cell_index(c, c)
            e = sum(self.slot_channels[s] for s in self.views[d]) + self.slot_channels[1 + d]
            self.heads.append(nn.Sequential(nn.BatchNorm2d(e), nn.ReLU(), GlobalAvgPool(), nn.Linear(e, cfg["classes"])))

    def row_level(self, row):
        return min(row + self.base, self.levels)

    def level(self, slot):
        return self.base if slot == 0 else self.row_level(self.cfg["cells"][slot - 1]["row"])

    def view(self, slots, i):
        lvl = self.row_level(self.cfg["cells"][i]["row"])
        maps = []
        for s in self.views[i]:
            a = self.level(s)
            x = slots[s]
            if a < lvl:
                x = F.avg_pool2d(x, 2 ** (lvl - a))
            elif a > lvl:
                x = F.interpolate(x, scale_factor=2 ** (a - lvl), mode="nearest")
            maps.append(x)
        return torch.cat(maps, 1) if len(maps) > 1 else maps[0]

    def stem_output(self, x):
        """Slot 0: the stem's convolution at full resolution, average-pooled to level `base`."""
        stem = self.stem(x)
        return F.avg_pool2d(stem, 2 ** self.base) if self.base > 0 else stem

    def forward(self, x):
        cells = self.cfg["cells"]
        slots = [None] * (1 + len(cells))
        slots[0] = self.stem_output(x)
        logits = []
        for c in range(self.cfg["size"]):
            for r in range(c + 1):
                i = cell_index(r, c)
                block = self.blocks[str(i)] if str(i) in self.blocks else None
                if block is None and r != c:
                    continue
                v = self.view(slots, i)
                if block is not None:
                    slots[1 + i] = block(v)
                if r == c:
                    logits.append(self.heads[c](v if block is None else torch.cat([v, slots[1 + i]], 1)))
        return logits


class DamagedFile(ValueError):
    """A file that does not hold what its format says: named, with what is wrong, instead of a traceback."""


MAX_HEADER = 100 * 1024 * 1024  # as the safetensors library: a JSON header above 100 MB is refused


def load_safetensors(path):
    """The tensors of a safetensors file: 8-byte little-endian header length, JSON header, raw little-endian data.
    Every length and offset is checked against the file's size before anything of that size is read."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        prefix = f.read(8)
        if len(prefix) < 8:
            raise DamagedFile(f"{path}: damaged: {size} bytes, shorter than a safetensors header length")
        (length,) = struct.unpack("<Q", prefix)
        if length > min(MAX_HEADER, size - 8):
            raise DamagedFile(f"{path}: damaged: its header length says {length} bytes, but the file has "
                              f"{size - 8} after it" + (" (truncated?)" if length <= MAX_HEADER else ""))
        try:
            header = json.loads(f.read(length).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise DamagedFile(f"{path}: damaged: its header is not UTF-8 JSON ({e})") from None
        data = f.read()
    dtypes = {"F32": (torch.float32, 4), "F64": (torch.float64, 8), "I64": (torch.int64, 8)}
    tensors = {}
    if not isinstance(header, dict):
        raise DamagedFile(f"{path}: damaged: its header is not a JSON object")
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        try:
            dtype, width = dtypes[entry["dtype"]]
            begin, end = (int(o) for o in entry["data_offsets"])
            shape = [int(d) for d in entry["shape"]]
        except (KeyError, TypeError, ValueError):
            raise DamagedFile(f"{path}: damaged: tensor {name!r} has no dtype (F32, F64 or I64), data offsets "
                              f"and shape") from None
        if not 0 <= begin <= end <= len(data) or any(d < 0 for d in shape) \
                or math.prod(shape) * width != end - begin:
            raise DamagedFile(f"{path}: damaged: tensor {name!r} of shape {shape} claims bytes {begin}..{end}, "
                              f"and the file has {len(data)} bytes of data")
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype).reshape(shape)
    return tensors


def load_model(model_dir):
    """The trained SmartNet of a SmartNAS model directory, in inference mode, and its config file's contents."""
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    net = SmartNet(cfg)
    missing, unexpected = net.load_state_dict(load_safetensors(os.path.join(model_dir, "model.safetensors")),
                                              strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"{model_dir}: model.safetensors does not fit its config: missing {missing}, "
                         f"unexpected {unexpected}")
    return net.eval(), cfg


def read_idx(path):
    """An IDX file (plain or gzipped) as a uint8 tensor of its dimensions."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(raw[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def idx_file(data_dir, name):
    for candidate in (name, name + ".gz"):
        if os.path.exists(os.path.join(data_dir, candidate)):
            return os.path.join(data_dir, candidate)
    raise FileNotFoundError(f"{data_dir}: no {name}[.gz]")


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
TEST_SHARE = 7  # as SmartNAS's ImageFolder: without test/, one image in 7 of each class (in name order) tests


def folder_test_images(data_dir, shape):
    """The test images of an image folder as SmartNAS reads them: values 0..255 as floats, labels."""
    from PIL import Image  # Debian's python3-pil; only image folders need it
    import numpy as np
    split = os.path.isdir(os.path.join(data_dir, "train"))
    root = os.path.join(data_dir, "train") if split else data_dir
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)) and not d.startswith("."))
    c, h, w = shape
    images, labels = [], []
    for label, name in enumerate(classes):
        folder = os.path.join(data_dir, "test", name) if split else os.path.join(root, name)
        if not os.path.isdir(folder):
            continue
        files = sorted(f for f in os.listdir(folder) if f.lower().endswith(IMAGE_EXTENSIONS) and not f.startswith("."))
        if not split:
            files = [f for i, f in enumerate(files) if i % TEST_SHARE == TEST_SHARE - 1]
        for f in files:
            image = Image.open(os.path.join(folder, f))
            if image.mode in ("L", "LA", "I;16", "I"):
                plane = np.asarray(image.getchannel(0) if image.mode == "LA" else image, dtype=np.float32)
                if image.mode in ("I;16", "I"):
                    plane = plane * (255.0 / 65535.0)
                planes = [plane] * 3 if c == 3 else [plane]
            else:
                rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
                planes = [rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]] if c == 3 else \
                    [0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]]
            x = torch.from_numpy(np.stack(planes))[None]
            if x.shape[2:] != (h, w):
                x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)
            images.append(torch.clamp(torch.floor(x[0] + 0.5), 0, 255))
            labels.append(label)
    return torch.stack(images), torch.tensor(labels)


def test_accuracy(model_dir, data_dir, threads, logit_images=0):
    """Each exit's accuracy on the test images of `data_dir` (IDX files or an image folder), as JSON; with `logits`,
    also what each exit outputs for the first `logit_images` test images, as `smartnas infer --logits` prints it."""
    torch.set_num_threads(threads)
    net, cfg = load_model(model_dir)
    if any(os.path.isdir(os.path.join(data_dir, d)) for d in os.listdir(data_dir)):
        images, labels = folder_test_images(data_dir, cfg["input"])
    else:
        images = read_idx(idx_file(data_dir, "t10k-images-idx3-ubyte")).float()
        labels = read_idx(idx_file(data_dir, "t10k-labels-idx1-ubyte")).long()
    c, h, w = cfg["input"]
    norm = cfg["normalization"]
    x = ((images / 255.0 - norm["mean"]) / norm["std"]).reshape(-1, c, h, w)
    correct = torch.zeros(cfg["size"], dtype=torch.long)
    with torch.no_grad():
        for start in range(0, len(x), 500):
            for e, logits in enumerate(net(x[start:start + 500])):
                correct[e] += (logits.argmax(1) == labels[start:start + 500]).sum()
    result = {"model": model_dir, "engine": "pytorch " + torch.__version__, "images": len(x),
              "test_accuracy": [round(int(k) / len(x), 6) for k in correct]}
    if logit_images > 0:
        with torch.no_grad():
            result["logits"] = [exit_logits.tolist() for exit_logits in net(x[:logit_images])]
    return result


def main():
    p = argparse.ArgumentParser(
        description="Times a SmartNet config's training in PyTorch eager beside `smartnas bench` (CONFIG),\n"
                    "or prints the test accuracy per exit of a SmartNAS model directory (--model DIR).\n"
                    "Prints one JSON line.",
        epilog="examples:\n  /usr/bin/python3 bench/pytorch_smartnet.py examples/three-exits-130k.json --steps 50\n"
               "  /usr/bin/python3 bench/pytorch_smartnet.py --model smartnas-results/run-1/model",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("config", nargs="?", help="a SmartNet config file to time (smartnet/1 JSON)")
    p.add_argument("--model", help="a SmartNAS model directory: print its test accuracy per exit instead")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist",
                   help="with --model: an MNIST-style IDX directory, or an image folder (needs Debian's python3-pil); "
                        "default %(default)s")
    p.add_argument("--logits", type=int, default=0,
                   help="with --model: also print each exit's logits for the first N test images")
    p.add_argument("--batch", type=int, default=64, help="images per training step (default %(default)s)")
    p.add_argument("--steps", type=int, default=50, help="timed training steps (default %(default)s)")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps before them (default %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="PyTorch's intra-op threads (default %(default)s)")
    a = p.parse_args()
    if a.model:
        try:
            print(json.dumps(test_accuracy(a.model, a.data, a.threads, a.logits)))
        except DamagedFile as e:
            print(f"pytorch_smartnet.py: {e}", file=sys.stderr)
            sys.exit(2)
        return
    if not a.config:
        p.error("a config file, or --model DIR")
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    cfg = json.load(open(a.config))
    net = SmartNet(cfg)
    params = sum(p.numel() for p in net.parameters())
    c, h, w = cfg["input"]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.randn(a.batch, c, h, w)
    y = torch.randint(0, cfg["classes"], (a.batch,))
    net.train()
    phases = [0.0, 0.0, 0.0]  # the same split as smartnas bench's step_ms: forward and loss, backward, update
    for step in range(a.warmup + a.steps):
        if step == a.warmup:
            start = time.perf_counter()
            phases = [0.0, 0.0, 0.0]
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = sum(F.cross_entropy(o, y) for o in net(x))
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        loss.item()
        t3 = time.perf_counter()
        for i, d in enumerate((t1 - t0, t2 - t1, t3 - t2)):
            phases[i] += d
    seconds = time.perf_counter() - start
    step_ms = dict(zip(("forward", "backward", "update"), (round(p / a.steps * 1000, 2) for p in phases)))
    print(json.dumps({"engine": "pytorch " + torch.__version__, "params": params, "batch": a.batch,
                      "steps": a.steps, "threads": a.threads, "train_images_per_s": a.steps * a.batch / seconds,
                      "step_ms": step_ms}))


if __name__ == "__main__":
    main()
