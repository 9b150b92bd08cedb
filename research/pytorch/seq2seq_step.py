"""The seq2seq app's default training step (apps/seq2seq, GRU + Luong attention on dates), timed in PyTorch.

The model of apps/seq2seq/src/model at the defaults: character embeddings of 32 (input vocabulary
60, output 15), a one-layer GRU encoder of 64 over the input, a GRU decoder of 64 with input
feeding (x_t = [E y_{t-1}; h~_{t-1}]), Luong dot attention over the encoder outputs (PAD masked),
h~_t = tanh(W_c [c_t; h_t]), logits = W_o h~_t; teacher forcing (the iso task's default, eps 1),
masked cross-entropy, gradients clipped to global norm 1, Adam(5e-3). Batch 64; the encoder length
is the median of the app's length-bucketed training batches on the ISO task (13; padded maximum 28),
the decoder runs 11 steps (10 characters + END). Tokens are random (the cost does not depend on them).

Usage: /usr/bin/python3 seq2seq_step.py --batch 64 --input-length 13 --threads 1 --warmup 3 --steps 15
Prints one JSON line (step_timer.py). Used by `npx nx run bench:family-steps`; never by CI or tests.
"""
import argparse
import json

import torch
from torch import nn
import torch.nn.functional as F

from step_timer import time_steps

V_IN, V_OUT, EMB, HID, OUT_STEPS = 60, 15, 32, 64, 11


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc_emb, self.dec_emb = nn.Embedding(V_IN, EMB), nn.Embedding(V_OUT, EMB)
        self.encoder = nn.GRU(EMB, HID, batch_first=True)
        self.cell = nn.GRUCell(EMB + HID, HID)
        self.combine, self.out = nn.Linear(2 * HID, HID), nn.Linear(HID, V_OUT)

    def forward(self, x, mask_bias, y_in):
        s, h = self.encoder(self.enc_emb(x))  # s [B, T, H], h [1, B, H]
        h, feed = h[0], torch.zeros_like(h[0])
        logits = []
        for t in range(y_in.shape[1]):
            h = self.cell(torch.cat([self.dec_emb(y_in[:, t]), feed], 1), h)
            a = torch.softmax(torch.bmm(s, h[:, :, None])[:, :, 0] + mask_bias, 1)  # [B, T]
            c = torch.bmm(a[:, None, :], s)[:, 0]  # [B, H]
            feed = torch.tanh(self.combine(torch.cat([c, h], 1)))
            logits.append(self.out(feed))
        return torch.stack(logits, 1)  # [B, steps, V_OUT]


def main() -> None:
    p = argparse.ArgumentParser()
    for name, default in [('batch', 64), ('input-length', 13), ('threads', 1), ('warmup', 3), ('steps', 15), ('seed', 1)]:
        p.add_argument(f'--{name}', type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Seq2Seq()
    opt = torch.optim.Adam(model.parameters(), 5e-3)
    B, T = a.batch, a.input_length
    x = torch.randint(1, V_IN, (B, T))
    lengths = torch.randint(T // 2, T + 1, (B,))
    lengths[0] = T
    mask_bias = torch.where(torch.arange(T)[None, :] < lengths[:, None], 0.0, -1e9)
    y = torch.randint(1, V_OUT, (B, OUT_STEPS + 1))  # START, 10 characters, END

    def step(_: int):
        logits = model(x, mask_bias, y[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, V_OUT), y[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item(), float(norm)

    print(json.dumps(time_steps(step, a.warmup, a.steps)))


if __name__ == '__main__':
    main()
