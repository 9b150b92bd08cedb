# The 2-D Gaussian mixtures of the PacGAN protocol (Lin et al. 2018) and their scoring, as
# @stablegen/data (gaussian-mixtures.ts) and @stablegen/gan-training (mixture-evaluation.ts)
# define them: ring8 = 8 modes on the unit circle, std 0.01; grid25 = 5x5 grid at {-4,-2,0,2,4}^2,
# std 0.05. A sample is high quality when within 3 std of its nearest mode; a mode is covered when
# it has at least one high-quality sample; reverse KL is KL(generated mode shares || uniform).
import math
import torch

def mixture(name):
    """(centres [K, 2], std) of 'ring8' or 'grid25'."""
    if name == 'ring8':
        return torch.tensor([[math.cos(2 * math.pi * i / 8), math.sin(2 * math.pi * i / 8)] for i in range(8)], dtype=torch.float32), 0.01
    if name == 'grid25':
        return torch.tensor([[x, y] for x in (-4., -2., 0., 2., 4.) for y in (-4., -2., 0., 2., 4.)], dtype=torch.float32), 0.05
    raise ValueError(f"unknown mixture '{name}': use ring8 or grid25")

def real_batch(centres, std, n, generator=None):
    """n points: a uniformly chosen mode plus N(0, std^2 I) noise."""
    k = torch.randint(len(centres), (n,), generator=generator)
    return centres[k] + std * torch.randn(n, 2, generator=generator)

def score(x, centres, std):
    """PacGAN figures of points x [n, 2]: modes covered, high-quality share, reverse KL."""
    with torch.no_grad():
        d = torch.cdist(x.float(), centres) / std
        nearest, mode = d.min(1)
        hq = nearest < 3
        shares = torch.bincount(mode, minlength=len(centres)).double() / len(x)
        nz = shares[shares > 0]
        return dict(modes=len(set(mode[hq].tolist())), hq=round(hq.double().mean().item(), 4), rkl=round((nz * (nz * len(centres)).log()).sum().item(), 4))
