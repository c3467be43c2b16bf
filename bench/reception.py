"""Polarity of critics' reviews: the shipped recipe against classic baselines, side by side.

    .venv/bin/python bench/reception.py [--data ../shared/data] [--folds 10] [--accurate]

For each corpus (dev parts only), 10-fold cross-validation; every fold retrains both models:
- rt-polarity: snippet accuracy (StratifiedKFold, shuffled, seed 0).
- review-polarity-v2: whole-review accuracy (StratifiedKFold). Ours scores the whole review's text
  with the jointly trained model (classify_review; "mixed" reported separately); the baseline is a
  document-level NBSVM on the whole review.
- rt-critics: quote fresh/rotten accuracy with GroupKFold by film (rtid), and the mean absolute
  error of each film's approval percentage (share of positive predictions vs share of fresh
  labels) over films with >= 10 labelled quotes; for ours also with approval taken as the mean
  predicted probability of fresh instead of the share of positive predictions.
"ours" trains as scripts/train_polarity.py does (all three corpora; in each fold the test part of
the evaluated corpus is held out, plus texts of the other corpora that are identical to a test
text after tokenising). "ours, in-corpus" is the same model trained on the fold's train part of
the evaluated corpus only. Baselines: NBSVM (Wang & Manning 2012, binary uni+bigrams, NB
log-count ratios, liblinear LR) and plain LR on binary word uni+bigrams, trained in-corpus.
With --accurate (needs '.[accurate]'), also the accurate mode: each fold's "ours" log-odds plus
MiniLM adapter log-odds from an encoder that never saw the corpus scored (see encoder_logits),
and its throughput.

    .venv/bin/python bench/reception.py --distil [--distil-stride 4] [--teacher-cache DIR]

--distil (implies --accurate) adds "ours, distilled": the fast model trained as "ours" but with
soft targets (training.soft_targets) from the same fold-free encoders, side by side with the
fast model as it is and the accurate mode. For rt-polarity the teacher is the encoder trained
on rt-critics: it teaches the fold's training snippets (label and teacher mixed) and, alone,
every 4th review-polarity-v2 sentence (--distil-stride; no test snippet's text); the test fold's
snippets get neither. For rt-critics, the encoder trained on rt-polarity, the same way. For
whole reviews (which no encoder saw), both teach the snippets and quotes they scored.
--teacher-cache DIR keeps the slow part for later runs: each trained adapter file, and the
log-odds in chunks of TEACHER_CHUNK texts as they are made, so a stopped run (the encoders
read ~15-30 sentences/s on two loaded cores) resumes where it stopped.

    .venv/bin/python bench/reception.py --approval [--write-rates] [--cache oof.npz]

--approval runs only the approval-interval benchmark (fast mode): ten folds, each holding out
a tenth of the rt-critics films (GroupKFold by rtid) and a tenth of the whole reviews; one
model is trained per fold (as "ours" above) and reads the held-out quotes (as quoted reviews)
and the held-out whole reviews (through the review-document reader). From these out-of-fold
readings: the reader's error rates (sensitivity, specificity, their film-to-film spread),
which --write-rates stores as src/backtrace/reception/data/polarity-error-rates.json; and,
for every dev film with at least five labelled quotes, backtrace's 90% approval interval
(backtrace.reception.approval, with rates measured on the OTHER folds' films only) against
the film's Rotten Tomatoes top-critic approval (share fresh of all its labelled rows):
coverage, mean width, approval error. The interval shown is of the share positive among a
panel: the quotes read and as many more critics as Rotten Tomatoes counts beyond the quoted
ones, a distribution fitted on the other folds' films (approval.panel_shares). Side by side:
the interval of theta, the approval among critics at large (what was shown before: it cannot
reach the 0% or 100% of a film whose few critics agree), the panel with the film's number of
labelled critics known (an oracle), a Wilson interval on the share read as positive (ignores
the reader's errors) and a Wilson interval on the true labels of the same quotes (sampling
error alone).

    .venv/bin/python bench/reception.py --approval --accurate --teacher-cache DIR

--accurate adds the accurate mode: each quote read by its fold's fast model plus MiniLM
adapters trained on rt-polarity alone (never on a quote), its rates measured and its
intervals scored the same way (the slow part, training the adapters and reading the quotes,
~40 min on 2 idle cores, kept in the --teacher-cache folder, shared with --distil). Whole
reviews read in the accurate mode are not measured: their rates fall back to the fast model's.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

from backtrace.model import Document, Kind
from backtrace.read.files import read_bytes
from backtrace.reception import approval, corpora, training
from backtrace.reception.polarity import MODEL_FILE, PolarityModel, load_model
from backtrace.reception.text import featurize, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
ACCURATE = "accurate (ours + MiniLM)"
ENCODER = "MiniLM adapter alone"
APPROVAL_GOAL = 5.0  # points of approval MAE (issue 5)
WEIGHT = 1.0  # encoder_training.Recipe().encoder_weight, as the shipped adapter records it
DISTILLED = "ours, distilled (NumPy only)"
DISTIL_STRIDE = 4  # every 4th review sentence is taught by the encoders (--distil-stride)
TEACHER_CHUNK = 1000  # texts an encoder scores between two writes to --teacher-cache
DISTIL_WEIGHT = 1.0  # of a taught review sentence (1 beat 3 on two rt-polarity folds)


@dataclass
class Part:
    """A corpus as hashed feature rows, labels, weights and tokenised keys (for de-duplication)."""

    x: sp.csr_matrix
    y: np.ndarray
    w: np.ndarray
    keys: np.ndarray

    def take(self, rows: np.ndarray) -> Part:
        return Part(self.x[rows], self.y[rows], self.w[rows], self.keys[rows])

    def without(self, keys: set[str]) -> Part:
        return self.take(np.array([k not in keys for k in self.keys], dtype=bool))


def make_part(texts: Sequence[str], labels: Sequence[int], weight: float) -> Part:
    x = training.feature_matrix(featurize(texts, training.N_BUCKETS, training.MAX_N))
    keys = np.array([" ".join(tokenize(t)) for t in texts], dtype=object)
    return Part(x, np.asarray(labels), np.full(len(labels), weight), keys)


def fit_ours(parts: Sequence[Part]) -> PolarityModel:
    """The shipped recipe's fit; a part's ``y`` may be soft targets (see ``taught``)."""
    x = sp.vstack([p.x for p in parts]).tocsr()
    y = np.concatenate([p.y for p in parts]).astype(np.float64)
    w, b = training.fit_matrix(*training.soft_rows(x, y, np.concatenate([p.w for p in parts])))
    return PolarityModel(w, b, max_n=training.MAX_N)


def taught(part: Part, logits: np.ndarray, share: float = training.TEACHER_SHARE) -> Part:
    """``part`` with soft targets: its labels mixed with the teacher's (``share`` 1: alone)."""
    labels = None if share >= 1.0 else part.y
    return Part(part.x, np.asarray(training.soft_targets(labels, logits, share)), part.w,
                part.keys)


