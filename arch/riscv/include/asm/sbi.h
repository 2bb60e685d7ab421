/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#include <shyper/types.h>

/* SBI v2.0, chapter 9 (Hart State Management extension). */
#define SBI_EXT_HSM 0x48534dUL
#define SBI_HSM_HART_START 0

struct sbi_ret {
	long error;
	long value;
};

/* An SBI call (SBI spec 3, binary encoding): EID in a7, FID in a6. */
static inline struct sbi_ret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
				       unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (struct sbi_ret){(long)r0, (long)r1};
}

#endif
