#ifndef REEL_KERNELS_H
#define REEL_KERNELS_H

// Vector kernels for ReelRank compiled for AVX2 + FMA and chosen at run time.
//
// Swift has no per-function target attributes, so ReelRank's own SIMD code is compiled for the
// baseline of its platform (SSE2 on x86-64): 4-lane multiplies and adds, no fused multiply-add.
// These functions carry `__attribute__((target("avx2,fma")))` instead, so they use 8-lane FMA on
// CPUs that have it while the rest of the binary still runs on any x86-64. ReelRank calls them
// only when `reel_kernels_have_avx2_fma()` says the CPU (and the OS, for the YMM registers)
// supports both extensions; otherwise it uses its baseline Swift kernels. Same results within
// float rounding: the sums are associated differently and FMA rounds once per lane step.
//
// Shapes: `n` floats per vector, any n >= 0, no alignment required (unaligned loads).

/// 1 when the CPU and OS support AVX2 and FMA (CPUID leaf 1 ECX bits 12, 27, 28; leaf 7 EBX
/// bit 5; XGETBV XCR0 bits 1–2), else 0; set once when the program is loaded. Always 0 off x86-64,
/// and 0 when the environment variable REEL_VECTOR_KERNELS is `baseline` at start-up.
/// Intel 64 and IA-32 Architectures Software Developer's Manual, vol. 1 §14.3 ("Detection of
/// Intel AVX instructions") and §14.5.3 (FMA).
extern int reel_kernels_avx2_fma_supported;

/// Whether the AVX2 + FMA kernels below may be called on this CPU (1) or not (0).
static inline int reel_kernels_have_avx2_fma(void) { return reel_kernels_avx2_fma_supported; }

/// Inner product of `a[0..<n]` and `b[0..<n]`: 16 lanes per step in two 8-lane FMA chains, then a
/// scalar tail. O(n). Call only when `reel_kernels_have_avx2_fma()` is 1.
float reel_dot_avx2_fma(const float *a, const float *b, long n);

/// `y[i] += alpha × x[i]` for i in 0..<n (BLAS saxpy), 8 lanes per FMA, then a scalar tail. O(n).
/// Call only when `reel_kernels_have_avx2_fma()` is 1.
void reel_axpy_avx2_fma(float alpha, const float *x, float *y, long n);

#endif
