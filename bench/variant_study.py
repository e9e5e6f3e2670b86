#!/usr/bin/env python3
"""Which part of SmartNet costs accuracy against the tutorial CNN (issue 30's study): one SmartNet config trained in
PyTorch with bench/plain_cnn.py's recipe (Adam one-cycle at 3e-3, batch 128, whole epochs that fit in --time, joint loss over the
exits), as the spec builds it or with one change: heads that keep the feature map's layout (flatten, linear) instead
of global average pooling ("flat": average-pooled to at most 7x7, flattened), a stem with batch norm, ReLU and max pooling instead of average pooling
("maxstem"), or both. Prints one JSON line: the last exit's test accuracy, epochs, parameters. The variants are not
SmartNet as smartnet.md defines it; they measure what a change to the spec would buy:

    /usr/bin/python3 bench/variant_study.py CONFIG --variant both --time 3m
"""
import argparse
import copy
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plain_cnn as P  # noqa: E402  (re-executes with the launcher's glibc tunables)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from pytorch_smartnet import SmartNet  # noqa: E402


class Variant(SmartNet):
    def __init__(self, cfg, flat, maxstem):
        super().__init__(cfg)
        self.flat, self.maxstem = flat, maxstem
        if maxstem:
            self.stem = nn.Sequential(self.stem, nn.BatchNorm2d(cfg["stem"]), nn.ReLU())
        if flat:
            c_in, h, w = cfg["input"]
            heads = nn.ModuleList()
            for c, head in enumerate(self.heads):
                e = head[0].num_features
                side = min(7, h // 2 ** self.row_level(c))
                heads.append(nn.Sequential(nn.BatchNorm2d(e), nn.ReLU(), nn.AdaptiveAvgPool2d(side), nn.Flatten(),
                                           nn.Linear(e * side * side, cfg["classes"])))
            self.heads = heads

    def stem_output(self, x):
        if not self.maxstem:
            return super().stem_output(x)
        stem = self.stem(x)
        return F.max_pool2d(stem, 2 ** self.base) if self.base > 0 else stem


def main():
    p = argparse.ArgumentParser()
    p.add_argument("config")
    p.add_argument("--variant", choices=["spec", "flat", "maxstem", "both"], default="spec")
    p.add_argument("--time", type=P.duration, required=True)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    start = time.monotonic()
    torch.set_num_threads(2)
    torch.manual_seed(a.seed)
    cfg = json.load(open(a.config))
    net = Variant(cfg, a.variant in ("flat", "both"), a.variant in ("maxstem", "both"))
    (x, y), (vx, vy), (tx, ty) = P.load("/usr/share/datasets/fashion-mnist", a.seed)
    per_epoch = len(x) // P.BATCH

    def loss_of(out, target):
        return sum(F.cross_entropy(o, target) for o in out)

    def run(model, opt, batches, gen, sched=None):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        for b in range(batches):
            idx = order[b * P.BATCH:(b + 1) * P.BATCH]
            opt.zero_grad(set_to_none=True)
            loss_of(model(x[idx]), y[idx]).backward()
            opt.step()
            if sched is not None:
                sched.step()

    probe = copy.deepcopy(net)
    po = torch.optim.Adam(probe.parameters(), lr=P.PEAK_LR / 25)
    run(probe, po, 5, torch.Generator().manual_seed(0))
    t = time.monotonic()
    run(probe, po, P.PROBE_BATCHES, torch.Generator().manual_seed(1))
    per_batch = (time.monotonic() - t) / P.PROBE_BATCHES
    del probe, po
    left = a.time - (time.monotonic() - start) - 2 * per_batch * (len(vx) + len(tx)) / P.BATCH / 3
    epochs = max(1, int(0.95 * left / (per_batch * per_epoch)))
    opt = torch.optim.Adam(net.parameters(), lr=P.PEAK_LR)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=P.PEAK_LR, total_steps=epochs * per_epoch)
    gen = torch.Generator().manual_seed(a.seed)
    for _ in range(epochs):
        run(net, opt, per_epoch, gen, sched)
    net.eval()
    correct = 0
    with torch.no_grad():
        for b in range(0, len(tx), 1000):
            correct += (net(tx[b:b + 1000])[-1].argmax(1) == ty[b:b + 1000]).sum().item()
    print(json.dumps({"config": os.path.basename(a.config), "variant": a.variant, "epochs": epochs,
                      "params": sum(q.numel() for q in net.parameters()), "seconds_per_batch": round(per_batch, 5),
                      "test_accuracy": correct / len(tx), "seconds": round(time.monotonic() - start, 1)}))


if __name__ == "__main__":
    main()
