"""implicit's ALS on the time split RankBench wrote (same factors, regularisation, confidence, one thread).

Usage: python3 als_peer.py DIR EPOCHS  -> one Markdown table row on stdout.
Confidence: implicit (>= 0.5) uses the matrix values as confidence, so values are 1 + alpha * weight,
matching ReelRank's c = 1 + alpha * strength with alpha = 10.
"""
import os
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def ensure(package):
    try:
        __import__(package)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", package])


for p in ("numpy", "scipy", "implicit"):
    ensure(p)
import implicit  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402

directory, epochs = sys.argv[1], int(sys.argv[2])
train = np.loadtxt(f"{directory}/als_train.csv", delimiter=",", skiprows=1, ndmin=2)
users, items, weights = train[:, 0].astype(int), train[:, 1].astype(int), train[:, 2]
shape = (users.max() + 1, items.max() + 1)
# Duplicates are summed, as ReelRank's FeedbackMatrix does, before confidence is applied.
strength = sp.csr_matrix((weights, (users, items)), shape=shape)
strength.sum_duplicates()
confidence = strength.copy()
confidence.data = 1 + 10 * confidence.data

model = AlternatingLeastSquares(factors=32, regularization=0.1, iterations=1, use_cg=True,
                                calculate_training_loss=False, num_threads=1, random_state=1)
times = []
for epoch in range(epochs):
    start = time.perf_counter()
    if epoch == 0:
        model.fit(confidence, show_progress=False)
    else:
        model.iterations = 1
        # Warm start: implicit keeps factors when they exist and the shape matches.
        model.fit(confidence, show_progress=False)
    times.append(time.perf_counter() - start)

relevant = {}
for line in open(f"{directory}/als_scored.csv").read().splitlines()[1:]:
    u, i = map(int, line.split(","))
    relevant.setdefault(u, set()).add(i)
recall = 0.0
for u, rel in relevant.items():
    ids, _ = model.recommend(u, strength[u], N=20, filter_already_liked_items=True)
    recall += len(set(ids.tolist()) & rel) / min(20, len(rel))
recall /= len(relevant)
print(f"| implicit {implicit.__version__} ALS (CG, 1 thread) | 32 | {epochs} | {1000 * sum(times) / len(times):.1f} | {recall:.4f} |")
