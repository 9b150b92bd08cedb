# A PyTorch replica of apps/gan's DCGAN (layer sizes, N(0, 0.02) init, non-saturating loss, Adam), to
# find which recipe choices move the digit metrics before spending wasm time. Results:
# benchmarks/gan-recipe-exploration.md. CPU: ~50 steps/s on one core; device=cuda on a GPU machine.
# Inputs in $EXPLORE_DATA (default .device/), written by export_inputs.ts: train_x.f32 / heldout_x.f32
# ([n,28,28,1] float32 in [-1,1], @stablegen/data loadMnist), train_y.i32, heldout_y.i32, clf.bin
# (datasets/mnist-classifier/weights.bin).
# Usage: python3 gan_replica.py NAME STEPS [key=value ...]; keys: device (cpu|cuda) W lrG lrD B lat seed
# b1, bn=0 (no generator batch norm), ls=T (one-sided label smoothing: real target T), cond=1
# (class-conditional, projection critic; embstd = its embedding's init std), condcat=1 (labels as
# critic input channels instead), cat=K info=L (InfoGAN code), r1=GAMMA r1every=N, decay=F (linear lr
# decay over the last F of the run), ema=DECAY, trunc=PSI.
import json, os, sys, time, copy
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from mnist_judge import load_judge
torch.set_num_threads(int(os.environ.get('THREADS', '1')))
D0 = os.environ.get('EXPLORE_DATA', '.device') + '/'
def load(dev):
    x = torch.from_numpy(np.fromfile(D0+'train_x.f32', dtype=np.float32).reshape(8000, 28, 28, 1)).permute(0, 3, 1, 2).contiguous().to(dev)
    y = torch.from_numpy(np.fromfile(D0+'train_y.i32', dtype=np.int32)).long().to(dev)
    hx = torch.from_numpy(np.fromfile(D0+'heldout_x.f32', dtype=np.float32).reshape(2000, 28, 28, 1)).permute(0, 3, 1, 2).contiguous().to(dev)
    return x, y, hx
