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
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

from backtrace.reception import corpora, training
from backtrace.reception.polarity import PolarityModel, load_model
from backtrace.reception.text import featurize, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
ACCURATE = "accurate (ours + MiniLM)"
ENCODER = "MiniLM adapter alone"
APPROVAL_GOAL = 5.0  # points of approval MAE (issue 5)
WEIGHT = 1.0  # encoder_training.Recipe().encoder_weight, as the shipped adapter records it


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
    x = sp.vstack([p.x for p in parts]).tocsr()
    w, b = training.fit_matrix(
        x, np.concatenate([p.y for p in parts]), np.concatenate([p.w for p in parts])
    )
    return PolarityModel(w, b, max_n=training.MAX_N)


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
    args: argparse.Namespace, parts: dict[str, Part], texts: list[str], enc: np.ndarray | None
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
    return {name: {"accuracy": np.mean(v)} for name, v in acc.items()}


def review_cv(
    args: argparse.Namespace, parts: dict[str, Part], reviews: list, enc: np.ndarray | None
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
    args: argparse.Namespace, parts: dict[str, Part], quotes: list, enc: np.ndarray | None
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


def encoder_logits(
    texts: list[str], labels: list[int], quotes: list, reviews: list
) -> dict[str, np.ndarray]:
    """Out-of-corpus MiniLM log-odds for each corpus (the encoder never saw the corpus it scores).

    rt-polarity is scored by adapters trained on the rt-critics quotes, rt-critics by adapters
    trained on rt-polarity (each without the texts the other corpus also has), whole reviews by
    the shipped adapter file (trained on rt-polarity + rt-critics, never on reviews).
    """
    from backtrace.reception import encoder, encoder_training

    if encoder_training.RECIPE.encoder_weight != WEIGHT:
        raise SystemExit("bench WEIGHT differs from the recipe's encoder weight")
    rt_keys = {" ".join(tokenize(t)) for t in texts}
    critic_keys = {" ".join(tokenize(q.text)) for q in quotes}
    on_critics = [(q.text, q.label) for q in quotes if " ".join(tokenize(q.text)) not in rt_keys]
    on_rt = [
        (t, y)
        for t, y in zip(texts, labels, strict=True)
        if " ".join(tokenize(t)) not in critic_keys
    ]
    out: dict[str, np.ndarray] = {}
    for name, train, scored in (
        ("rt", on_critics, texts),
        ("critics", on_rt, [q.text for q in quotes]),
    ):
        start = time.perf_counter()
        model = encoder_training.fit_scorer([t for t, _ in train], [y for _, y in train])
        out[name] = model.encoder_logits(scored)
        print(f"  [MiniLM adapters for {name}: trained on {len(train)} texts of the other "
              f"corpus, {time.perf_counter() - start:.0f} s]", file=sys.stderr, flush=True)
    out["doc"] = encoder.load_accurate().encoder_logits([" ".join(r.sentences) for r in reviews])
    return out


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
        help="also the accurate mode (needs '.[accurate]'; trains two MiniLM adapters, ~20 min)",
    )
    args = ap.parse_args()
    if not (args.data / "rt-polarity").is_dir():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
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
    enc: dict[str, np.ndarray | None] = {"rt": None, "critics": None, "doc": None}
    if args.accurate:
        speed[ACCURATE] = accurate_throughput([q.text for q in quotes[:3000]])
        enc.update(encoder_logits(texts, labels, quotes, reviews))
    folds = f"{args.folds} of 10 folds" if args.folds < 10 else "10-fold CV"
    print(f"data: {args.data} (dev parts): rt-polarity {len(texts)} snippets, review-polarity "
          f"{len(reviews)} reviews ({len(sents)} sentences), rt-critics {len(quotes)} quotes "
          f"of {len(set(q.rtid for q in quotes))} films; {folds}")
    show("rt-polarity snippets (StratifiedKFold)", rt_polarity_cv(args, parts, texts, enc["rt"]))
    show(
        "review-polarity-v2 whole reviews (StratifiedKFold)",
        review_cv(args, parts, reviews, enc["doc"]),
    )
    show("rt-critics quotes (GroupKFold by rtid)", critics_cv(args, parts, quotes, enc["critics"]))
    print(f"\nthroughput, shipped models, one process on {os.cpu_count()} cores, "
          f"rt-critics quotes in batches of 256 ({len(quotes)}; 3000 for the accurate mode):")
    for name, value in speed.items():
        print(f"  {name:<38} {value:,.0f} sentences/s")
    print(f"\ntotal time {time.perf_counter() - start:.0f} s")
    extra = f" --folds {args.folds}" if args.folds < 10 else ""
    extra += " --accurate" if args.accurate else ""
    print(f"reproduce: .venv/bin/python bench/reception.py{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
