// AVX2 + FMA kernels and their run-time detection; see include/reel_kernels.h.
#include "reel_kernels.h"

int reel_kernels_avx2_fma_supported = 0;

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

/// Reads CPUID and XCR0 once at load time (an ELF/Mach-O constructor). The environment variable
/// REEL_VECTOR_KERNELS=baseline keeps the baseline kernels (to compare both on one machine).
__attribute__((constructor)) static void reel_kernels_detect(void) {
    const char *forced = getenv("REEL_VECTOR_KERNELS");
    if (forced != NULL && strcmp(forced, "baseline") == 0) return;
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return;
    // The OS saves the XMM and YMM state on context switches (XCR0 bits 1 and 2).
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6u) != 6u) return;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return;
    if (!(ebx & (1u << 5))) return;
    reel_kernels_avx2_fma_supported = 1;
}

/// Sum of the 8 lanes of `v`.
__attribute__((target("avx2,fma"))) static inline float reel_sum8(__m256 v) {
    __m128 four = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    __m128 two = _mm_add_ps(four, _mm_movehl_ps(four, four));
    __m128 one = _mm_add_ss(two, _mm_movehdup_ps(two));
    return _mm_cvtss_f32(one);
}

__attribute__((target("avx2,fma"))) float reel_dot_avx2_fma(const float *a, const float *b, long n) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
    }
    if (i + 8 <= n) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        i += 8;
    }
    float sum = reel_sum8(_mm256_add_ps(acc0, acc1));
    for (; i < n; i++) sum += a[i] * b[i];
    return sum;
}

__attribute__((target("avx2,fma"))) void reel_axpy_avx2_fma(float alpha, const float *x, float *y, long n) {
    const __m256 va = _mm256_set1_ps(alpha);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    }
    for (; i < n; i++) y[i] += alpha * x[i];
}

#else
// Not x86-64: the flag stays 0 and ReelRank never calls these; plain loops keep the symbols defined.
float reel_dot_avx2_fma(const float *a, const float *b, long n) {
    float sum = 0;
    for (long i = 0; i < n; i++) sum += a[i] * b[i];
    return sum;
}

void reel_axpy_avx2_fma(float alpha, const float *x, float *y, long n) {
    for (long i = 0; i < n; i++) y[i] += alpha * x[i];
}
#endif
