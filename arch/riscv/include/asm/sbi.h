/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SBI (RISC-V Supervisor Binary Interface v2.0): the calls Shyper makes to
 * the firmware, and the extension ids and error codes it answers guests
 * with (arch/riscv/sbi_guest.c).
 */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#include <shyper/types.h>

/* Legacy extensions (chapter 5), each its own EID. */
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
#define SBI_EXT_LEGACY_LAST 0x0f

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45UL
#define SBI_EXT_IPI 0x735049UL
#define SBI_EXT_RFENCE 0x52464e43UL
#define SBI_EXT_HSM 0x48534dUL
#define SBI_EXT_SRST 0x53525354UL
#define SBI_EXT_DBCN 0x4442434eUL

/* Function ids. */
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID 1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT 3
#define SBI_BASE_GET_MVENDORID 4
#define SBI_BASE_GET_MARCHID 5
#define SBI_BASE_GET_MIMPID 6
#define SBI_TIME_SET_TIMER 0
#define SBI_IPI_SEND_IPI 0
#define SBI_RFENCE_FENCE_I 0
#define SBI_RFENCE_SFENCE_VMA 1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_HSM_HART_SUSPEND 3
#define SBI_SRST_RESET 0
#define SBI_DBCN_WRITE 0
#define SBI_DBCN_READ 1
#define SBI_DBCN_WRITE_BYTE 2

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1
#define SBI_HSM_START_PENDING 2
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_REASON_SYSFAIL 1 /* reset_reason "system failure" (SBI 10.1) */

/* Standard error codes (3.2). */
#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_DENIED -4
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6

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

/** sbi_send_ipi() - a supervisor software interrupt to hart @hartid. */
static inline void sbi_send_ipi(u64 hartid)
{
	sbi_ecall(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1, hartid, 0);
}

/** sbi_set_timer() - the host timer of this hart fires at @when (STIP). */
static inline void sbi_set_timer(u64 when)
{
	sbi_ecall(SBI_EXT_TIME, SBI_TIME_SET_TIMER, when, 0, 0);
}

struct vm;

/**
 * sbi_hart_mask() - the vCPUs of @vm named by an SBI hart mask (SBI 3.1:
 * @mask of harts from @base; @base -1 names every hart), as a bitmap of
 * vCPU ids in @out
 * Return: false when the mask names a hart the VM lacks, or wraps.
 */
bool sbi_hart_mask(const struct vm *vm, u64 mask, u64 base, u64 *out);

#endif
