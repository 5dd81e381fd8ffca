#ifndef REEL_PREFETCH_H
#define REEL_PREFETCH_H

/// Hints the CPU to bring the cache line at `address` into all cache levels ahead of a read
/// (GCC/Clang `__builtin_prefetch`, read access, high temporal locality). Swift has no
/// prefetch intrinsic; HNSW search uses this to overlap the memory latency of the next
/// neighbour's vector and visited mark with the current distance computation, as hnswlib does
/// with `_mm_prefetch`. A hint only: it never faults, even for an address past the end.
static inline void reel_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