def init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(m.weight, 0, 0.02); nn.init.zeros_(m.bias) if m.bias is not None else None
class G(nn.Module):
    def __init__(s, W, lat, bn=True):
        super().__init__(); s.W = W
        s.fc = nn.Linear(lat, 7*7*W, bias=not bn); s.bn0 = nn.BatchNorm2d(W) if bn else nn.Identity()
        s.c1 = nn.ConvTranspose2d(W, W//2, 4, 2, 1, bias=not bn); s.bn1 = nn.BatchNorm2d(W//2) if bn else nn.Identity()
        s.c2 = nn.ConvTranspose2d(W//2, 1, 4, 2, 1)
    def forward(s, z):
        h = F.relu(s.bn0(s.fc(z).view(-1, s.W, 7, 7))); h = F.relu(s.bn1(s.c1(h))); return torch.tanh(s.c2(h))
CIN = 0
class D(nn.Module):
    def __init__(s, W, q, ncls):
        super().__init__(); s.c1 = nn.Conv2d(1 + CIN, W//2, 4, 2, 1); s.c2 = nn.Conv2d(W//2, W, 4, 2, 1); s.fc = nn.Linear(7*7*W, 1)
        s.q = nn.Linear(7*7*W, q) if q else None
        s.emb = nn.Embedding(ncls, 7*7*W) if ncls else None
    def forward(s, x, y=None):
        if CIN: x = torch.cat([x, F.one_hot(y, 10).float()[:, :, None, None].expand(-1, -1, 28, 28)], 1); y = None
        h = F.leaky_relu(s.c1(x), 0.2); h = F.leaky_relu(s.c2(h), 0.2).flatten(1)
        out = s.fc(h)
        if s.emb is not None: out = out + (s.emb(y) * h).sum(1, keepdim=True)
        return out, (s.q(h) if s.q is not None else None)
def main():
    name, steps = sys.argv[1], int(sys.argv[2])
    cfg = dict(device='cpu', W=64, lrG=4e-4, lrD=2e-4, B=32, b1=0.5, bn=1, ls=1.0, cat=0, info=1.0, r1=0.0, r1every=1, cond=0, lat=64, seed=1, ema=0.0, trunc=0.0, decay=0.0, condcat=0, embstd=1.0)
    for kv in sys.argv[3:]:
        k, v = kv.split('='); cfg[k] = type(cfg[k])(v)
    dev = cfg['device']
    X, Y, HX = load(dev)
    clf, fd = load_judge(D0, HX, dev)
    torch.manual_seed(cfg['seed'])
    cat, cond = cfg['cat'], cfg['cond']
    ncode = cat or (10 if cond else 0)
    global CIN
    CIN = 10 if cfg['condcat'] else 0
    g = G(cfg['W'], cfg['lat'] + ncode, bool(cfg['bn'])).to(dev); d = D(cfg['W'], cat, 10 if cond and not CIN else 0).to(dev); g.apply(init); d.apply(init)
    if d.emb is not None: nn.init.normal_(d.emb.weight, 0, cfg['embstd'])
    ema = copy.deepcopy(g) if cfg['ema'] else None
    og = torch.optim.Adam(g.parameters(), cfg['lrG'], betas=(cfg['b1'], 0.999)); od = torch.optim.Adam(d.parameters(), cfg['lrD'], betas=(cfg['b1'], 0.999))
    B = cfg['B']; gen_ = torch.Generator().manual_seed(123)
    zf = torch.randn(1000, cfg['lat'], generator=gen_).to(dev); cf = (torch.arange(1000) % 10 if cond else (torch.arange(1000) % max(cat, 1))).to(dev)
    def latent(n, c=None):
        z = torch.randn(n, cfg['lat'], device=dev)
        if not ncode: return z, None
        if c is None: c = torch.randint(0, ncode, (n,), device=dev)
        return torch.cat([z, F.one_hot(c, ncode).float()], 1), c
    t0 = time.time(); out = []
    for step in range(1, steps + 1):
        if cfg['decay']:
            f = min(1.0, (steps - step + 1) / (cfg['decay'] * steps))
            for pg_ in og.param_groups: pg_['lr'] = cfg['lrG'] * f
            for pg_ in od.param_groups: pg_['lr'] = cfg['lrD'] * f
        idx = torch.randint(0, 8000, (B,), device=dev); real = X[idx]; yr = Y[idx] if cond else None
        zg, cg = latent(B)
        fake = g(zg)
        if cfg['r1'] and step % cfg['r1every'] == 0: real.requires_grad_(True)
        lr_, _ = d(real, yr); lf, qf = d(fake.detach(), cg if cond else None)
        t = cfg['ls']; ld = (t * F.softplus(-lr_) + (1 - t) * F.softplus(lr_)).mean() + F.softplus(lf).mean()
        if cat: ld = ld + cfg['info'] * F.cross_entropy(qf, cg)
        if cfg['r1'] and step % cfg['r1every'] == 0:
            gr, = torch.autograd.grad(lr_.sum(), real, create_graph=True)
            ld = ld + cfg['r1'] / 2 * cfg['r1every'] * gr.pow(2).flatten(1).sum(1).mean()
        od.zero_grad(); ld.backward(); od.step()
        zg, cg = latent(B)
        lo, qo = d(g(zg), cg if cond else None)
        lg = F.softplus(-lo).mean()
        if cat: lg = lg + cfg['info'] * F.cross_entropy(qo, cg)
        og.zero_grad(); lg.backward(); og.step()
        if ema is not None:
            with torch.no_grad():
                for pe, pg in zip(ema.parameters(), g.parameters()): pe.mul_(cfg['ema']).add_(pg, alpha=1 - cfg['ema'])
                for be, bg in zip(ema.buffers(), g.buffers()): be.copy_(bg)
        if step % 500 == 0 or step == steps:
            gen = ema if ema is not None else g
            gen.eval()
            with torch.no_grad():
                zz = zf if not ncode else torch.cat([zf, F.one_hot(cf, ncode).float()], 1)
                if cfg['trunc']:
                    zt = torch.fmod(zf, cfg['trunc']); zz = zt if not ncode else torch.cat([zt, F.one_hot(cf, ncode).float()], 1)
                img = gen(zz); p = clf(img); share = torch.bincount(p.argmax(1), minlength=10).float() / 1000
                r = {'step': step, 'fd': round(fd(clf(img, True)), 1), 'conf': round((p.max(1).values >= 0.9).float().mean().item(), 3), 'classes': int((share >= 0.05).sum().item()), 's': round(time.time() - t0)}
                out.append(r); print(name, json.dumps(r), flush=True)
            gen.train()
    print('RESULT', name, json.dumps({'cfg': cfg, 'res': out}), flush=True)
if __name__ == '__main__':
    main()
