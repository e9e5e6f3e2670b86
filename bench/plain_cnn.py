#!/usr/bin/env python3
"""The anchor: what a practitioner does without SmartNAS. The network of every Fashion-MNIST tutorial (conv3x3 16,
conv3x3 16, max-pool, conv3x3 32, conv3x3 32, max-pool, each conv with batch norm and ReLU, dropout 0.25, linear 48,
linear 10: 92,266 parameters, 4,704,480 MACs), trained in PyTorch for as many whole epochs as fit in --time, and
tested once on the 10,000 test images. Run it with Debian's python3-torch, alone on an idle machine, beside the
SmartNAS run it is compared with:

    /usr/bin/python3 bench/plain_cnn.py --time 14m
    /usr/bin/python3 bench/plain_cnn.py --time 2h --max-params 20000

The recipe, fixed (no tuning against the test images): inputs standardised by the training images' mean and standard
deviation, no augmentation; the training split of 55,000 images and 5,000 for validation (drawn with --seed, as
SmartNAS splits Fashion-MNIST's 60,000); Adam with a one-cycle schedule of peak learning rate 3e-3 at batch 128 over
the whole epochs that a timed probe of 50 batches says fit in --time; 2 intra-op threads and the launcher's glibc malloc
settings (launcher/glibc-tunables), as ./smartnas runs. With --max-params N the largest variant that fits: every
width halved until it does; with --max-latency-ms X the largest whose latency (batch 1, one intra-op thread, the lower
quartile of 200 runs, as SmartNAS times a candidate) is at most X, in PyTorch, not in SmartNAS's engine. It prints one
JSON line: test and validation accuracy, epochs, seconds, parameters, MACs, latency.
"""
import argparse
import copy
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if "GLIBC_TUNABLES" not in os.environ:  # glibc reads them at start-up only: run again with them
    with open(os.path.join(ROOT, "launcher", "glibc-tunables")) as f:
        os.environ["GLIBC_TUNABLES"] = f.read().strip()
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_smartnet import idx_file, read_idx  # noqa: E402

BATCH = 128
PEAK_LR = 3e-3
PROBE_BATCHES = 50
LATENCY_RUNS = 200
LATENCY_WARM_UP = 20
TRAIN = 55_000
WIDTHS = (16, 32, 48)


def duration(text):
    """Seconds in a duration written as SmartNAS takes it: 90s, 14m, 2h."""
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        value, unit = float(text[:-1]), units[text[-1]]
    except (ValueError, KeyError, IndexError):
        raise argparse.ArgumentTypeError(f"a duration like 90s, 14m or 2h, got '{text}'")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"a positive duration, got '{text}'")
    return value * unit


