/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_SMCCC_H
#define ASM_SMCCC_H

#include <shyper/types.h>

/*
 * A fast SMC call (SMCCC v1.1, DEN 0028): function id and up to three
 * arguments in, result in x0. At EL2 firmware is reached only by SMC: an
 * HVC would trap to Shyper itself.
 */
static inline u64 smccc_smc(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	return x0;
}

#endif
