# Tuning sweep for the 2-D presets (not part of the app): a PyTorch replica of the wgan-gp 2-D
# recipe (MLP G with ReLU, MLP critic with LeakyReLU 0.2, Glorot-uniform weights, zero biases,
# WGAN-GP with per-sample interpolation, Adam eps 1e-7, optional linear lr decay), PacGAN scores
# on 2,500 fixed-latent samples, also for an EMA (0.999) copy of G. Many configs in parallel on CPU.
# Usage: python3 mixture_sweep.py configs.json results.jsonl [processes]; results/ holds the two
# sweeps behind apps/wgan-gp/README.md's tuning table (summarise with summarise_sweep.py).
import json, sys, time
import multiprocessing as mp

def run(cfg):
    import torch
    torch.set_num_threads(1)
    seed = cfg['seed']
    torch.manual_seed(seed)
    from mixtures import mixture, real_batch, score
    centres, std = mixture(cfg['dataset'])
    w, depth, ld = cfg['width'], cfg['depth'], cfg['latent']
    def mlp(inp, out, act):
        layers, d = [], inp
        for _ in range(depth):
            layers += [torch.nn.Linear(d, w), act()]
            d = w
        layers.append(torch.nn.Linear(d, out))
        m = torch.nn.Sequential(*layers)
        for l in m:
            if isinstance(l, torch.nn.Linear):
                torch.nn.init.xavier_uniform_(l.weight); torch.nn.init.zeros_(l.bias)
        return m
    G = mlp(ld, 2, torch.nn.ReLU)
    D = mlp(2, 1, lambda: torch.nn.LeakyReLU(0.2))
    b1, b2 = cfg['beta1'], cfg['beta2']
    optD = torch.optim.Adam(D.parameters(), lr=cfg['lrD'], betas=(b1, b2), eps=1e-7)
    optG = torch.optim.Adam(G.parameters(), lr=cfg['lrG'], betas=(b1, b2), eps=1e-7)
    bs, steps, lam, nc = cfg['batch'], cfg['steps'], cfg['lam'], cfg['ncritic']
    gen = torch.Generator().manual_seed(seed + 1000)
    zfix = torch.randn(2500, ld, generator=gen)
    def evaluate(net):
        with torch.no_grad():
            s = score(net(zfix), centres, std)
        return s['modes'], s['hq'], s['rkl']
    import copy
    Gema = copy.deepcopy(G)
    ema_b = cfg.get('ema', 0.999)
    evals = []
    t0 = time.time()
    for s in range(1, steps + 1):
        f = 1 - (s - 1) / steps if cfg['decay'] == 'linear' else 1.0
        for o, lr in ((optD, cfg['lrD']), (optG, cfg['lrG'])):
            for gp in o.param_groups: gp['lr'] = lr * f
        for _ in range(nc):
            real = real_batch(centres, std, bs)
            with torch.no_grad():
                fake = G(torch.randn(bs, ld))
            e = torch.rand(bs, 1)
            xh = (e * real + (1 - e) * fake).requires_grad_(True)
            g, = torch.autograd.grad(D(xh).sum(), xh, create_graph=True)
            norms = (g.pow(2).sum(1) + 1e-12).sqrt()
            loss = D(fake).mean() - D(real).mean() + lam * ((norms - 1) ** 2).mean()
            optD.zero_grad(); loss.backward(); optD.step()
        lg = -D(G(torch.randn(bs, ld))).mean()
        optG.zero_grad(); lg.backward(); optG.step()
        with torch.no_grad():
            for pe, p in zip(Gema.parameters(), G.parameters()): pe.mul_(ema_b).add_(p, alpha=1 - ema_b)
        if s in cfg['evals']:
            evals.append([s, *evaluate(G), *evaluate(Gema)])
    return {**cfg, 'res': evals, 'secs': time.time() - t0}

if __name__ == '__main__':
    configs = json.load(open(sys.argv[1]))
    out = open(sys.argv[2], 'w')
    t0 = time.time()
    with mp.get_context('fork').Pool(int(sys.argv[3]) if len(sys.argv) > 3 else 16) as pool:
        for r in pool.imap_unordered(run, configs):
            out.write(json.dumps(r) + '\n'); out.flush()
    print('done', len(configs), time.time() - t0)
