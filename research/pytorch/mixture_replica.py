# A PyTorch replica of wgan-gp on the 2-D mixtures (MLP pair, WGAN-GP, Adam(0, 0.9), linear lr decay,
# bias-corrected generator EMA, PacGAN scoring on 2,500 samples); ~45 s per 8,000-step grid25 run on
# one CPU core. Results: benchmarks/wgan-gp-grid25.md ("Levers"). Usage: python3 mixture_replica.py
# NAME [key=value ...]; keys: ds (grid25|ring8) steps B lat W depth gdepth (generator depth; 0 = depth)
# lam gp0 (zero-centred penalty) lrD lrG decay ema seed ncrit ln (layer norm in the critic) b2 act threads (default 1).
import json, sys, time, copy
import numpy as np, torch, torch.nn as nn
from mixtures import mixture, real_batch, score as pacgan_score
cfg = dict(ds='grid25', steps=8000, B=256, lat=2, W=128, depth=3, gdepth=0, gw=0, lam=1.0, gp0=0, lrD=3e-3, lrG=1e-3, decay=1, ema=0.999, seed=1, ncrit=1, ln=1, b2=0.9, act='relu', evalB=0, threads=1)
name = sys.argv[1]
for kv in sys.argv[2:]:
    k, v = kv.split('='); cfg[k] = type(cfg[k])(v)
torch.set_num_threads(cfg['threads'])
torch.manual_seed(cfg['seed']); np.random.seed(cfg['seed'])
MU, SIG = mixture(cfg['ds'])
def real(n): return real_batch(MU, SIG, n)
def score(x): return pacgan_score(x, MU, SIG)
def act(): return nn.ReLU() if cfg['act'] == 'relu' else nn.LeakyReLU(0.2)
def mlp_g():
    L = []; d = cfg['lat']; w = cfg['gw'] or cfg['W']
    for _ in range(cfg['gdepth'] or cfg['depth']): L += [nn.Linear(d, w), act()]; d = w
    L.append(nn.Linear(d, 2)); return nn.Sequential(*L)
def mlp_d():
    L = []; d = 2
    for _ in range(cfg['depth']):
        L.append(nn.Linear(d, cfg['W']))
        if cfg['ln']: L.append(nn.LayerNorm(cfg['W']))
        L.append(nn.LeakyReLU(0.2)); d = cfg['W']
    L.append(nn.Linear(d, 1)); return nn.Sequential(*L)
g, d = mlp_g(), mlp_d()
ema = copy.deepcopy(g)
og = torch.optim.Adam(g.parameters(), cfg['lrG'], betas=(0, cfg['b2'])); od = torch.optim.Adam(d.parameters(), cfg['lrD'], betas=(0, cfg['b2']))
zf = torch.randn(2500, cfg['lat'], generator=torch.Generator().manual_seed(99))
S = cfg['steps']; B = cfg['B']; t0 = time.time(); out = []
for step in range(1, S + 1):
    f = (S - step + 1) / S if cfg['decay'] else 1.0
    for pg in og.param_groups: pg['lr'] = cfg['lrG'] * f
    for pg in od.param_groups: pg['lr'] = cfg['lrD'] * f
    for _ in range(cfg['ncrit']):
        xr = real(B); xf = g(torch.randn(B, cfg['lat'])).detach()
        e = torch.rand(B, 1); xi = (e * xr + (1 - e) * xf).requires_grad_(True)
        gr, = torch.autograd.grad(d(xi).sum(), xi, create_graph=True); gn = gr.norm(dim=1)
        pen = (gn ** 2).mean() if cfg['gp0'] else ((gn - 1) ** 2).mean()
        ld = d(xf).mean() - d(xr).mean() + cfg['lam'] * pen
        od.zero_grad(); ld.backward(); od.step()
    lg = -d(g(torch.randn(B, cfg['lat']))).mean()
    og.zero_grad(); lg.backward(); og.step()
    with torch.no_grad():
        dec = min(cfg['ema'], (1 + step) / (10 + step))
        for pe, pp in zip(ema.parameters(), g.parameters()): pe.mul_(dec).add_(pp, alpha=1 - dec)
    if step % 2000 == 0 or step == S:
        with torch.no_grad():
            r = dict(step=step, raw=score(g(zf)), ema=score(ema(zf)), s=round(time.time() - t0))
        out.append(r); print(name, json.dumps(r), flush=True)
print('RESULT', name, json.dumps(dict(cfg=cfg, res=out)), flush=True)