class Baseline:
    """Binary word uni+bigrams; NBSVM scales them by NB log-count ratios before the LR."""

    def __init__(self, nb: bool, c: float = 1.0) -> None:
        self.nb = nb
        self.c = c

    def fit(self, texts: Sequence[str], y: np.ndarray) -> Baseline:
        self.vec = CountVectorizer(ngram_range=(1, 2), binary=True, lowercase=True)
        x = self.vec.fit_transform(texts)
        self.r = np.ones(x.shape[1])
        if self.nb:
            p = 1.0 + np.asarray(x[y == 1].sum(0)).ravel()
            q = 1.0 + np.asarray(x[y == 0].sum(0)).ravel()
            self.r = np.log((p / p.sum()) / (q / q.sum()))
        self.clf = LogisticRegression(C=self.c, solver="liblinear", random_state=SEED)
        self.clf.fit(x @ sp.diags(self.r), y)
        return self

    def positive(self, texts: Sequence[str]) -> np.ndarray:
        return self.clf.decision_function(self.vec.transform(texts) @ sp.diags(self.r)) > 0


BASELINES: dict[str, Callable[[], Baseline]] = {
    "NBSVM uni+bigram": lambda: Baseline(nb=True),
    "LR uni+bigram": lambda: Baseline(nb=False),
}


def rows(n: int, mask: np.ndarray) -> np.ndarray:
    return np.arange(n)[mask]


def rt_polarity_cv(
    args: argparse.Namespace, parts: dict[str, Part], texts: list[str], enc: np.ndarray | None,
    unlabelled: Part | None = None,
) -> dict:
    rt, y = parts["rt"], parts["rt"].y
    acc: dict[str, list[float]] = {}
    folds = StratifiedKFold(10, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y)
    for k, (tr, te) in enumerate(folds):
        if k >= args.folds:
            break
        test_keys = set(rt.keys[te])
        others = [parts[n].without(test_keys) for n in ("critics", "sent", "doc")]
        models = {
            "ours": fit_ours([rt.take(tr), *others]),
            "ours, in-corpus": fit_ours([rt.take(tr)]),
        }
        if unlabelled is not None and enc is not None:
            models[DISTILLED] = fit_ours([taught(rt.take(tr), enc[tr]), *others,
                                          unlabelled.without(test_keys)])
        test = rt.take(te)
        for name, model in models.items():
            pred = _predict_rows(model, test.x) > 0
            acc.setdefault(name, []).append(float((pred == test.y).mean()))
        if enc is not None:
            z = _predict_rows(models["ours"], test.x) + WEIGHT * enc[te]
            acc.setdefault(ACCURATE, []).append(float(((z > 0) == test.y).mean()))
            acc.setdefault(ENCODER, []).append(float(((enc[te] > 0) == test.y).mean()))
        for name, make in BASELINES.items():
            base = make().fit([texts[i] for i in tr], y[tr])
            pred = base.positive([texts[i] for i in te])
            acc.setdefault(name, []).append(float((pred == y[te]).mean()))
        _progress("rt-polarity", k, acc)
    return fold_table(acc)