def plain_cnn(c1, c2, hidden, classes=10):
    def conv(c_in, c_out):
        return [nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
    return nn.Sequential(*conv(1, c1), *conv(c1, c1), nn.MaxPool2d(2), *conv(c1, c2), *conv(c2, c2), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Dropout(0.25), nn.Linear(c2 * 7 * 7, hidden), nn.ReLU(),
                         nn.Linear(hidden, classes))


def parameters(net):
    return sum(p.numel() for p in net.parameters())


def macs(c1, c2, hidden, classes=10):
    return (28 * 28 * c1 * 9 + 28 * 28 * c1 * c1 * 9 + 14 * 14 * c2 * c1 * 9 + 14 * 14 * c2 * c2 * 9
            + c2 * 7 * 7 * hidden + hidden * classes)


def latency_ms(net, runs=LATENCY_RUNS, warm_up=LATENCY_WARM_UP):
    """Milliseconds per image at batch size 1 on one intra-op thread, in inference mode, the lower quartile of the
    runs: as SmartNAS times a candidate (evaluator.measure.Timing), a run can only be slowed by other work."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    net.eval()
    image = torch.randn(1, 1, 28, 28)
    times = []
    with torch.no_grad():
        for run in range(-warm_up, runs):
            start = time.perf_counter()
            net(image).argmax().item()
            if run >= 0:
                times.append((time.perf_counter() - start) * 1000)
    torch.set_num_threads(threads)
    return sorted(times)[(runs - 1) // 4]


def fits(c1, c2, hidden, max_params, max_latency_ms):
    net = plain_cnn(c1, c2, hidden)
    return ((max_params is None or parameters(net) <= max_params)
            and (max_latency_ms is None or latency_ms(net) <= max_latency_ms))


def widths(max_params, max_latency_ms):
    """The widths of the largest variant with at most max_params parameters and a latency of at most max_latency_ms:
    every width halved until it fits."""
    c1, c2, hidden = WIDTHS
    while not fits(c1, c2, hidden, max_params, max_latency_ms):
        if c1 == 1:
            raise SystemExit(f"plain_cnn: no variant fits the targets (--max-params {max_params}, --max-latency-ms "
                             f"{max_latency_ms})")
        c1, c2, hidden = max(1, c1 // 2), max(1, c2 // 2), max(1, hidden // 2)
    return c1, c2, hidden


def load(data_dir, seed):
    images = read_idx(idx_file(data_dir, "train-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    labels = read_idx(idx_file(data_dir, "train-labels-idx1-ubyte")).long()
    test_x = read_idx(idx_file(data_dir, "t10k-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    test_y = read_idx(idx_file(data_dir, "t10k-labels-idx1-ubyte")).long()
    order = torch.randperm(len(images), generator=torch.Generator().manual_seed(seed))
    train, val = order[:TRAIN], order[TRAIN:]
    mean, std = images[train].mean(), images[train].std()
    norm = lambda x: (x - mean) / std  # noqa: E731
    return (norm(images[train]), labels[train]), (norm(images[val]), labels[val]), (norm(test_x), test_y)


def steps(net, optimizer, x, y, batches, generator, schedule=None):
    loss_fn = nn.CrossEntropyLoss()
    net.train()
    order = torch.randperm(len(x), generator=generator)
    for b in range(batches):
        idx = order[b * BATCH:(b + 1) * BATCH]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        if schedule is not None:
            schedule.step()


def accuracy(net, x, y):
    net.eval()
    correct = 0
    with torch.no_grad():
        for b in range(0, len(x), 1000):
            correct += (net(x[b:b + 1000]).argmax(1) == y[b:b + 1000]).sum().item()
    return correct / len(x)


def main():
    parser = argparse.ArgumentParser(description="The tutorial CNN on Fashion-MNIST, trained for --time: the anchor "
                                                 "SmartNAS's answers are compared with.")
    parser.add_argument("--time", type=duration, required=True, help="wall time of the whole run: 96s, 14m, 2h")
    parser.add_argument("--max-params", type=int, help="the largest variant with at most this many parameters")
    parser.add_argument("--max-latency-ms", type=float, help="the largest variant whose latency (batch 1, one thread) "
                                                                  "is at most this")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="Fashion-MNIST's IDX files")
    parser.add_argument("--seed", type=int, default=42, help="seed of the split and of the training (default 42)")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    args = parser.parse_args()

    start = time.monotonic()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    c1, c2, hidden = widths(args.max_params, args.max_latency_ms)
    (x, y), (vx, vy), (tx, ty) = load(args.data, args.seed)
    net = plain_cnn(c1, c2, hidden)
    per_epoch = len(x) // BATCH

    probe = copy.deepcopy(net)
    probe_optimizer = torch.optim.Adam(probe.parameters(), lr=PEAK_LR / 25)
    steps(probe, probe_optimizer, x, y, 5, torch.Generator().manual_seed(0))  # warm-up, not timed
    timed = time.monotonic()
    steps(probe, probe_optimizer, x, y, PROBE_BATCHES, torch.Generator().manual_seed(1))
    per_batch = (time.monotonic() - timed) / PROBE_BATCHES
    del probe, probe_optimizer
    testing = 2 * per_batch * (len(vx) + len(tx)) / BATCH / 3  # a forward pass costs about a third of a step
    left = args.time - (time.monotonic() - start) - testing
    epochs = max(1, int(0.95 * left / (per_batch * per_epoch)))  # 5% for a machine slower than the probe

    optimizer = torch.optim.Adam(net.parameters(), lr=PEAK_LR)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=PEAK_LR, total_steps=epochs * per_epoch)
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(epochs):
        steps(net, optimizer, x, y, per_epoch, generator, schedule)
        print(f"plain_cnn: epoch {epoch + 1}/{epochs} done at {time.monotonic() - start:.0f} s", file=sys.stderr,
              flush=True)
    trained = time.monotonic() - start
    result = {"network": f"plain CNN {c1}-{c1}-{c2}-{c2}-{hidden}", "params": parameters(net),
              "macs": macs(c1, c2, hidden), "latency_ms": round(latency_ms(net), 4), "epochs": epochs, "batch": BATCH,
              "peak_lr": PEAK_LR,
              "seconds_per_batch": round(per_batch, 5), "training_seconds": round(trained, 1),
              "validation_accuracy": accuracy(net, vx, vy), "test_accuracy": accuracy(net, tx, ty),
              "seconds": round(time.monotonic() - start, 1), "time": args.time, "threads": args.threads,
              "seed": args.seed, "torch": torch.__version__}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
