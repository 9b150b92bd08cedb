# The shipped MNIST classifier (datasets/mnist-classifier/weights.bin, copied to DIR/clf.bin) in PyTorch,
# and FD-MNIST against held-out digits: what gan_replica.py and gan_levers.py score samples with.
import numpy as np, torch, torch.nn.functional as F

def load_judge(data_dir, heldout, dev='cpu'):
    """heldout: [n, 1, 28, 28] in [-1, 1]. Returns clf(x, feats=False) -> softmax [n, 10] or features [n, 128], and fd(features)."""
    w = np.fromfile(data_dir + '/clf.bin', dtype=np.float32); o = 0
    def take(shape):
        nonlocal o; n = int(np.prod(shape)); t = torch.from_numpy(w[o:o+n].reshape(shape).copy()).to(dev); o += n; return t
    k1, b1, k2, b2, k3, b3, k4, b4 = take([3,3,1,32]), take([32]), take([3,3,32,64]), take([64]), take([3136,128]), take([128]), take([128,10]), take([10])
    def clf(x, feats=False):  # x NCHW in [-1,1]; TF 'same' with stride 2 pads bottom/right by 1
        h = F.relu(F.conv2d(F.pad(x, (0,1,0,1)), k1.permute(3,2,0,1), b1, stride=2))
        h = F.relu(F.conv2d(F.pad(h, (0,1,0,1)), k2.permute(3,2,0,1), b2, stride=2))
        h = h.permute(0,2,3,1).reshape(x.shape[0], -1)
        f = F.relu(h @ k3 + b3)
        return f if feats else F.softmax(f @ k4 + b4, 1)
    with torch.no_grad():
        rf = clf(heldout, True).double(); mu_r = rf.mean(0); cov_r = torch.cov(rf.T)
        s1 = torch.linalg.eigh(cov_r); root = s1.eigenvectors @ torch.diag(s1.eigenvalues.clamp(min=0).sqrt()) @ s1.eigenvectors.T
    def fd(f):
        f = f.double(); mu = f.mean(0); cov = torch.cov(f.T)
        m = root @ cov @ root; ev = torch.linalg.eigvalsh((m + m.T) / 2).clamp(min=0).sqrt().sum()
        return ((mu - mu_r) ** 2).sum().item() + cov_r.trace().item() + cov.trace().item() - 2 * ev.item()
    return clf, fd