def fold_table(acc: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Mean accuracy over the folds, its SD between folds, and (for the others) the mean and SD
    of the fold-by-fold difference with "ours" (in points): the noise a difference must beat."""
    out: dict[str, dict[str, float]] = {}
    base = np.array(acc["ours"]) * 100
    for name, v in acc.items():
        a = np.array(v) * 100
        row = {"accuracy": float(np.mean(v)), "SD over folds (points)": float(np.std(a, ddof=1))
               if len(a) > 1 else 0.0}
        if name != "ours":
            diff = a - base
            row["vs ours (points)"] = float(diff.mean())
            row["SD of that"] = float(np.std(diff, ddof=1)) if len(a) > 1 else 0.0
        out[name] = row
    return out


def review_cv(
    args: argparse.Namespace, parts: dict[str, Part], reviews: list, enc: np.ndarray | None,
    teach: dict[str, np.ndarray] | None = None,
) -> dict:
    y = np.array([r.label for r in reviews])
    sent_owner = np.concatenate([[i] * len(r.sentences) for i, r in enumerate(reviews)])
    docs = [" ".join(r.sentences) for r in reviews]
    acc: dict[str, list[float]] = {}
    mixed: dict[str, list[float]] = {}
    folds = StratifiedKFold(10, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y)
    for k, (tr, te) in enumerate(folds):
        if k >= args.folds:
            break
        in_train = np.isin(sent_owner, tr)
        test_keys = set(parts["doc"].keys[te])
        own = [parts["sent"].take(rows(len(sent_owner), in_train)), parts["doc"].take(tr)]
        others = [parts[n].without(test_keys) for n in ("rt", "critics")]
        models = {"ours": fit_ours([*own, *others]), "ours, in-corpus": fit_ours(own)}
        if teach is not None:  # neither encoder saw a review: both teach what they scored
            models[DISTILLED] = fit_ours([*own, *(taught(parts[n], teach[n]).without(test_keys)
                                                  for n in ("rt", "critics"))])
        for name, model in models.items():
            results = [model.classify_review(reviews[i].sentences) for i in te]
            whole = model.positive_probability([docs[i] for i in te]) >= 0.5
            acc.setdefault(name, []).append(float((whole == y[te]).mean()))
            labels = np.array([r.label for r in results])
            truth = np.where(y[te] == 1, "positive", "negative")
            mixed.setdefault(name, []).append(float((labels == "mixed").mean()))
            acc.setdefault(name + " (mixed counted wrong)", []).append(
                float((labels == truth).mean())
            )
        if enc is not None:
            z = models["ours"].logits([docs[i] for i in te]) + WEIGHT * enc[te]
            acc.setdefault(ACCURATE, []).append(float(((z > 0) == y[te]).mean()))
            acc.setdefault(ENCODER, []).append(float(((enc[te] > 0) == y[te]).mean()))
        for name, make in BASELINES.items():
            base = make().fit([docs[i] for i in tr], y[tr])
            pred = base.positive([docs[i] for i in te])
            acc.setdefault(name, []).append(float((pred == y[te]).mean()))
        _progress("review-polarity", k, acc)
    out = {name: {"accuracy": np.mean(v)} for name, v in acc.items()}
    for name, v in mixed.items():
        out[name + " (mixed counted wrong)"]["mixed share"] = np.mean(v)
    return out


def critics_cv(
    args: argparse.Namespace, parts: dict[str, Part], quotes: list, enc: np.ndarray | None,
    unlabelled: Part | None = None,
) -> dict:
    y = parts["critics"].y
    texts = [q.text for q in quotes]
    films = np.array([q.rtid for q in quotes])
    pred_by: dict[str, np.ndarray] = {}
    prob_by: dict[str, np.ndarray] = {}
    seen = np.zeros(len(y), dtype=bool)
    folds = GroupKFold(10).split(np.zeros(len(y)), y, groups=films)
    for k, (tr, te) in enumerate(folds):
        if k >= args.folds:
            break
        seen[te] = True
        test_keys = set(parts["critics"].keys[te])
        own = parts["critics"].take(tr)
        others = [parts[n].without(test_keys) for n in ("rt", "sent", "doc")]
        models = {"ours": fit_ours([own, *others]), "ours, in-corpus": fit_ours([own])}
        if unlabelled is not None and enc is not None:
            models[DISTILLED] = fit_ours([taught(own, enc[tr]), *others,
                                          unlabelled.without(test_keys)])
        for name, model in models.items():
            z = _predict_rows(model, parts["critics"].x[te])
            pred_by.setdefault(name, np.zeros(len(y), dtype=bool))[te] = z > 0
            prob_by.setdefault(name, np.zeros(len(y)))[te] = 1.0 / (1.0 + np.exp(-z))
            if enc is not None and name == "ours":
                z = z + WEIGHT * enc[te]
                pred_by.setdefault(ACCURATE, np.zeros(len(y), dtype=bool))[te] = z > 0
                prob_by.setdefault(ACCURATE, np.zeros(len(y)))[te] = 1.0 / (1.0 + np.exp(-z))
                pred_by.setdefault(ENCODER, np.zeros(len(y), dtype=bool))[te] = enc[te] > 0
        for name, make in BASELINES.items():
            base = make().fit([texts[i] for i in tr], y[tr])
            pred_by.setdefault(name, np.zeros(len(y), dtype=bool))[te] = base.positive(
                [texts[i] for i in te]
            )
        _progress("rt-critics", k, {n: [float((p[seen] == y[seen]).mean())] for n, p in
                                      pred_by.items()})
    out: dict[str, dict[str, float]] = {}
    film_ids, counts = np.unique(films[seen], return_counts=True)
    big = film_ids[counts >= 10]
    for name, pred in pred_by.items():
        errors = [abs(pred[films == f].mean() - y[films == f].mean()) * 100 for f in big]
        out[name] = {
            "accuracy": float((pred[seen] == y[seen]).mean()),
            "approval MAE (points)": float(np.mean(errors)),
            "films >= 10 quotes": float(len(big)),
        }
    needed = accuracy_needed(y[seen], films[seen], big, APPROVAL_GOAL)
    out["errors at random (same films)"] = {
        f"accuracy for MAE {APPROVAL_GOAL:g}": needed,
        **{f"MAE at {a * 100:g}%": random_error_mae(y[seen], films[seen], big, a)
           for a in (0.84, 0.90)},
    }
    for name, prob in prob_by.items():  # approval as the mean P(fresh) instead of a vote count
        errors = [abs(prob[films == f].mean() - y[films == f].mean()) * 100 for f in big]
        out[name + " (approval = mean P)"] = {"approval MAE (points)": float(np.mean(errors))}
    return out


def random_error_mae(
    y: np.ndarray, films: np.ndarray, big: np.ndarray, accuracy: float, reps: int = 20
) -> float:
    """Approval MAE (points) over the films ``big`` if each label were wrong at random with
    probability ``1 - accuracy`` (the same seeded draws for every accuracy, so the figure falls
    as accuracy rises)."""
    keep = np.isin(films, big)
    y, owner = y[keep], np.searchsorted(big, films[keep])
    size = np.bincount(owner, minlength=len(big))
    truth = np.bincount(owner, weights=y, minlength=len(big)) / size
    draws = np.random.default_rng(SEED).random((reps, len(y)))
    errors = []
    for u in draws:
        pred = np.where(u < accuracy, y, 1 - y)
        share = np.bincount(owner, weights=pred, minlength=len(big)) / size
        errors.append(np.abs(share - truth).mean() * 100)
    return float(np.mean(errors))


def accuracy_needed(y: np.ndarray, films: np.ndarray, big: np.ndarray, target: float) -> float:
    """The lowest quote accuracy (to 0.1 point) at which random errors keep the approval MAE
    of the films ``big`` within ``target`` points."""
    low, high = 0.5, 1.0
    while high - low > 0.001:
        mid = (low + high) / 2
        low, high = (low, mid) if random_error_mae(y, films, big, mid) <= target else (mid, high)
    return high


def cached_scorer(path: Path | None, train: list[tuple[str, int]]) -> Any:
    """The accurate-mode scorer of MiniLM adapters trained on ``train``; with ``path``, the
    adapter file is kept there and read back next time (the training is the slow part: ~15 min
    on two idle cores, hours on loaded ones)."""
    from backtrace.reception import encoder, encoder_training

    if path is not None and path.is_file():
        return encoder.from_adapter(path.read_bytes())
    start = time.perf_counter()
    recipe = encoder_training.RECIPE
    state = encoder_training.train([t for t, _ in train], [y for _, y in train], recipe)
    blob = encoder_training.to_bytes(state, recipe, {"texts": len(train)})
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    print(f"  [MiniLM adapters trained on {len(train)} texts, "
          f"{time.perf_counter() - start:.0f} s]", file=sys.stderr, flush=True)
    return encoder.from_adapter(blob)


def chunked_logits(
    score: Callable[[list[str]], np.ndarray], texts: list[str], folder: Path | None
) -> np.ndarray:
    """``score(texts)``, TEACHER_CHUNK texts at a time; with ``folder``, each chunk is kept as
    ``folder/<n>-<digest of its texts>.npy``, so a stopped run resumes at the first chunk not
    written and a chunk is never read back for other texts."""
    if folder is None:
        return score(texts)
    folder.mkdir(parents=True, exist_ok=True)
    out: list[np.ndarray] = []
    for c in range(0, len(texts), TEACHER_CHUNK):
        part = texts[c : c + TEACHER_CHUNK]
        digest = hashlib.sha256("\n".join(part).encode()).hexdigest()[:16]
        path = folder / f"{c // TEACHER_CHUNK:05d}-{digest}.npy"
        if not path.is_file():
            tmp = folder / f"{path.stem}.tmp.npy"
            np.save(tmp, np.asarray(score(part), dtype=np.float64))
            tmp.replace(path)
            print(f"  [{folder.parent.name}/{folder.name}: {c + len(part)} of {len(texts)} "
                  "scored]", file=sys.stderr, flush=True)
        out.append(np.load(path))
    return np.concatenate(out) if out else np.zeros(0)


def teacher(cache: Path | None, name: str, train: list[tuple[str, int]]
            ) -> Callable[[list[str], str], np.ndarray]:
    """``read(texts, what)``: the log-odds of adapters trained on ``train``, trained (or read
    from ``cache``) only when some chunk of them is not kept yet. The cache folder's name holds
    a digest of the training texts, labels and recipe: other adapters never reuse it."""
    from backtrace.reception import encoder_training

    made = json.dumps([train, repr(encoder_training.RECIPE)]).encode()
    folder = None if cache is None else cache / f"{name}-{hashlib.sha256(made).hexdigest()[:12]}"
    built: list[Any] = []

    def score(texts: list[str]) -> np.ndarray:
        if not built:
            built.append(cached_scorer(folder and folder / "adapter.safetensors", train))
        return built[0].encoder_logits(texts)

    def read(texts: list[str], what: str) -> np.ndarray:
        return chunked_logits(score, texts, folder and folder / what)

    return read


def out_of_corpus(texts: list[str], labels: list[int], quotes: list
                  ) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(quotes without rt-polarity's texts, snippets without the quotes' texts): what the
    encoder that scores rt-polarity, and the one that scores rt-critics, are trained on."""
    rt_keys = {" ".join(tokenize(t)) for t in texts}
    critic_keys = {" ".join(tokenize(q.text)) for q in quotes}
    on_critics = [(q.text, q.label) for q in quotes if " ".join(tokenize(q.text)) not in rt_keys]
    on_rt = [(t, y) for t, y in zip(texts, labels, strict=True)
             if " ".join(tokenize(t)) not in critic_keys]
    return on_critics, on_rt


def encoder_logits(
    texts: list[str], labels: list[int], quotes: list, reviews: list,
    unlabelled: list[str] | None = None, cache: Path | None = None,
) -> dict[str, np.ndarray]:
    """Out-of-corpus MiniLM log-odds for each corpus (the encoder never saw the corpus it scores).

    rt-polarity is scored by adapters trained on the rt-critics quotes, rt-critics by adapters
    trained on rt-polarity (each without the texts the other corpus also has), whole reviews by
    the shipped adapter file (trained on rt-polarity + rt-critics, never on reviews). With
    ``unlabelled`` texts, each of the two also scores them (keys "rt_sent", "critics_sent").
    With ``cache`` (a folder), adapters and log-odds are kept there as they are made.
    """
    from backtrace.reception import encoder, encoder_training

    if encoder_training.RECIPE.encoder_weight != WEIGHT:
        raise SystemExit("bench WEIGHT differs from the recipe's encoder weight")
    on_critics, on_rt = out_of_corpus(texts, labels, quotes)
    out: dict[str, np.ndarray] = {}
    for name, train, scored in (
        ("rt", on_critics, texts),
        ("critics", on_rt, [q.text for q in quotes]),
    ):
        read = teacher(cache, name, train)
        out[name] = read(scored, "scored")
        if unlabelled:
            out[f"{name}_sent"] = read(unlabelled, "review-sentences")
    docs = [" ".join(r.sentences) for r in reviews]
    shipped = hashlib.sha256(encoder.adapter_resource().read_bytes()).hexdigest()[:12]
    out["doc"] = chunked_logits(lambda xs: encoder.load_accurate().encoder_logits(xs), docs,
                                cache and cache / f"shipped-{shipped}" / "reviews")
    return out


def teacher_logits(
    args: argparse.Namespace, texts: list[str], labels: list[int], quotes: list, reviews: list
) -> dict[str, np.ndarray]:
    """:func:`encoder_logits`, kept in (and resumed from) the ``--teacher-cache`` folder; with
    --distil, also of every ``--distil-stride``-th review sentence."""
    stride = args.distil_stride
    sub = [s for r in reviews for s in r.sentences][::stride] if args.distil else None
    return encoder_logits(texts, labels, quotes, reviews, sub, args.teacher_cache)


def teachers(
    args: argparse.Namespace, texts: list[str], labels: list[int], quotes: list, reviews: list,
    speed: dict[str, float],
) -> tuple[dict[str, Any], dict[str, Part | None]]:
    """The encoders' log-odds by corpus (None without --accurate) and, with --distil, the
    review sentences taught by each fold-free encoder (keys "rt", "critics": what it scores)."""
    enc: dict[str, Any] = {"rt": None, "critics": None, "doc": None}
    taught_sents: dict[str, Part | None] = {"rt": None, "critics": None}
    if args.accurate or args.distil:
        speed[ACCURATE] = accurate_throughput([q.text for q in quotes[:3000]])
        enc.update(teacher_logits(args, texts, labels, quotes, reviews))
    if args.distil:
        sub = [s for r in reviews for s in r.sentences][:: args.distil_stride]
        part = make_part(sub, [0] * len(sub), DISTIL_WEIGHT)
        taught_sents = {n: taught(part, enc[f"{n}_sent"], 1.0) for n in taught_sents}
    return enc, taught_sents


def accurate_throughput(texts: list[str]) -> float:
    from backtrace.reception import encoder

    model = encoder.load_accurate()
    model.predict(texts[:64])
    start = time.perf_counter()
    for i in range(0, len(texts), 256):
        model.predict(texts[i : i + 256])
    return len(texts) / (time.perf_counter() - start)


def _predict_rows(model: PolarityModel, x: sp.csr_matrix) -> np.ndarray:
    return x @ model.weights.astype(np.float64) + model.bias


def _progress(task: str, k: int, acc: dict[str, list[float]]) -> None:
    shown = ", ".join(f"{n} {np.mean(v) * 100:.2f}" for n, v in acc.items())
    print(f"  [{task} fold {k + 1}] running mean accuracy: {shown}", file=sys.stderr, flush=True)


def throughput(texts: list[str]) -> dict[str, float]:
    model = load_model()
    model.predict(texts[:100])
    start = time.perf_counter()
    for i in range(0, len(texts), 256):
        model.predict(texts[i : i + 256])
    ours = len(texts) / (time.perf_counter() - start)
    base = Baseline(nb=True).fit(texts[:5000], np.arange(5000) % 2)
    start = time.perf_counter()
    for i in range(0, len(texts), 256):
        base.positive(texts[i : i + 256])
    return {"ours": ours, "NBSVM uni+bigram": len(texts) / (time.perf_counter() - start)}


# -- approval with its uncertainty (--approval) ------------------------------------------------
RATES_PATH = ROOT / "src" / "backtrace" / "reception" / "data" / approval.RATES_FILE
RATES_COMMAND = ".venv/bin/python bench/reception.py --approval --write-rates"
ASSUMED = 0.95  # cue and stated-score labels: no labelled corpus to measure them on
MEASURABLE = 30  # readings of a kind needed to measure its rates
ENCODER_MEASURED = (
    "rt-critics dev quotes read in the accurate mode, out of fold: the fast model of the fold "
    "(10-fold GroupKFold by film) plus MiniLM adapters trained on rt-polarity alone (never on "
    "a quote; the shipped adapters also saw rt-critics quotes, so on films they never saw "
    "these rates are if anything pessimistic); lines in the film's Rotten Tomatoes approval")
PANEL_FITTED = (
    "how many labelled top critics beyond the quoted ones a dev film's Rotten Tomatoes "
    "approval counts (films with 5+ quotes): the approval shown is the share among the "
    "reviews read and this many more")
Z90 = 1.6448536269514722


def rt_truth(data: Path) -> dict[str, tuple[int, int]]:
    """rtid -> (fresh, labelled) over every row labelled fresh or rotten, quoted or not: the
    film's Rotten Tomatoes top-critic approval as the data has it."""
    out: dict[str, list[int]] = {}
    with (data / "rt-critics" / "critics.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["fresh"] in ("fresh", "rotten"):
                tally = out.setdefault(row["rtid"], [0, 0])
                tally[0] += row["fresh"] == "fresh"
                tally[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def quote_encoder_logits(data: Path, cache: Path | None) -> np.ndarray:
    """The accurate mode's encoder log-odds of every rt-critics quote, from adapters trained
    on rt-polarity alone (never on a quote; the same adapters and log-odds as
    :func:`encoder_logits` gives for "critics", kept in the same ``cache`` folder)."""
    texts, labels = corpora.rt_polarity(data)
    quotes = corpora.rt_critics(data)
    _, on_rt = out_of_corpus(texts, labels, quotes)
    return teacher(cache, "critics", on_rt)([q.text for q in quotes], "scored")


def review_document(review: corpora.Review) -> Document:
    """A whole review of review-polarity-v2 as the reader gets a review file."""
    text = "\n".join(review.sentences) + "\n"
    return read_bytes(text.encode("ascii"), review.name, kind=Kind.REVIEW)


def approval_folds(parts: dict[str, Part], quotes: list, reviews: list) -> dict[str, np.ndarray]:
    """Out-of-fold readings: each quote's log-odds, each whole review's label and basis, and
    the fold that held each out (one model per fold reads both)."""
    from backtrace.reception.reader import ReviewReader

    y = parts["critics"].y
    films = np.array([q.rtid for q in quotes])
    ry = np.array([r.label for r in reviews])
    sent_owner = np.concatenate([[i] * len(r.sentences) for i, r in enumerate(reviews)])
    critic_folds = list(GroupKFold(10).split(np.zeros(len(y)), y, groups=films))
    review_folds = list(
        StratifiedKFold(10, shuffle=True, random_state=SEED).split(np.zeros(len(ry)), ry)
    )
    z = np.zeros(len(y))
    qfold = np.zeros(len(y), dtype=int)
    dlabel = np.empty(len(reviews), dtype=object)
    dbasis = np.empty(len(reviews), dtype=object)
    dfold = np.zeros(len(reviews), dtype=int)
    for k in range(10):
        tr_c, te_c = critic_folds[k]
        tr_r, te_r = review_folds[k]
        test_keys = set(parts["critics"].keys[te_c]) | set(parts["doc"].keys[te_r])
        model = fit_ours([
            parts["critics"].take(tr_c).without(test_keys),
            parts["sent"].take(rows(len(sent_owner), np.isin(sent_owner, tr_r))),
            parts["doc"].take(tr_r),
            parts["rt"].without(test_keys),
        ])
        z[te_c] = _predict_rows(model, parts["critics"].x[te_c])
        qfold[te_c] = k
        reader = ReviewReader(model)
        for i in te_r:
            found = reader.document_review(review_document(reviews[i]))
            dlabel[i] = found.polarity if found else "none"
            dbasis[i] = found.basis if found else "none"
        dfold[te_r] = k
        right = float(((z[te_c] >= 0) == y[te_c]).mean())
        docs = float(np.mean([(dlabel[i] == "positive") == ry[i] for i in te_r]))
        print(f"  [approval fold {k + 1}] quotes {right * 100:.2f}%, whole reviews "
              f"{docs * 100:.2f}%", file=sys.stderr, flush=True)
    return {"z": z, "qfold": qfold, "films": films, "y": y, "dlabel": dlabel.astype(str),
            "dbasis": dbasis.astype(str), "dfold": dfold, "ry": ry}


def measure(truth: np.ndarray, read_positive: np.ndarray, films: np.ndarray | None = None,
            approval_of: np.ndarray | None = None) -> dict:
    """Sensitivity and specificity of readings against the truth. With ``films`` and each
    reading's film approval ``approval_of`` (0-1), each rate as a line in the film's
    approval (its value at approval 0.5 and its slope, least squares over the readings)
    and the film-to-film spread around that line."""
    pos, neg = truth == 1, truth == 0
    out: dict[str, Any] = {"positives": int(pos.sum()), "negatives": int(neg.sum())}
    rates = {"sensitivity": (pos, read_positive), "specificity": (neg, ~read_positive)}
    for name, (mask, right) in rates.items():
        out[f"{name}_overall"] = round(float(right[mask].mean()), 4)
        out[name] = out[f"{name}_overall"]
        if films is None or approval_of is None:
            continue
        x, hit = approval_of[mask] - 0.5, right[mask].astype(float)
        slope = float(np.dot(x - x.mean(), hit - hit.mean()) / np.dot(x - x.mean(), x - x.mean()))
        at_half = float(hit.mean() - slope * x.mean())
        out[name], out[f"{name}_slope"] = round(at_half, 4), round(slope, 4)
        triples = []
        for f in np.unique(films[mask]):
            here = mask & (films == f)
            mean = at_half + slope * (float(approval_of[here][0]) - 0.5)
            triples.append((int(right[here].sum()), int(here.sum()), mean))
        out[f"{name}_spread"] = approval.fit_spread(triples)
    if films is not None:
        out["theta_ref"] = 0.5
        out["films"] = int(len(np.unique(films)))
    return out


def rates_table(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]],
                skip_fold: int | None = None) -> dict[str, Any]:
    """The rates file's ``rates``, measured on the out-of-fold readings (all but the fold
    ``skip_fold`` of the quotes, when given); ``truth`` gives each film's approval. With the
    encoder's log-odds of the quotes (``oof["enc"]``), the accurate mode's quote rates too."""
    keep = oof["qfold"] != skip_fold if skip_fold is not None else np.ones(len(oof["y"]), bool)
    films = oof["films"][keep]
    approval_of = np.array([truth[f][0] / truth[f][1] for f in films])
    quote = measure(oof["y"][keep], oof["z"][keep] >= 0, films, approval_of)
    quote["measured"] = ("rt-critics dev quotes read as quoted reviews, out of fold (10-fold "
                         "GroupKFold by film); lines in the film's Rotten Tomatoes approval")
    table: dict[str, Any] = {"model/quote": quote}
    if "enc" in oof:
        z = oof["z"][keep] + WEIGHT * oof["enc"][keep]
        table["encoder/quote"] = measure(oof["y"][keep], z >= 0, films, approval_of)
        table["encoder/quote"]["measured"] = ENCODER_MEASURED
    for basis in ("model", "lexicon", "score"):
        mask = oof["dbasis"] == basis
        key = approval.rate_key(basis, "document")
        if mask.sum() >= MEASURABLE:
            row = measure(oof["ry"][mask], oof["dlabel"][mask] == "positive")
            # whole reviews are each of another film: their spread is borrowed from quotes
            row["sensitivity_spread"] = quote["sensitivity_spread"]
            row["specificity_spread"] = quote["specificity_spread"]
            row["measured"] = ("review-polarity-v2 dev whole reviews read as review documents, "
                               "out of fold (10-fold StratifiedKFold); film-to-film spread "
                               "borrowed from the quotes, no lean with the film's approval "
                               "(each review is of another film: neither is measurable)")
            table[key] = row
        else:
            table[key] = {"fallback": "model/document" if basis == "lexicon" else "score/quote",
                          "note": f"{int(mask.sum())} readings: too few to measure"}
    for key in ("cue", "score/quote"):
        table[key] = {
            "sensitivity": ASSUMED, "specificity": ASSUMED, "sensitivity_spread": None,
            "specificity_spread": None,
            "assumed": "not measured (no labelled corpus of critics' words or scores that "
                       "another text reports); a verdict the source states, taken as right "
                       "95% of the time"}
    for where in ("quote", "document"):
        table.setdefault(f"encoder/{where}", {
            "fallback": f"model/{where}",
            "note": "the accurate mode's rates are not measured on "
                    + ("whole reviews (the document reader over MiniLM, per fold, is over an "
                       "hour on 2 cores)" if where == "document" else "quotes here (run with "
                       "--accurate)") + "; the fast model's, which err more, stand in: its "
                    "intervals are wider, not narrower"})
    return table


def film_counts(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]],
                skip_fold: int | None = None) -> dict[str, int]:
    """Quotes read of each dev film with at least MIN_REVIEWS of them (all but the films of
    the fold ``skip_fold``, when given)."""
    keep = oof["qfold"] != skip_fold if skip_fold is not None else np.ones(len(oof["y"]), bool)
    films, counts = np.unique(oof["films"][keep], return_counts=True)
    return {str(f): int(n) for f, n in zip(films, counts, strict=True)
            if n >= approval.MIN_REVIEWS and f in truth}


