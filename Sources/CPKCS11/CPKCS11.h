// The PKCS#11 (Cryptoki) C API as Debian's libp11-kit-dev ships it: OASIS PKCS#11 v2.40 types,
// functions and constants, plus the v3.0 EdDSA mechanism numbers (CKM_EC_EDWARDS_KEY_PAIR_GEN,
// CKM_EDDSA, CKK_EC_EDWARDS). Only the header: no library is linked, ReelPKCS11 loads a module with
// dlopen at run time, so a process that never opens a token never maps one.
#ifndef REEL_CPKCS11_H
#define REEL_CPKCS11_H
#include <p11-kit-1/p11-kit/pkcs11.h>
#endif
