/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <shyper/types.h>

enum cpu_enable_method {
	CPU_ENABLE_NONE,
	CPU_ENABLE_PSCI,
	CPU_ENABLE_SPIN_TABLE,
};

/**
 * struct cpu_arch - arm64 part of struct cpu
 * @enable: how the CPU is released (the node's enable-method)
 * @release_addr: cpu-release-addr for spin-table
 */
struct cpu_arch {
	enum cpu_enable_method enable;
	paddr_t release_addr;
};

struct cpu;

static inline struct cpu *cpu_current(void)
{
	struct cpu *cpu;

	__asm__ volatile("mrs %0, tpidr_el2" : "=r"(cpu));
	return cpu;
}

#endif