def film_unread(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]],
                skip_fold: int | None = None) -> list[float]:
    """How many labelled critics beyond the quoted ones a film's Rotten Tomatoes approval
    counts, as a distribution over the films (all but those of the fold ``skip_fold``)."""
    return approval.fit_unread(truth[f][1] - n for f, n in film_counts(oof, truth,
                                                                        skip_fold).items())


def wilson(k: np.ndarray, n: np.ndarray, z: float = Z90) -> tuple[np.ndarray, np.ndarray]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def film_prior(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]],
               skip_fold: int | None = None) -> tuple[float, float]:
    """The approval prior fitted to the Rotten Tomatoes counts of the dev films (all but
    those of the fold ``skip_fold``, when given)."""
    keep = oof["qfold"] != skip_fold if skip_fold is not None else np.ones(len(oof["y"]), bool)
    return approval.fit_prior(truth[f] for f in np.unique(oof["films"][keep]))


def mode_reads(oof: dict[str, np.ndarray], mode: str) -> tuple[np.ndarray, str]:
    """Each quote read as positive in ``mode`` ("fast", or "accurate": the fold's fast
    model plus the fold-free encoder), and the basis the reader records for it."""
    if mode == "fast":
        return oof["z"] >= 0, "model"
    return oof["z"] + WEIGHT * oof["enc"] >= 0, "encoder"


