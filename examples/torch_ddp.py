"""A nanoGPT-style PyTorch trainer over several processes whose data mixture ADO chooses.

Rank 0 talks to an ADO Studio daemon (clients/python/ado_client.py, standard library only): it
creates an external run, and after every step reports each domain's sample count and mean loss
over the *global* batch, then broadcasts the daemon's next mixture to every rank. DDP and gloo
do the distributed training; the daemon only schedules the data.

Launch it any of these ways (CPU, gloo):

    python3 examples/torch_ddp.py --nproc 2 --steps 200          # spawns its own ranks
    RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python3 examples/torch_ddp.py &
    RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python3 examples/torch_ddp.py
    torchrun --nproc_per_node 2 examples/torch_ddp.py             # where torchrun works

The daemon's URL comes from --url, or from the local daemon's <data dir>/daemon.json (--data-dir,
default $ADO_DATA_DIR or ~/.ado); its token from --token-file, $ADO_TOKEN_FILE, $ADO_TOKEN or
<data dir>/token.

The domains are synthetic byte-level text with different difficulty (so ADO has something to
choose between): counting, a small vocabulary of words, arithmetic, and near-random bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from dataclasses import dataclass
from typing import Callable, Optional

try:
    import torch
except ImportError:
    sys.exit(
        f"examples/torch_ddp.py needs PyTorch, which {sys.executable} cannot import. "
        "On Debian: apt-get install python3-torch, then run it with /usr/bin/python3; elsewhere: pip install torch."
    )
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))
from ado_client import AdoClient  # noqa: E402


# ----------------------------------------------------------------------------- data

def counting(rng: random.Random) -> str:
    start = rng.randrange(1000)
    return " ".join(str(start + i) for i in range(40))


def words(rng: random.Random) -> str:
    vocabulary = "the a cat dog sat ran on under mat log sun moon and then".split()
    return " ".join(rng.choice(vocabulary) for _ in range(60))


def arithmetic(rng: random.Random) -> str:
    pairs = [(rng.randrange(100), rng.randrange(100)) for _ in range(12)]
    return " ".join(f"{a}+{b}={a + b};" for a, b in pairs)


def noise(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(33, 127)) for _ in range(200))


DOMAINS: dict[str, Callable[[random.Random], str]] = {"counting": counting, "words": words, "arithmetic": arithmetic, "noise": noise}


def sample_window(domain: str, rng: random.Random, context: int) -> torch.Tensor:
    """context + 1 bytes of the domain's text: inputs and shifted targets."""
    text = b""
    while len(text) < context + 1:
        text += DOMAINS[domain](rng).encode() + b"\n"
    start = rng.randrange(len(text) - context)
    return torch.tensor(list(text[start:start + context + 1]), dtype=torch.long)


# ----------------------------------------------------------------------------- model

@dataclass
class GPTConfig:
    vocab: int = 256
    context: int = 64
    layers: int = 2
    heads: int = 4
    width: int = 64


