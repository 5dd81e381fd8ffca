#!/usr/bin/env python3
"""Peer baselines for `reel eval`: implicit's ALS and BPR on the same time split.

Usage:
    python3 Benchmarks/Eval/implicit_peer.py EVENTS.csv [--k 10,20] [--protocol standard|strict]
        [--train-fraction 0.8] [--positive-threshold 7]

Installs `implicit` from PyPI with pip if it is missing, then re-implements the
protocol and metrics of Sources/ReelRank/Evaluation (TimeSplit, EvaluationMetrics,
Evaluator) line for line, so its numbers are comparable with `reel eval`:

* CSV `user,item,timestamp,weight` with that header (InteractionCSV).
* Events sorted by (timestamp, input position); the first floor(n * fraction)
  train, the rest test (TimeSplit.split).
* Relevant test interactions: under --protocol standard (the default) every
  test interaction on an item seen in training, at any weight; under strict,
  those with weight >= threshold, cold items included. Scored users: at least
  one training interaction and at least one relevant test interaction on an
  item they did not see in training; every training item of the user is
  excluded from their list and their relevant set.
* recall@K = hits / min(K, |relevant|); NDCG@K with binary gains and 1/log2(p+1);
  coverage = distinct recommended items / distinct training items; novelty =
  mean over all recommended slots of -log2(max(count, 1) / training rows).
* Each user gets one list of the largest K; smaller K score its prefix.
* The validation split is the same split applied to the training period alone
  (EvaluationRun does the same on the Swift side).

It also runs the all-time popularity baseline, whose row must equal the Swift
`popularity` row exactly: that is the check that both sides apply the same protocol.
Configuration, as implicit's documentation recommends for explicit-strength logs:
each user-item cell holds a confidence that grows with the interaction's
strength, 1 + alpha x weight (summed over repeats), not a binary 1 (a binary
matrix with implicit's default alpha = 1 gives observed cells no extra weight,
which is what this script did before 2026-11-30 and why its ALS row was far too
low). BPR uses the same matrix (it samples observed cells as positives). Both
run with a fixed seed and one thread (BPR's parallel SGD is not reproducible
otherwise). Hyperparameters are chosen like Reel's: on the validation split cut
from the training period (a small grid, best recall@20 + NDCG@20), then fitted
on the whole training period and scored once on the test split.
"""

import argparse
import math
import os
import subprocess
import sys
import time

# One BLAS thread: implicit warns otherwise, and timings stay comparable with Swift.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def ensure_implicit():
    try:
        import implicit  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "implicit"])


HEADER = ["user", "item", "timestamp", "weight"]


def read_events(path):
    """Rows as (user, item, timestamp, weight), in file order; raises on bad lines."""
    events = []
    with open(path, encoding="utf-8-sig") as handle:
        saw_header = False
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            fields = [field.strip() for field in line.split(",")]
            if not saw_header:
                if [field.lower() for field in fields] != HEADER:
                    raise ValueError(f"line {number}: expected header {','.join(HEADER)}")
                saw_header = True
                continue
            if len(fields) != 4:
                raise ValueError(f"line {number}: expected 4 fields, found {len(fields)}")
            weight = float(fields[3])
            if not math.isfinite(weight):
                raise ValueError(f"line {number}: weight is not finite")
            events.append((int(fields[0]), int(fields[1]), int(fields[2]), weight))
    if not saw_header:
        raise ValueError("empty input")
    return events


def time_split(events, train_fraction, positive_threshold, protocol="standard"):
    ordered = [events[i] for i in sorted(range(len(events)), key=lambda i: (events[i][2], i))]
    train_count = math.floor(len(ordered) * train_fraction)
    train, test = ordered[:train_count], ordered[train_count:]
    seen, popularity = {}, {}
    for user, item, _, _ in train:
        seen.setdefault(user, set()).add(item)
        popularity[item] = popularity.get(item, 0) + 1
    positives = {}
    for user, item, _, weight in test:
        relevant = item in popularity if protocol == "standard" else weight >= positive_threshold
        if relevant:
            positives.setdefault(user, set()).add(item)
    scored = []
    for user in sorted(positives):
        if user in seen:
            relevant = positives[user] - seen[user]
            if relevant:
                scored.append((user, seen[user], relevant))
    return train, test, scored, popularity


def recall(recommended, relevant, k):
    ideal = min(k, len(relevant))
    if ideal <= 0:
        return 0.0
    return sum(1 for item in recommended[:k] if item in relevant) / ideal