def film_rows(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]], mode: str,
              fits: dict[int, tuple]) -> list[dict[str, float]]:
    """Per dev film with at least MIN_REVIEWS quotes: its truth and the intervals of each
    way, every one with the rates, prior and panel fitted on the OTHER folds' films."""
    y, films = oof["y"], oof["films"]
    read, basis = mode_reads(oof, mode)
    key = approval.rate_key(basis, "quote")
    out: list[dict[str, float]] = []
    for f, n in film_counts(oof, truth).items():
        mask = films == f
        table, prior, unread = fits[int(oof["qfold"][mask][0])]
        reads = [("positive" if r else "negative", basis, "quote") for r in read[mask]]
        shown = approval.estimate(reads, table=table, prior=prior, unread=unread)
        large = approval.estimate(reads, table=table, prior=prior, unread=None)
        fresh, labelled = truth[f]
        k = int(read[mask].sum())
        f_lo, f_hi = approval.among({key: (k, n)}, max(labelled, n), table, prior)
        out.append({"n": n, "truth": 100.0 * fresh / labelled, "low": shown.low,
                    "high": shown.high, "median": shown.approval, "share": shown.share,
                    "t_lo": large.low, "t_hi": large.high, "t_mid": large.approval,
                    "read": float(k), "true": float(y[mask].sum()), "f_lo": f_lo,
                    "f_hi": f_hi})
    return out