class Block(nn.Module):
    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(config.width)
        self.attention = nn.MultiheadAttention(config.width, config.heads, batch_first=True)
        self.ln2 = nn.LayerNorm(config.width)
        self.mlp = nn.Sequential(nn.Linear(config.width, 4 * config.width), nn.GELU(), nn.Linear(4 * config.width, config.width))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        t = x.shape[1]
        # Built per call rather than kept as a buffer: gloo cannot broadcast bool buffers for DDP.
        causal = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        h = self.ln1(x)
        x = x + self.attention(h, h, h, attn_mask=causal, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.tokens = nn.Embedding(config.vocab, config.width)
        self.positions = nn.Embedding(config.context, config.width)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.layers))
        self.ln = nn.LayerNorm(config.width)
        self.head = nn.Linear(config.width, config.vocab, bias=False)
        self.head.weight = self.tokens.weight
        # nanoGPT's initialisation: with the head tied, unit-variance embeddings start the loss far above log(256).
        for embedding in (self.tokens, self.positions):
            nn.init.normal_(embedding.weight, std=0.02)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        x = self.tokens(inputs) + self.positions(torch.arange(inputs.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln(x))


def per_sample_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy (nats/token) of each sample."""
    losses = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none")
    return losses.view(targets.shape).mean(dim=1)


# ----------------------------------------------------------------------------- training

def resolve_daemon(args: argparse.Namespace) -> tuple[str, Optional[str]]:
    if args.url:
        return args.url, args.token_file
    info_file = os.path.join(args.data_dir, "daemon.json")
    try:
        with open(info_file, encoding="utf-8") as handle:
            info = json.load(handle)
    except FileNotFoundError:
        sys.exit(f"no local ADO daemon found ({info_file} does not exist): start one with `npx ado daemon`, or give --url")
    return info["url"], args.token_file or info["tokenFile"]


def train(rank: int, world: int, args: argparse.Namespace) -> None:
    dist.init_process_group("gloo", rank=rank, world_size=world)
    torch.manual_seed(args.seed)
    config = GPTConfig(context=args.context)
    model = DistributedDataParallel(GPT(config))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    domains = list(DOMAINS)
    k = len(domains)
    rng = random.Random(args.seed * 1000 + rank)

    client: Optional[AdoClient] = None
    weights = torch.full((k,), 1.0 / k, dtype=torch.float64)
    if rank == 0:
        url, token_file = resolve_daemon(args)
        client = AdoClient(url, token_file=token_file)
        run_id = client.create_run(
            args.name,
            domains,
            prior=[1.0] * k,
            mixture={"policy": "ado", "ado": {"startStep": args.steps // 10, "ignoreSteps": args.steps // 10,
                                                "updateInterval": max(1, args.steps // 15), "savgolWindow": 11, "subsample": 1}},
            tokens_per_sample=config.context,
        )
        weights = torch.tensor(client.weights(run_id).weights, dtype=torch.float64)
        print(f"rank 0: external run {run_id} on {url}", flush=True)
    dist.broadcast(weights, src=0)

    # Steps since the last report, summed over ranks: counts and count-weighted loss sums.
    pending_counts = torch.zeros(k, dtype=torch.float64)
    pending_loss_sums = torch.zeros(k, dtype=torch.float64)
    for step in range(args.steps):
        picks = torch.multinomial(weights, args.batch_size, replacement=True, generator=torch.Generator().manual_seed(args.seed + 7919 * step + rank))
        windows = torch.stack([sample_window(domains[d], rng, config.context) for d in picks.tolist()])
        losses = per_sample_loss(model(windows[:, :-1]), windows[:, 1:])
        optimizer.zero_grad(set_to_none=True)
        losses.mean().backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

        with torch.no_grad():
            pending_counts += torch.bincount(picks, minlength=k).double()
            pending_loss_sums += torch.zeros(k, dtype=torch.float64).index_add_(0, picks, losses.double())
        if (step + 1) % args.observe_every != 0 and step + 1 != args.steps:
            continue
        totals = torch.cat([pending_counts, pending_loss_sums])
        dist.all_reduce(totals, op=dist.ReduceOp.SUM)
        counts, loss_sums = totals[:k], totals[k:]
        if client is not None:
            mean_losses = [float(loss_sums[i] / counts[i]) if counts[i] > 0 else None for i in range(k)]
            weights = torch.tensor(client.observe(run_id, step, [int(c) for c in counts], mean_losses), dtype=torch.float64)
            if step % max(1, args.steps // 10) == 0 or step + 1 == args.steps:
                mixture = ", ".join(f"{d} {w:.2f}" for d, w in zip(domains, weights.tolist()))
                print(f"step {step}: loss {float(loss_sums.sum() / counts.sum()):.3f}; mixture {mixture}", flush=True)
        dist.broadcast(weights, src=0)
        pending_counts.zero_()
        pending_loss_sums.zero_()
    if rank == 0:
        print(json.dumps({"done": True, "run": run_id, "steps": args.steps, "weights": weights.tolist()}), flush=True)
    dist.destroy_process_group()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="daemon URL (default: from <data dir>/daemon.json)")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("ADO_DATA_DIR") or os.path.join(os.path.expanduser("~"), ".ado"),
        help="the local daemon's data dir (default: $ADO_DATA_DIR or ~/.ado)",
    )
    parser.add_argument("--token-file", help="the daemon's token file")
    parser.add_argument("--nproc", type=int, default=2, help="ranks to spawn when not launched by torchrun or RANK/WORLD_SIZE")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=8, help="samples per rank per step")
    parser.add_argument("--context", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--observe-every", type=int, default=1, help="report every N steps (aggregated); 1 is what ADO expects")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="torch-ddp")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args)
        return
    resolve_daemon(args)  # a missing daemon ends here in one sentence, not in a spawned rank's traceback
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", str(29500 + random.randrange(1000)))
    mp.spawn(train, args=(args.nproc, args), nprocs=args.nproc, join=True)


if __name__ == "__main__":
    main()
