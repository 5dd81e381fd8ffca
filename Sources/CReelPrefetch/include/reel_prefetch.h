#ifndef REEL_PREFETCH_H
#define REEL_PREFETCH_H

#include <stddef.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/// Hints the CPU to bring the cache line at `address` into all cache levels ahead of a read
/// (GCC/Clang `__builtin_prefetch`, read access, high temporal locality). Swift has no
/// prefetch intrinsic; HNSW search uses this to overlap the memory latency of the next
/// neighbour's vector and visited mark with the current distance computation, as hnswlib does
/// with `_mm_prefetch`. A hint only: it never faults, even for an address past the end.
static inline void reel_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Asks the kernel to back `length` bytes at `address` (2 MiB aligned) with transparent huge
/// pages (Linux `madvise(MADV_HUGEPAGE)`, honoured when
/// /sys/kernel/mm/transparent_hugepage/enabled is `always` or `madvise`): a search touching
/// random nodes of a large index then misses the TLB far less often. A hint only: a no-op where
/// it is not supported, and failures are ignored.
static inline void reel_advise_huge_pages(void *address, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    (void)madvise(address, length, MADV_HUGEPAGE);
#else
    (void)address;
    (void)length;
#endif
}

#endif
