# A PyTorch replica of apps/gan's DCGAN (layer sizes, N(0, 0.02) init, non-saturating loss, Adam)
# used on the lent GPU machine to explore recipes quickly; results: benchmarks/gan-recipe-exploration.md.
# Inputs in .device/ (gitignored): train_x.f32 / heldout_x.f32 ([n,28,28,1] float32 in [-1,1] from
# @stablegen/data loadMnist), heldout_y.i32, and clf.bin (datasets/mnist-classifier/weights.bin).
# Usage there: python3 gan_replica.py WIDTH LR_G BATCH STEPS EMA_DECAY
import json, math, sys, time, itertools
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from mnist_judge import load_judge
dev = 'cuda'
X = torch.from_numpy(np.fromfile('.device/train_x.f32', dtype=np.float32).reshape(8000, 28, 28, 1)).permute(0, 3, 1, 2).contiguous().to(dev)
HX = torch.from_numpy(np.fromfile('.device/heldout_x.f32', dtype=np.float32).reshape(2000, 28, 28, 1)).permute(0, 3, 1, 2).contiguous().to(dev)
HY = torch.from_numpy(np.fromfile('.device/heldout_y.i32', dtype=np.int32)).long().to(dev)
clf, fd = load_judge('.device', HX, dev)
with torch.no_grad():
    acc = (clf(HX).argmax(1) == HY).float().mean().item()
print(json.dumps({'classifier_heldout_acc': acc}), flush=True)
def init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(m.weight, 0, 0.02); nn.init.zeros_(m.bias) if m.bias is not None else None
class G(nn.Module):
    def __init__(s, W, bn, lat=64):
        super().__init__(); s.W = W
        s.fc = nn.Linear(lat, 7*7*W, bias=not bn); s.bn0 = nn.BatchNorm2d(W) if bn else nn.Identity()
        s.c1 = nn.ConvTranspose2d(W, W//2, 4, 2, 1, bias=not bn); s.bn1 = nn.BatchNorm2d(W//2) if bn else nn.Identity()
        s.c2 = nn.ConvTranspose2d(W//2, 1, 4, 2, 1)
    def forward(s, z):
        h = F.relu(s.bn0(s.fc(z).view(-1, s.W, 7, 7))); h = F.relu(s.bn1(s.c1(h))); return torch.tanh(s.c2(h))
class D(nn.Module):
    def __init__(s, W, drop):
        super().__init__(); s.c1 = nn.Conv2d(1, W//2, 4, 2, 1); s.c2 = nn.Conv2d(W//2, W, 4, 2, 1); s.fc = nn.Linear(7*7*W, 1); s.drop = drop
    def forward(s, x):
        h = F.dropout(F.leaky_relu(s.c1(x), 0.2), s.drop, s.training); h = F.dropout(F.leaky_relu(s.c2(h), 0.2), s.drop, s.training)
        return s.fc(h.flatten(1))
def run(cfg, steps=2000, evals=(500, 1000, 1500, 2000), seed=1):
    torch.manual_seed(seed)
    g, d = G(cfg['W'], cfg['bn']).to(dev), D(cfg['W'], cfg['drop']).to(dev); g.apply(init); d.apply(init)
    og = torch.optim.Adam(g.parameters(), cfg['lrG'], betas=(cfg['b1'], 0.999)); od = torch.optim.Adam(d.parameters(), cfg['lrD'], betas=(cfg['b1'], 0.999))
    B = cfg['B']; t = cfg['ls']; zf = torch.randn(1000, 64, device=dev); out = []
    import copy
    ema = copy.deepcopy(g); ema_decay = cfg.get('ema', 0)
    for step in range(1, steps + 1):
        real = X[torch.randint(0, 8000, (B,), device=dev)]
        fake = g(torch.randn(B, 64, device=dev))
        lr_, lf = d(real), d(fake.detach())
        ld = (t * F.softplus(-lr_) + (1 - t) * F.softplus(lr_)).mean() + F.softplus(lf).mean()
        od.zero_grad(); ld.backward(); od.step()
        lg = F.softplus(-d(g(torch.randn(B, 64, device=dev)))).mean()
        og.zero_grad(); lg.backward(); og.step()
        if ema_decay:
            with torch.no_grad():
                for pe, pg in zip(ema.parameters(), g.parameters()): pe.mul_(ema_decay).add_(pg, alpha=1 - ema_decay)
                for be, bg in zip(ema.buffers(), g.buffers()): be.copy_(bg)
        if step in evals:
            gen = ema if ema_decay else g
            gen.eval()
            with torch.no_grad():
                img = gen(zf); p = clf(img); share = torch.bincount(p.argmax(1), minlength=10).float() / 1000
                out.append({'step': step, 'fd': round(fd(clf(img, True)), 1), 'conf': round((p.max(1).values >= 0.9).float().mean().item(), 3), 'classes': int((share >= 0.05).sum().item())})
            gen.train()
    return out
if __name__ == '__main__':
    with torch.no_grad():
        p = clf(HX); print(json.dumps({'real_heldout_confident_share': (p.max(1).values >= 0.9).float().mean().item()}), flush=True)
    W, lrG, B, steps, ema = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    cfg = dict(W=W, bn=True, ls=1.0, lrG=lrG, lrD=2e-4, drop=0.0, B=B, b1=0.5, ema=ema)
    res = run(cfg, steps=steps, evals=tuple(range(500, steps + 1, 500)), seed=1)
    print(json.dumps({'cfg': cfg, 'res': res}), flush=True)
