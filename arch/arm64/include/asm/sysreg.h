/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <shyper/types.h>

#define read_sysreg(reg)                                         \
	({                                                       \
		u64 __val;                                       \
		__asm__ volatile("mrs %0, " #reg : "=r"(__val)); \
		__val;                                           \
	})

#define write_sysreg(val, reg) __asm__ volatile("msr " #reg ", %0" : : "r"((u64)(val)) : "memory")

#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")

/* MPIDR_EL1 affinity fields Aff3..Aff0, as they appear in a CPU node's reg. */
#define MPIDR_HWID_MASK 0xff00ffffffULL

/* HCR_EL2.IMO: physical IRQs to EL2 (Arm ARM D17.2.48); gic.c and vm.c set it. */
#define HCR_IMO (1ULL << 4)

#endif
