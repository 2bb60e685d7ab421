/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test guest's SBI calls (RISC-V SBI specification v2.0, chapter 3:
 * extension id in a7, function id in a6, arguments in a0-a5, error and
 * value back in a0 and a1), for every riscv64 mode of the payload.
 */
#ifndef SBI_RISCV64_H
#define SBI_RISCV64_H

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45UL
#define SBI_EXT_IPI 0x735049UL
#define SBI_EXT_RFENCE 0x52464e43UL
#define SBI_EXT_HSM 0x48534dUL
#define SBI_EXT_SRST 0x53525354UL
#define SBI_EXT_DBCN 0x4442434eUL

#define SBI_ERR_NOT_SUPPORTED (-2)
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
				     unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (struct sbiret){(long)r0, (long)r1};
}

#endif
