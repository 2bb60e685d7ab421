/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <shyper/types.h>

#define CSR_HGATP 0x680

/* hgatp (RISC-V privileged spec, H extension, hgatp register). */
#define HGATP_MODE_SHIFT 60
#define HGATP_MODE_SV39X4 8ULL
#define HGATP_MODE_SV48X4 9ULL
#define HGATP_MODE_SV57X4 10ULL
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK 0x3fffULL

/* Expand CSR_* names to numbers before they reach the assembler. */
#define __csr_str(csr) #csr

#define csr_read(csr)                                                               \
	({                                                                          \
		unsigned long __v;                                                  \
		__asm__ volatile("csrr %0, " __csr_str(csr) : "=r"(__v)::"memory"); \
		__v;                                                                \
	})

#define csr_write(csr, val) \
	__asm__ volatile("csrw " __csr_str(csr) ", %0" ::"rK"((unsigned long)(val)) : "memory")

#endif