def report_rows(rows_: list[dict[str, float]], mode: str) -> None:
    col = {k: np.array([r[k] for r in rows_], dtype=float) for k in rows_[0]}
    n, t = col["n"], col["truth"]
    w_lo, w_hi = wilson(col["read"], n)
    w_lo, w_hi = np.floor(100 * w_lo + 1e-9), np.ceil(100 * w_hi - 1e-9)
    o_lo, o_hi = (100 * x for x in wilson(col["true"], n))
    print(f"\napproval intervals (90%), {mode} mode, on {len(rows_)} dev films of rt-critics "
          f"with >= {approval.MIN_REVIEWS} quotes; truth = share fresh of each film's labelled "
          "rows; every interval with rates, prior and panel fitted on the other folds' films")
    groups = [("all films", n >= 0), ("5-9 quotes", n < 10), ("10-19 quotes", (n >= 10) & (n < 20)),
              ("20+ quotes", n >= 20), ("truth 0% or 100%", (t == 0) | (t == 100)),
              ("truth in between", (t > 0) & (t < 100))]
    ways = (
        ("backtrace as shown (share of a panel)", col["low"], col["high"], col["median"]),
        ("  theta: critics at large (before)", col["t_lo"], col["t_hi"], col["t_mid"]),
        ("  panel of the film's known size (oracle)", col["f_lo"], col["f_hi"], None),
        ("Wilson on the share read positive", w_lo, w_hi, col["share"]),
        ("Wilson on the true labels (sampling only)", o_lo, o_hi, None),
    )
    for label, mask in groups:
        if not mask.any():
            continue
        print(f"  {label} ({int(mask.sum())} films)")
        for name, lo, hi, point in ways:
            inside = ((t >= lo - 1e-9) & (t <= hi + 1e-9))[mask]
            cells = (f"coverage {inside.mean():.3f}   mean width {np.mean((hi - lo)[mask]):5.1f}"
                     " points")
            if point is not None:
                cells += f"   approval error {np.mean(np.abs(point - t)[mask]):5.1f} points"
            print(f"    {name:<44} {cells}")


