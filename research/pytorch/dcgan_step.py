"""The reference DCGAN training step of tools/bench/src/reference-dcgan.ts, timed in PyTorch.

Same model and step: G z[b, 64] -> dense 7*7*64 -> ReLU -> convT 64->32 (k4 s2) -> ReLU ->
convT 32->1 (k4 s2) -> tanh; D conv 1->32 (k4 s2) -> LeakyReLU 0.2 -> conv 32->64 (k4 s2) ->
LeakyReLU 0.2 -> dense 1; non-saturating loss (softplus form), Adam(2e-4, 0.5), one D update then
one G update on one fixed batch, a step timed until both losses are read back. TensorFlow's
'same' padding for k4 s2 is padding 1 on each side here (28 -> 14 -> 7 and back).

Usage: /usr/bin/python3 dcgan_step.py --batch 64 --threads 1 --warmup 2 --steps 20
Prints one JSON line: batch, threads, stepMs, stepCpuMs, medianMs, medianCpuMs, torch version,
peak RSS.
Used by `npx nx run bench:dcgan-step` for its PyTorch rows; never by CI or the tests.
"""
import argparse
import json

import torch
from torch import nn
import torch.nn.functional as F

from step_timer import time_steps

LATENT = 64


def init_weights(module: nn.Module) -> None:
    """N(0, 0.02) weights, zero biases (Radford et al. 2016), as the TypeScript reference."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            nn.init.zeros_(m.bias)


def build(seed: int):
    torch.manual_seed(seed)
    g = nn.Sequential(
        nn.Linear(LATENT, 7 * 7 * 64), nn.Unflatten(1, (64, 7, 7)), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 64, 1),
    )
    init_weights(g)
    init_weights(d)
    return g, d


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--steps', type=int, default=20)
    p.add_argument('--seed', type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    g, d = build(a.seed)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-7)
    gen = torch.Generator().manual_seed(a.seed)
    real = torch.rand(a.batch, 1, 28, 28, generator=gen) * 2 - 1
    z_d = torch.randn(a.batch, LATENT, generator=gen)
    z_g = torch.randn(a.batch, LATENT, generator=gen)

    def step():
        with torch.no_grad():
            fake = g(z_d)
        d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        g_loss = F.softplus(-d(g(z_g))).mean()
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        return d_loss.item(), g_loss.item()

    print(json.dumps({'batch': a.batch, **time_steps(lambda _i: step(), a.warmup, a.steps)}))


if __name__ == '__main__':
    main()
