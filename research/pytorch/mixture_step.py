"""The wgan-gp ring8 preset's training step (apps/wgan-gp/configs/ring8.json), timed in PyTorch.

The step of mixture_replica.py at the preset: MLP generator latent 2 -> 3 x 64 ReLU -> 2, MLP
critic 2 -> 3 x (64, LeakyReLU 0.2) -> 1 (no normalisation: the 2-D critics have none), batch 256,
WGAN-GP with lambda 1 and n_critic 1, Adam(lrD 7.83e-3 / lrG 2.61e-3, beta1 0, beta2 0.9), then the
generator EMA update; a step is timed until both losses are read back (as the TypeScript trainer
reads them). (Until 2026-12-07 10:15 the critic here had a layer norm per hidden layer, which the
preset's critic does not: the PyTorch step was heavier than ours, and the ratios flattered us.)

Usage: /usr/bin/python3 mixture_step.py --threads 1 --warmup 5 --steps 200
Prints one JSON line: threads, stepMs, stepCpuMs, medianMs, medianCpuMs, torch, peakRssMB.
Used by `npx nx run bench:family-steps` for its PyTorch row; never by CI or the tests.
"""
import argparse
import copy
import json

import torch
from torch import nn

from mixtures import mixture, real_batch
from step_timer import minimise, time_steps


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--warmup', type=int, default=5)
    p.add_argument('--steps', type=int, default=200)
    p.add_argument('--seed', type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    mu, sig = mixture('ring8')
    B, lat, W = 256, 2, 64
    layers = []
    d_in = lat
    for _ in range(3):
        layers += [nn.Linear(d_in, W), nn.ReLU()]
        d_in = W
    g = nn.Sequential(*layers, nn.Linear(W, 2))
    layers = []
    d_in = 2
    for _ in range(3):
        layers += [nn.Linear(d_in, W), nn.LeakyReLU(0.2)]
        d_in = W
    d = nn.Sequential(*layers, nn.Linear(W, 1))
    ema = copy.deepcopy(g)
    og = torch.optim.Adam(g.parameters(), 2.61e-3, betas=(0, 0.9))
    od = torch.optim.Adam(d.parameters(), 7.83e-3, betas=(0, 0.9))

    def step(i: int):
        xr = real_batch(mu, sig, B)
        xf = g(torch.randn(B, lat)).detach()
        e = torch.rand(B, 1)
        xi = (e * xr + (1 - e) * xf).requires_grad_(True)
        gr, = torch.autograd.grad(d(xi).sum(), xi, create_graph=True)
        pen = ((gr.norm(dim=1) - 1) ** 2).mean()
        ld = d(xf).mean() - d(xr).mean() + pen
        minimise(od, ld)
        lg = -d(g(torch.randn(B, lat))).mean()
        minimise(og, lg)
        with torch.no_grad():
            dec = min(0.999, (1 + i) / (10 + i))
            for pe, pp in zip(ema.parameters(), g.parameters()):
                pe.mul_(dec).add_(pp, alpha=1 - dec)
        return ld.item(), lg.item()

    print(json.dumps(time_steps(step, a.warmup, a.steps)))


if __name__ == '__main__':
    main()
