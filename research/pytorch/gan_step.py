"""The gan app's default training step (apps/gan, class-conditional DCGAN on MNIST), timed in PyTorch.

The models of gan_replica.py at the app's defaults: G [z (64) | one-hot (10)] -> dense 7x7x64, batch
norm, ReLU -> convT 64->32 (k4 s2), batch norm, ReLU -> convT 32->1, tanh; projection critic conv
1->32 (k4 s2), LeakyReLU 0.2, conv 32->64, LeakyReLU 0.2, dense 1 + <E y, phi(x)>. One step = the
fake batch from G (not differentiated), one critic update on it and a real batch (non-saturating
loss, softplus form), then one generator update on a fresh latent batch; Adam lrD 2e-4 / lrG 4e-4,
betas (0.5, 0.999). Real images are random in [-1, 1] (the step's cost does not depend on them).
A step is timed until both losses are read back.

Usage: /usr/bin/python3 gan_step.py --batch 32 --threads 1 --warmup 3 --steps 15
Prints one JSON line (step_timer.py). Used by `npx nx run bench:family-steps`; never by CI or tests.
"""
import argparse
import json

import torch
import torch.nn.functional as F

from gan_replica import D, G, init
from step_timer import minimise, time_steps


def main() -> None:
    p = argparse.ArgumentParser()
    for name, default in [('batch', 32), ('threads', 1), ('warmup', 3), ('steps', 15), ('seed', 1)]:
        p.add_argument(f'--{name}', type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    B, lat, classes, W = a.batch, 64, 10, 64
    g, d = G(W, lat + classes, True), D(W, 0, classes)
    g.apply(init)
    d.apply(init)
    torch.nn.init.normal_(d.emb.weight, 0, 1)
    og = torch.optim.Adam(g.parameters(), 4e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    real = torch.rand(B, 1, 28, 28) * 2 - 1
    real_y = torch.randint(0, classes, (B,))

    def latent():
        y = torch.randint(0, classes, (B,))
        return torch.cat([torch.randn(B, lat), F.one_hot(y, classes).float()], 1), y

    def step(_: int):
        z, y = latent()
        fake = g(z).detach()
        ld = F.softplus(-d(real, real_y)[0]).mean() + F.softplus(d(fake, y)[0]).mean()
        minimise(od, ld)
        z2, y2 = latent()
        lg = F.softplus(-d(g(z2), y2)[0]).mean()
        minimise(og, lg)
        return ld.item(), lg.item()

    print(json.dumps(time_steps(step, a.warmup, a.steps)))


if __name__ == '__main__':
    main()
