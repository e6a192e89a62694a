"""PyTorch reference for `npm run bench:train`: the same GPT, batch and optimizer, trained on this
machine's CPU, so our tokens/s can be read against a known engine (and across machines).

Model: token + learned position embeddings, pre-LN blocks (causal multi-head attention with separate
Q/K/V projections, GELU (tanh) MLP 4x), final LayerNorm, head tied to the token embedding; vocabulary
256 (bytes). AdamW (betas 0.9/0.95, weight decay 0.1 on matrices only), gradient clipping at 1.0,
as the trainer does. Data: random windows of the embedded corpus (data/default/*.txt) as bytes.

    /usr/bin/python3 bench/torch-reference.py [--steps 100] [--warmup 10] [--threads 1,2]

Prints one line per thread count, then one JSON line per thread count for bench/torch.bench.ts.
"""
import argparse
import glob
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH, CONTEXT, D_MODEL, LAYERS, HEADS, VOCAB = 16, 128, 128, 2, 4, 256


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.query, self.key, self.value = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc = nn.Linear(d, 4 * d)
        self.proj = nn.Linear(4 * d, d)

    def attention(self, x, mask):
        b, t, c = x.shape
        split = lambda y: y.view(b, t, self.heads, c // self.heads).transpose(1, 2)  # [B, H, T, D]
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(c // self.heads) + mask
        mixed = F.softmax(scores, dim=-1) @ v
        return self.out(mixed.transpose(1, 2).reshape(b, t, c))

    def forward(self, x, mask):
        x = x + self.attention(self.ln1(x), mask)
        return x + self.proj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, D_MODEL)
        self.wpe = nn.Embedding(CONTEXT, D_MODEL)
        self.blocks = nn.ModuleList(Block(D_MODEL, HEADS) for _ in range(LAYERS))
        self.lnf = nn.LayerNorm(D_MODEL)
        # The additive causal mask, made once, like ours.
        self.register_buffer("mask", torch.triu(torch.full((CONTEXT, CONTEXT), -1e9), diagonal=1))
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * LAYERS) if name.endswith(("out.weight", "proj.weight")) else 0.02
                nn.init.normal_(p, 0.0, std)
            elif name.endswith("bias"):
                nn.init.zeros_(p)

    def forward(self, idx, targets):
        x = self.wte(idx) + self.wpe.weight
        for block in self.blocks:
            x = block(x, self.mask)
        logits = self.lnf(x) @ self.wte.weight.t()
        return F.cross_entropy(logits.reshape(-1, VOCAB), targets.reshape(-1))


def corpus():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "default")
    data = b"".join(open(path, "rb").read() for path in sorted(glob.glob(os.path.join(root, "*.txt"))))
    return torch.frombuffer(bytearray(data), dtype=torch.uint8).long()


def measure(threads, steps, warmup, data):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = Gpt()
    decay = [p for p in model.parameters() if p.dim() == 2]
    keep = [p for p in model.parameters() if p.dim() != 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": keep, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.95))

    def step():
        starts = torch.randint(0, len(data) - CONTEXT - 1, (BATCH,))
        windows = torch.stack([data[s : s + CONTEXT + 1] for s in starts])
        loss = model(windows[:, :-1], windows[:, 1:])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        return loss.item()

    for _ in range(warmup):
        step()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(steps):
        loss = step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"threads": threads, "steps": steps, "msPerStep": 1000 * wall / steps, "cpuMsPerStep": 1000 * cpu / steps,
            "tokensPerSecond": BATCH * CONTEXT * steps / wall, "loss": loss}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    data = corpus()
    blas = next((part.split("=", 1)[1] for part in torch.__config__.show().replace(",", "\n").split() if part.startswith("BLAS_INFO=")), "unknown")
    # Debian's torch ("generic") calls whichever libblas.so.3 the system selects, often the slow
    # reference one: the figure depends on it, so say which.
    system_blas = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    if blas == "generic" and os.path.exists(system_blas):
        blas = f"generic -> {os.path.realpath(system_blas)}"
    print(f"torch {torch.__version__} (BLAS {blas}): {sum(p.numel() for p in Gpt().parameters()):,} parameters, B{BATCH} x T{CONTEXT}, d_model {D_MODEL}, {LAYERS} layers, {HEADS} heads, vocabulary {VOCAB}, "
          f"{args.steps} steps after {args.warmup} warm-up steps")
    results = [measure(int(t), args.steps, args.warmup, data) for t in args.threads.split(",")]
    for r in results:
        print(f"threads {r['threads']}: {r['tokensPerSecond']:,.0f} tokens/s · {r['msPerStep']:.0f} ms/step · "
              f"{r['cpuMsPerStep'] / r['msPerStep']:.2f} CPUs busy · loss {r['loss']:.3f}")
    for r in results:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