def ndcg(recommended, relevant, k):
    ideal = min(k, len(relevant))
    if ideal <= 0:
        return 0.0
    dcg = sum(1 / math.log2(p + 2) for p, item in enumerate(recommended[:k]) if item in relevant)
    return dcg / sum(1 / math.log2(p + 1) for p in range(1, ideal + 1))


def novelty(lists, popularity, total):
    slots = [-math.log2(max(popularity.get(item, 0), 1) / max(total, 1)) for items in lists for item in items]
    return sum(slots) / len(slots) if slots else 0.0


class Popularity:
    name = "popularity (python)"

    def fit(self, train, matrix, items):
        counts = {}
        for _, item, _, _ in train:
            counts[item] = counts.get(item, 0) + 1
        self.ranking = sorted(counts, key=lambda item: (-counts[item], item))

    def recommend_all(self, scored, user_index, matrix, items, k):
        lists = []
        for _, seen, _ in scored:
            lists.append([item for item in self.ranking if item not in seen][:k])
        return lists


class ImplicitModel:
    def __init__(self, name, factory, settings=""):
        self.name = name
        self.factory = factory
        self.settings = settings

    def fit(self, train, matrix, items):
        self.model = self.factory()
        self.model.fit(matrix, show_progress=False)

    def recommend_all(self, scored, user_index, matrix, items, k):
        import numpy as np

        rows = np.array([user_index[user] for user, _, _ in scored])
        ids, _ = self.model.recommend(rows, matrix[rows], N=k, filter_already_liked_items=True)
        return [[items[i] for i in row if i >= 0] for row in ids]


ALS_GRID = [dict(factors=f, regularization=r, iterations=i, alpha=a)
            for f in (32, 64, 128) for r in (0.01, 1.0) for i in (15,) for a in (1.0, 4.0, 16.0, 40.0)]
BPR_GRID = [dict(factors=f, learning_rate=lr, regularization=r, iterations=i)
            for f in (64, 128) for lr in (0.005, 0.01, 0.05) for r in (0.01,) for i in (100, 300)]