def approval_bench(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]]) -> None:
    fits = {k: (rates_table(oof, truth, skip_fold=k), film_prior(oof, truth, skip_fold=k),
                film_unread(oof, truth, skip_fold=k)) for k in range(10)}
    for mode in ("fast", "accurate") if "enc" in oof else ("fast",):
        start = time.perf_counter()
        report_rows(film_rows(oof, truth, mode, fits), mode)
        print(f"  ({time.perf_counter() - start:.0f} s)")
    print("  (the figure is the median of each way; Wilson's the share of quotes read as "
          "positive, its ends whole percents. Shown: the share positive among the film's "
          "reviews read and as many more as an aggregator's figure counts (the panel, fitted "
          "on the other folds' films); theta: the approval among critics at large, as shown "
          "before; oracle: the same panel with the film's number of labelled critics known)")
    widths = approval.too_few(approval.MIN_REVIEWS - 1, fits[0][0])
    print(f"  with {approval.MIN_REVIEWS - 1} reviews, 90% interval widths of theta: " + ", ".join(
        f"{k} {v:.0f}" for k, v in widths.items()))


def write_rates(oof: dict[str, np.ndarray], truth: dict[str, tuple[int, int]]) -> None:
    blob = (ROOT / "src" / "backtrace" / "reception" / "data" / MODEL_FILE).read_bytes()
    a, b = film_prior(oof, truth)
    payload = {
        "format": 1,
        "about": "Error rates of the polarity reader, measured on held-out folds, and the "
                 "prior of films' approvals; backtrace.reception.approval turns them into "
                 "approval intervals.",
        "command": RATES_COMMAND.replace("--approval", "--approval --accurate")
        if "enc" in oof else RATES_COMMAND,
        "model": {"file": MODEL_FILE, "sha256": hashlib.sha256(blob).hexdigest()},
        "prior": {"a": a, "b": b, "fitted": "beta-binomial maximum likelihood over the fresh "
                  "and labelled counts of the rt-critics dev films"},
        "panel": {"unread": film_unread(oof, truth), "fitted": PANEL_FITTED},
        "rates": rates_table(oof, truth),
    }
    RATES_PATH.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {RATES_PATH.relative_to(ROOT)}")


