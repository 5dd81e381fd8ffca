"""hnswlib on the exact vectors, queries and ground truth that RankBench wrote (same M, efConstruction, ef, one thread).

Usage: python3 ann_peer.py DIR DIM  -> Markdown table rows on stdout.
"""
import subprocess
import sys
import time


def ensure(package):
    try:
        __import__(package)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", package])


ensure("numpy")
ensure("hnswlib")
import hnswlib  # noqa: E402
import numpy as np  # noqa: E402
from importlib.metadata import version  # noqa: E402

directory, dim = sys.argv[1], int(sys.argv[2])
vectors = np.fromfile(f"{directory}/vectors.f32", dtype="<f4").reshape(-1, dim)
queries = np.fromfile(f"{directory}/queries.f32", dtype="<f4").reshape(-1, dim)
truth = np.fromfile(f"{directory}/truth.i32", dtype="<i4").reshape(-1, 10)

index = hnswlib.Index(space="ip", dim=dim)
index.init_index(max_elements=len(vectors), M=16, ef_construction=100, random_seed=7)
index.set_num_threads(1)
start = time.perf_counter()
index.add_items(vectors, np.arange(len(vectors)), num_threads=1)
build = time.perf_counter() - start
for ef in (32, 64, 128):
    index.set_ef(ef)
    hits = 0
    start = time.perf_counter()
    # One query per call, like a serving request, not a batched matrix call.
    for n, q in enumerate(queries):
        labels, _ = index.knn_query(q, k=10, num_threads=1)
        hits += len(set(labels[0].tolist()) & set(truth[n].tolist()))
    seconds = time.perf_counter() - start
    print(f"| hnswlib {version('hnswlib')} (Python) | {ef} | {build:.1f} | {int(len(queries) / seconds)} | {hits / (len(queries) * 10):.3f} |")