def build(train, alpha):
    """Users, items and the CSR confidence matrix 1 + alpha x weight (summed over repeats)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    users = sorted({user for user, _, _, _ in train})
    items = sorted({item for _, item, _, _ in train})
    user_index = {user: i for i, user in enumerate(users)}
    item_index = {item: i for i, item in enumerate(items)}
    cells = {}
    for user, item, _, weight in train:
        key = (user_index[user], item_index[item])
        cells[key] = cells.get(key, 0.0) + 1.0 + alpha * max(weight, 0.0)
    keys = sorted(cells)
    matrix = csr_matrix(
        (np.array([cells[k] for k in keys], dtype=np.float32), ([k[0] for k in keys], [k[1] for k in keys])),
        shape=(len(users), len(items)),
    )
    return users, items, user_index, matrix


def evaluate(model, train, scored, popularity, cutoffs, alpha):
    """Fits `model` on `train` and returns one metrics tuple per cutoff."""
    users, items, user_index, matrix = build(train, alpha)
    start = time.perf_counter()
    model.fit(train, matrix, items)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    lists = model.recommend_all(scored, user_index, matrix, items, max(cutoffs))
    recommend_seconds = time.perf_counter() - start
    rows = {}
    for k in cutoffs:
        prefixes = [items_[:k] for items_ in lists]
        distinct = len({item for items_ in prefixes for item in items_})
        rows[k] = (
            model.name + model.settings,
            sum(recall(p, rel, k) for p, (_, _, rel) in zip(prefixes, scored)) / max(len(scored), 1),
            sum(ndcg(p, rel, k) for p, (_, _, rel) in zip(prefixes, scored)) / max(len(scored), 1),
            distinct / len(items) if items else 0.0,
            novelty(prefixes, popularity, len(train)),
            distinct, len(scored), fit_seconds, recommend_seconds,
        )
    return rows


def models(params_als, params_bpr):
    from implicit.als import AlternatingLeastSquares
    from implicit.bpr import BayesianPersonalizedRanking

    als = {k: v for k, v in params_als.items() if k != "alpha"}
    return [
        ImplicitModel("implicit-als", lambda: AlternatingLeastSquares(random_state=42, num_threads=1, **als),
                      " (" + ", ".join(f"{k}={v}" for k, v in params_als.items()) + ")"),
        ImplicitModel("implicit-bpr", lambda: BayesianPersonalizedRanking(random_state=42, num_threads=1, **params_bpr),
                      " (" + ", ".join(f"{k}={v}" for k, v in params_bpr.items()) + ")"),
    ]


def print_table(k, rows):
    print()
    print(f"| recommender | recall@{k} | NDCG@{k} | coverage@{k} | novelty@{k} (bits) | distinct items | users scored | fit (s) | recommend (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rec, gain, cov, nov, distinct, scored_count, fit_s, rec_s in rows:
        print(f"| {name} | {rec:.4f} | {gain:.4f} | {cov:.4f} | {nov:.2f} | {distinct} | {scored_count} | {fit_s:.3f} | {rec_s:.3f} |")


def describe(events, train, test, scored, items, args):
    relevant = ("every test interaction on an item seen in training" if args.protocol == "standard"
                else f"test weight ≥ {args.positive_threshold:.1f}, cold items included")
    return (f"Time split: {len(events)} events, first {args.train_fraction * 100:.0f} % ({len(train)}) for training, "
            f"{len(test)} for test; {len({u for u, _, _, _ in train})} training users, {len(items)} training items; "
            f"{len(scored)} users scored ({args.protocol} protocol: relevant = {relevant}; training items excluded).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events")
    parser.add_argument("--k", default="10,20")
    parser.add_argument("--train-fraction", type=float, default=0.8)
    parser.add_argument("--positive-threshold", type=float, default=7.0)
    parser.add_argument("--protocol", choices=["standard", "strict"], default="standard")
    args = parser.parse_args()
    cutoffs = sorted({int(k) for k in args.k.split(",")})

    ensure_implicit()
    import implicit

    events = read_events(args.events)
    split = lambda log: time_split(log, args.train_fraction, args.positive_threshold, args.protocol)
    full = split(events)
    validation = split(full[0])

    # Tuning on the validation split only.
    v_train, v_test, v_scored, v_popularity = validation
    tune_k = 20 if 20 in cutoffs else max(cutoffs)
    best = {}
    tables = {"implicit-als": [], "implicit-bpr": []}
    for name, grid in (("implicit-als", ALS_GRID), ("implicit-bpr", BPR_GRID)):
        for params in grid:
            als_params = params if name == "implicit-als" else ALS_GRID[0]
            bpr_params = params if name == "implicit-bpr" else BPR_GRID[0]
            model = [m for m in models(als_params, bpr_params) if m.name == name][0]
            row = evaluate(model, v_train, v_scored, v_popularity, [tune_k], params.get("alpha", 1.0))[tune_k]
            tables[name].append(row)
            if name not in best or row[1] + row[2] > best[name][0]:
                best[name] = (row[1] + row[2], params)
    als_params, bpr_params = best["implicit-als"][1], best["implicit-bpr"][1]

    print(f"implicit {implicit.__version__}, random_state=42, 1 thread; confidence = 1 + alpha × weight.")
    print()
    print("Tuning on the validation split: " + describe(full[0], v_train, v_test, v_scored, v_popularity, args)
          + f" Grid: {len(ALS_GRID)} ALS and {len(BPR_GRID)} BPR settings; the best 5 of each by recall@{tune_k} + NDCG@{tune_k}:")
    for name in tables:
        print_table(tune_k, sorted(tables[name], key=lambda r: -(r[1] + r[2]))[:5])
    print()
    print("Validation split, chosen settings:")
    rows = {k: [] for k in [tune_k]}
    for model in [Popularity()] + models(als_params, bpr_params):
        model.settings = getattr(model, "settings", "")
        alpha = als_params["alpha"] if model.name == "implicit-als" else 1.0
        rows[tune_k].append(evaluate(model, v_train, v_scored, v_popularity, [tune_k], alpha)[tune_k])
    print_table(tune_k, rows[tune_k])

    train, test, scored, popularity = full
    print()
    print("Test split, measured once with the settings chosen on validation: "
          + describe(events, train, test, scored, popularity, args))
    rows = {k: [] for k in cutoffs}
    for model in [Popularity()] + models(als_params, bpr_params):
        model.settings = getattr(model, "settings", "")
        alpha = als_params["alpha"] if model.name == "implicit-als" else 1.0
        for k, row in evaluate(model, train, scored, popularity, cutoffs, alpha).items():
            rows[k].append(row)
    for k in cutoffs:
        print_table(k, rows[k])


if __name__ == "__main__":
    main()