def run_approval(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    if args.cache and args.cache.is_file():
        with np.load(args.cache, allow_pickle=False) as f:
            oof = {k: f[k] for k in f.files}
    else:
        texts, labels = corpora.rt_polarity(args.data)
        quotes = corpora.rt_critics(args.data)
        reviews = corpora.review_polarity(args.data)
        sents = [s for r in reviews for s in r.sentences]
        parts = {
            "rt": make_part(texts, labels, 1.0),
            "critics": make_part([q.text for q in quotes], [q.label for q in quotes], 1.0),
            "sent": make_part(sents, [r.label for r in reviews for _ in r.sentences],
                              training.REVIEW_SENTENCE_WEIGHT),
            "doc": make_part([" ".join(r.sentences) for r in reviews],
                             [r.label for r in reviews], training.WHOLE_REVIEW_WEIGHT),
        }
        oof = approval_folds(parts, quotes, reviews)
        if args.cache:
            np.savez(args.cache, **oof)
    if args.accurate:
        oof["enc"] = quote_encoder_logits(args.data, args.teacher_cache)
    truth = rt_truth(args.data)
    table = rates_table(oof, truth)
    print("reader error rates, out of fold (at approval 0.5, slope per unit of approval, "
          "film-to-film spread):")
    for key, row in table.items():
        if "sensitivity" in row:
            extra = " (assumed)" if "assumed" in row else ""
            cells = []
            for name in ("sensitivity", "specificity"):
                cells.append(f"{name} {row.get(name + '_overall', row[name]):.3f} (at 0.5 "
                             f"{row[name]:.3f}, slope {row.get(name + '_slope', 0.0):+.3f}, "
                             f"spread {row[name + '_spread']})")
            print(f"  {key:<16} " + "; ".join(cells) + extra)
        else:
            print(f"  {key:<16} as {row['fallback']}: {row['note']}")
    print(f"approval prior (all dev films): Beta{film_prior(oof, truth)}; panel: P(m more "
          f"critics) = {film_unread(oof, truth)}")
    approval_bench(oof, truth)
    if args.write_rates:
        write_rates(oof, truth)
    print(f"\ntotal time {time.perf_counter() - start:.0f} s")
    extra = " --accurate --teacher-cache PATH" if args.accurate else ""
    print(f"reproduce: .venv/bin/python bench/reception.py --approval{extra}")
    return 0


def show(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    for name, metrics in table.items():
        cells = []
        for metric, value in metrics.items():
            if metric in ("accuracy", "mixed share") or metric.startswith("accuracy for"):
                cells.append(f"{metric} {value * 100:6.2f}%")
            elif metric.startswith("films"):
                cells.append(f"{metric}: {int(value)}")
            else:
                cells.append(f"{metric} {value:5.2f}")
        print(f"  {name:<38} " + "   ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=corpora.DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=10, help="run only the first N of the 10 folds")
    ap.add_argument(
        "--accurate",
        action="store_true",
        help="also the accurate mode (needs '.[accurate]'; trains two MiniLM adapters, ~20 min; "
             "with --approval one, its quote log-odds kept in --teacher-cache)",
    )
    ap.add_argument("--distil", action="store_true",
                    help="also the fast model distilled from the fold-free encoders (implies "
                         "--accurate; needs '.[accurate]')")
    ap.add_argument("--teacher-cache", type=Path, default=None,
                    help="with --accurate / --distil: a folder keeping the encoders' adapters "
                         "and log-odds (in chunks: a stopped run resumes)")
    ap.add_argument("--distil-stride", type=int, default=DISTIL_STRIDE,
                    help="with --distil: every Nth review sentence is taught (1: all of them)")
    ap.add_argument("--approval", action="store_true",
                    help="only the approval-interval benchmark (fast mode, and the accurate "
                         "one with --accurate; ~10 min, ~40 more for the accurate mode)")
    ap.add_argument("--write-rates", action="store_true",
                    help="with --approval: store the measured error rates in the package")
    ap.add_argument("--cache", type=Path, default=None,
                    help="with --approval: keep the out-of-fold readings in this .npz")
    args = ap.parse_args()
    if not (args.data / "rt-polarity").is_dir():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    if args.approval:
        return run_approval(args)
    start = time.perf_counter()
    texts, labels = corpora.rt_polarity(args.data)
    quotes = corpora.rt_critics(args.data)
    reviews = corpora.review_polarity(args.data)
    sents = [s for r in reviews for s in r.sentences]
    sent_labels = [r.label for r in reviews for _ in r.sentences]
    parts = {
        "rt": make_part(texts, labels, 1.0),
        "critics": make_part([q.text for q in quotes], [q.label for q in quotes], 1.0),
        "sent": make_part(sents, sent_labels, training.REVIEW_SENTENCE_WEIGHT),
        "doc": make_part(
            [" ".join(r.sentences) for r in reviews],
            [r.label for r in reviews],
            training.WHOLE_REVIEW_WEIGHT,
        ),
    }
    print(f"features cached in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    speed = throughput([q.text for q in quotes])
    enc, taught_sents = teachers(args, texts, labels, quotes, reviews, speed)
    folds = f"{args.folds} of 10 folds" if args.folds < 10 else "10-fold CV"
    print(f"data: {args.data} (dev parts): rt-polarity {len(texts)} snippets, review-polarity "
          f"{len(reviews)} reviews ({len(sents)} sentences), rt-critics {len(quotes)} quotes "
          f"of {len(set(q.rtid for q in quotes))} films; {folds}")
    show("rt-polarity snippets (StratifiedKFold)",
         rt_polarity_cv(args, parts, texts, enc["rt"], taught_sents["rt"]))
    teach = {"rt": enc["rt"], "critics": enc["critics"]} if args.distil else None
    show("review-polarity-v2 whole reviews (StratifiedKFold)",
         review_cv(args, parts, reviews, enc["doc"], teach))
    show("rt-critics quotes (GroupKFold by rtid)",
         critics_cv(args, parts, quotes, enc["critics"], taught_sents["critics"]))
    print(f"\nthroughput, shipped models, one process on {os.cpu_count()} cores, "
          f"rt-critics quotes in batches of 256 ({len(quotes)}; 3000 for the accurate mode):")
    for name, value in speed.items():
        print(f"  {name:<38} {value:,.0f} sentences/s")
    if args.distil:
        print(f"  {DISTILLED:<38} as ours: the same features and number of weights")
    print(f"\ntotal time {time.perf_counter() - start:.0f} s")
    extra = f" --folds {args.folds}" if args.folds < 10 else ""
    extra += " --distil" if args.distil else " --accurate" if args.accurate else ""
    print(f"reproduce: .venv/bin/python bench/reception.py{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
