"""The progressive app's training step at its final resolution (apps/progressive, 32x32 MNIST), timed in PyTorch.

The networks of Karras et al. 2018 as libs/generators and libs/critics build them, stable phase at
32x32 (alpha 1, no fade branch), widths per stage from 4x4 up (--widths, default the app's
32,32,16,8), equalised learning rate (N(0, 1) weights scaled by gain / sqrt(fan in) at run time):
G: pixel norm(z (64)) -> dense 4x4xw0 -> LeakyReLU 0.2, pixel norm -> conv 3x3 (same) -> then per
stage nearest 2x upsampling and two conv 3x3, each followed by LeakyReLU 0.2 and pixel norm ->
toRGB 1x1 (linear). D: fromRGB 1x1 + LeakyReLU -> per stage two conv 3x3 (+ LeakyReLU) and 2x2
average pooling -> minibatch stddev (one map) -> conv 3x3 -> dense w0 -> dense 1. One step = a fake
batch (not differentiated), one critic update (real and fake scored apart, WGAN-GP lambda 10 on
per-sample interpolates, drift 0.001 E[D(x)^2]), one generator update, the generator EMA; Adam(2e-3,
betas (0, 0.99)) for both. Batch 16; real images random in [-1, 1]. Timed until the losses are read.

Usage: /usr/bin/python3 progressive_step.py --widths 32,32,16,8 --batch 16 --threads 1 --warmup 3 --steps 15
Prints one JSON line (step_timer.py). Used by `npx nx run bench:family-steps`; never by CI or tests.
"""
import argparse
import copy
import json
import math

import torch
from torch import nn
import torch.nn.functional as F

from step_timer import minimise, time_steps


class EqConv(nn.Module):
    def __init__(self, cin, cout, k, gain=math.sqrt(2)):
        super().__init__()
        self.w = nn.Parameter(torch.randn(cout, cin, k, k))
        self.b = nn.Parameter(torch.zeros(cout))
        self.c, self.pad = gain / math.sqrt(cin * k * k), k // 2

    def forward(self, x):
        return F.conv2d(x, self.w * self.c, self.b, padding=self.pad)


class EqLinear(nn.Module):
    def __init__(self, cin, cout, gain=math.sqrt(2)):
        super().__init__()
        self.w = nn.Parameter(torch.randn(cout, cin))
        self.b = nn.Parameter(torch.zeros(cout))
        self.c = gain / math.sqrt(cin)

    def forward(self, x):
        return F.linear(x, self.w * self.c, self.b)


def pixel_norm(x):
    return x / torch.sqrt((x * x).mean(1, keepdim=True) + 1e-8)


def act(x):
    return pixel_norm(F.leaky_relu(x, 0.2))


class Generator(nn.Module):
    def __init__(self, widths, latent):
        super().__init__()
        self.w0 = widths[0]
        self.dense = EqLinear(latent, 16 * widths[0], gain=2 / 16)
        self.base = EqConv(widths[0], widths[0], 3)
        self.ups = nn.ModuleList(nn.ModuleList([EqConv(a, b, 3), EqConv(b, b, 3)]) for a, b in zip(widths, widths[1:]))
        self.rgb = EqConv(widths[-1], 1, 1, gain=1)

    def forward(self, z):
        h = act(self.dense(pixel_norm(z)).view(-1, self.w0, 4, 4))
        h = act(self.base(h))
        for c1, c2 in self.ups:
            h = F.interpolate(h, scale_factor=2, mode='nearest')
            h = act(c2(act(c1(h))))
        return self.rgb(h)


class Critic(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.rgb = EqConv(1, widths[-1], 1)
        rev = widths[::-1]  # top resolution first
        self.downs = nn.ModuleList(nn.ModuleList([EqConv(a, a, 3), EqConv(a, b, 3)]) for a, b in zip(rev, rev[1:]))
        self.conv = EqConv(widths[0] + 1, widths[0], 3)
        self.dense, self.score = EqLinear(16 * widths[0], widths[0]), EqLinear(widths[0], 1, gain=1)

    def forward(self, x):
        h = F.leaky_relu(self.rgb(x), 0.2)
        for c1, c2 in self.downs:
            h = F.avg_pool2d(F.leaky_relu(c2(F.leaky_relu(c1(h), 0.2)), 0.2), 2)
        s = torch.sqrt(h.var(0, unbiased=False) + 1e-8).mean()
        h = torch.cat([h, s.expand(h.shape[0], 1, 4, 4)], 1)
        h = F.leaky_relu(self.conv(h), 0.2).flatten(1)
        return self.score(F.leaky_relu(self.dense(h), 0.2))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument('--widths', default='32,32,16,8')
    for name, default in [('batch', 16), ('threads', 1), ('warmup', 3), ('steps', 15), ('seed', 1)]:
        p.add_argument(f'--{name}', type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    widths = [int(w) for w in a.widths.split(',')]
    B, lat, res = a.batch, 64, 4 * 2 ** (len(widths) - 1)
    g, d = Generator(widths, lat), Critic(widths)
    ema = copy.deepcopy(g)
    og = torch.optim.Adam(g.parameters(), 2e-3, betas=(0, 0.99))
    od = torch.optim.Adam(d.parameters(), 2e-3, betas=(0, 0.99))
    real = torch.rand(B, 1, res, res) * 2 - 1

    def step(_: int):
        fake = g(torch.randn(B, lat)).detach()
        real_scores, fake_scores = d(real), d(fake)
        e = torch.rand(B, 1, 1, 1)
        xi = (e * real + (1 - e) * fake).requires_grad_(True)
        gr, = torch.autograd.grad(d(xi).sum(), xi, create_graph=True)
        gp = 10 * ((gr.flatten(1).norm(dim=1) - 1) ** 2).mean()
        ld = fake_scores.mean() - real_scores.mean() + gp + 0.001 * (real_scores ** 2).mean()
        minimise(od, ld)
        lg = -d(g(torch.randn(B, lat))).mean()
        minimise(og, lg)
        with torch.no_grad():
            for pe, pg in zip(ema.parameters(), g.parameters()):
                pe.mul_(0.999).add_(pg, alpha=0.001)
        return ld.item(), lg.item()

    print(json.dumps(time_steps(step, a.warmup, a.steps)))


if __name__ == '__main__':
    main()
