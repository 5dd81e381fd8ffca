"""hnswlib on the exact vectors, queries and ground truth that RankBench wrote (same M, efConstruction, ef, one thread),
then both libraries side by side with their ratios.

Usage: python3 ann_peer.py DIR DIM  -> a Markdown table on stdout.
Timings are CPU seconds of this process (time.process_time) as well as wall seconds: the machine is shared, and CPU
time does not count the time a pinned single-threaded run waits for its core. RankBench measures the same way.
"""
import sys
import time
from importlib.metadata import version

import hnswlib
import numpy as np

directory, dim = sys.argv[1], int(sys.argv[2])
vectors = np.fromfile(f"{directory}/vectors.f32", dtype="<f4").reshape(-1, dim)
queries = np.fromfile(f"{directory}/queries.f32", dtype="<f4").reshape(-1, dim)
truth = np.fromfile(f"{directory}/truth.i32", dtype="<i4").reshape(-1, 10)


def measure(body):
    cpu, wall = time.process_time(), time.perf_counter()
    body()
    return time.process_time() - cpu, time.perf_counter() - wall


index = hnswlib.Index(space="ip", dim=dim)
index.init_index(max_elements=len(vectors), M=16, ef_construction=100, random_seed=7)
index.set_num_threads(1)
build_cpu, build_wall = measure(lambda: index.add_items(vectors, np.arange(len(vectors)), num_threads=1))
peer = {}
for ef in (16, 32, 64, 128):
    index.set_ef(ef)
    for q in queries[:100]:
        index.knn_query(q, k=10, num_threads=1)
    found = []
    # One query per call, like a serving request, not a batched matrix call.
    cpu, wall = measure(lambda: found.extend(index.knn_query(q, k=10, num_threads=1)[0][0] for q in queries))
    hits = sum(len(set(f.tolist()) & set(t.tolist())) for f, t in zip(found, truth))
    peer[ef] = (len(queries) / cpu, len(queries) / wall, hits / (len(queries) * 10))

reel = {}
for line in open(f"{directory}/ann_reel.tsv"):
    kind, ef, bcpu, bwall, qcpu, qwall, recall = line.split("\t")
    reel[(kind, int(ef))] = (float(bcpu), float(bwall), float(qcpu), float(qwall), float(recall))

name = f"hnswlib {version('hnswlib')} (Python)"
print(f"Build: ReelRank {reel[('hnsw', 16)][0]:.1f} CPU s ({reel[('hnsw', 16)][1]:.1f} s wall), {name} {build_cpu:.1f} CPU s "
      f"({build_wall:.1f} s wall): **{reel[('hnsw', 16)][0] / build_cpu:.2f}× hnswlib's build time** (target ≤ 1.5×). "
      f"Exact scan: {reel[('exact', 0)][2]:.0f} queries per CPU second.")
print()
print("| ef | ReelRank queries/CPU s | hnswlib queries/CPU s | **ratio** | ReelRank queries/s (wall) | hnswlib queries/s (wall) | ReelRank recall@10 | hnswlib recall@10 |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for ef in (16, 32, 64, 128):
    _, _, rq, rw, rr = reel[("hnsw", ef)]
    pq, pw, pr = peer[ef]
    print(f"| {ef} | {rq:.0f} | {pq:.0f} | **{rq / pq:.2f}×** | {rw:.0f} | {pw:.0f} | {rr:.3f} | {pr:.3f} |")
