"""implicit's ALS on the time split RankBench wrote, then both side by side with their ratio.

Usage: python3 als_peer.py DIR EPOCHS  -> a Markdown table on stdout.
implicit runs as its documentation recommends: the matrix holds each cell's confidence, computed from the data
(1 + 10 × rating / 10, ReelRank's confidence), its default regularisation (0.01), conjugate gradient with its default
3 steps, 32 factors (ReelRank's), one thread (num_threads=1 and OPENBLAS_NUM_THREADS=1). One `fit` runs all epochs;
time per epoch = CPU seconds of this process / epochs (wall seconds too). RankBench measures the same way.
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import implicit  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402

directory, epochs = sys.argv[1], int(sys.argv[2])
train = np.loadtxt(f"{directory}/als_train.csv", delimiter=",", skiprows=1, ndmin=2)
users, items, weights = train[:, 0].astype(int), train[:, 1].astype(int), train[:, 2]
shape = (users.max() + 1, items.max() + 1)
# Duplicates are summed, as ReelRank's FeedbackMatrix does, before confidence is applied.
strength = sp.csr_matrix((weights, (users, items)), shape=shape, dtype=np.float32)
strength.sum_duplicates()
confidence = strength.copy()
confidence.data = 1 + 10 * confidence.data

model = AlternatingLeastSquares(factors=32, iterations=epochs, use_cg=True, calculate_training_loss=False,
                                num_threads=1, random_state=1)
cpu, wall = time.process_time(), time.perf_counter()
model.fit(confidence, show_progress=False)
cpu, wall = (time.process_time() - cpu) / epochs, (time.perf_counter() - wall) / epochs

relevant = {}
for line in open(f"{directory}/als_scored.csv").read().splitlines()[1:]:
    u, i = map(int, line.split(","))
    relevant.setdefault(u, set()).add(i)
recall = 0.0
for u, rel in relevant.items():
    ids, _ = model.recommend(u, strength[u], N=20, filter_already_liked_items=True)
    recall += len(set(ids.tolist()) & rel) / min(20, len(rel))
recall /= len(relevant)

reel_cpu, reel_wall, reel_recall = map(float, open(f"{directory}/als_reel.tsv").read().split("\t"))
print("| implementation | factors | epochs | ms per epoch (CPU) | ms per epoch (wall) | recall@20 |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| ReelRank ImplicitALS (CG, 1 thread) | 32 | {epochs} | {1000 * reel_cpu:.1f} | {1000 * reel_wall:.1f} | {reel_recall:.4f} |")
print(f"| implicit {implicit.__version__} ALS (CG, 1 thread) | 32 | {epochs} | {1000 * cpu:.1f} | {1000 * wall:.1f} | {recall:.4f} |")
print()
print(f"**ReelRank's epoch takes {reel_cpu / cpu:.2f}× implicit's CPU time** (target ≤ 1.0×; wall {reel_wall / wall:.2f}×), "
      f"recall@20 {reel_recall:.4f} against {recall:.4f}.")
