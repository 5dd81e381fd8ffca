#!/usr/bin/env python3
"""Peer baselines for `reel eval`: implicit's ALS and BPR on the same time split.

Usage:
    python3 Benchmarks/Eval/implicit_peer.py EVENTS.csv [--k 10,20]
        [--train-fraction 0.8] [--positive-threshold 7] [--validation]

Installs `implicit` from PyPI with pip if it is missing, then re-implements the
protocol and metrics of Sources/ReelRank/Evaluation (TimeSplit, EvaluationMetrics,
Evaluator) line for line, so its numbers are comparable with `reel eval`:

* CSV `user,item,timestamp,weight` with that header (InteractionCSV).
* Events sorted by (timestamp, input position); the first floor(n * fraction)
  train, the rest test (TimeSplit.split).
* Scored users: at least one training interaction and at least one test
  interaction with weight >= threshold on an item not seen in training.
  Relevant = those items (cold items included); every training item of the user
  is excluded from their list and their relevant set.
* recall@K = hits / min(K, |relevant|); NDCG@K with binary gains and 1/log2(p+1);
  coverage = distinct recommended items / distinct training items; novelty =
  mean over all recommended slots of -log2(max(count, 1) / training rows).
* Each user gets one list of the largest K; smaller K score its prefix.
* With --validation, the same split is applied to the training period alone
  (RankBench eval ... validation does the same on the Swift side).

It also runs the all-time popularity baseline, whose row must equal the Swift
`popularity` row exactly: that is the check that both sides apply the same protocol.
The training matrix for ALS and BPR is binary (1 per distinct user-item pair of
training, any weight), as for the Swift item-kNN. Hyperparameters are implicit's
defaults with a fixed seed and one thread (BPR's parallel SGD is not
reproducible otherwise); they were not tuned on the test period.
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


def time_split(events, train_fraction, positive_threshold):
    ordered = [events[i] for i in sorted(range(len(events)), key=lambda i: (events[i][2], i))]
    train_count = math.floor(len(ordered) * train_fraction)
    train, test = ordered[:train_count], ordered[train_count:]
    seen, popularity = {}, {}
    for user, item, _, _ in train:
        seen.setdefault(user, set()).add(item)
        popularity[item] = popularity.get(item, 0) + 1
    positives = {}
    for user, item, _, weight in test:
        if weight >= positive_threshold:
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
    def __init__(self, name, factory):
        self.name = name
        self.factory = factory

    def fit(self, train, matrix, items):
        self.model = self.factory()
        self.model.fit(matrix, show_progress=False)

    def recommend_all(self, scored, user_index, matrix, items, k):
        import numpy as np

        rows = np.array([user_index[user] for user, _, _ in scored])
        ids, _ = self.model.recommend(rows, matrix[rows], N=k, filter_already_liked_items=True)
        return [[items[i] for i in row if i >= 0] for row in ids]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events")
    parser.add_argument("--k", default="10,20")
    parser.add_argument("--train-fraction", type=float, default=0.8)
    parser.add_argument("--positive-threshold", type=float, default=7.0)
    parser.add_argument("--validation", action="store_true",
                        help="split the training period alone (its first part trains, its last part validates)")
    args = parser.parse_args()
    cutoffs = sorted({int(k) for k in args.k.split(",")})

    ensure_implicit()
    import implicit
    import numpy as np
    from implicit.als import AlternatingLeastSquares
    from implicit.bpr import BayesianPersonalizedRanking
    from scipy.sparse import csr_matrix

    events = read_events(args.events)
    if args.validation:
        events = time_split(events, args.train_fraction, args.positive_threshold)[0]
    train, test, scored, popularity = time_split(events, args.train_fraction, args.positive_threshold)
    users = sorted({user for user, _, _, _ in train})
    items = sorted(popularity)
    user_index = {user: i for i, user in enumerate(users)}
    item_index = {item: i for i, item in enumerate(items)}
    pairs = sorted({(user_index[u], item_index[i]) for u, i, _, _ in train})
    matrix = csr_matrix(
        (np.ones(len(pairs), dtype=np.float32), ([p[0] for p in pairs], [p[1] for p in pairs])),
        shape=(len(users), len(items)),
    )

    models = [
        Popularity(),
        ImplicitModel("implicit-als", lambda: AlternatingLeastSquares(random_state=42, num_threads=1)),
        ImplicitModel("implicit-bpr", lambda: BayesianPersonalizedRanking(random_state=42, num_threads=1)),
    ]
    rows = {k: [] for k in cutoffs}
    for model in models:
        start = time.perf_counter()
        model.fit(train, matrix, items)
        fit_seconds = time.perf_counter() - start
        start = time.perf_counter()
        lists = model.recommend_all(scored, user_index, matrix, items, max(cutoffs))
        recommend_seconds = time.perf_counter() - start
        for k in cutoffs:
            prefixes = [items_[:k] for items_ in lists]
            distinct = len({item for items_ in prefixes for item in items_})
            rows[k].append((
                model.name,
                sum(recall(p, rel, k) for p, (_, _, rel) in zip(prefixes, scored)) / max(len(scored), 1),
                sum(ndcg(p, rel, k) for p, (_, _, rel) in zip(prefixes, scored)) / max(len(scored), 1),
                distinct / len(items) if items else 0.0,
                novelty(prefixes, popularity, len(train)),
                distinct, len(scored), fit_seconds, recommend_seconds,
            ))

    print(
        f"Time split: {len(events)} events, first {args.train_fraction * 100:.0f} % ({len(train)}) for training, "
        f"{len(test)} for test; {len(users)} training users, {len(items)} training items; "
        f"{len(scored)} users scored (relevant = test weight ≥ {args.positive_threshold:.1f}, training items excluded). "
        f"implicit {implicit.__version__}, defaults, random_state=42, 1 thread."
    )
    for k in cutoffs:
        print()
        print(f"| recommender | recall@{k} | NDCG@{k} | coverage@{k} | novelty@{k} (bits) | distinct items | users scored | fit (s) | recommend (s) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, rec, gain, cov, nov, distinct, scored_count, fit_s, rec_s in rows[k]:
            print(f"| {name} | {rec:.4f} | {gain:.4f} | {cov:.4f} | {nov:.2f} | {distinct} | {scored_count} | {fit_s:.3f} | {rec_s:.3f} |")


if __name__ == "__main__":
    main()
