/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure data: also compiled into the host tools (tools/, tests/unit). */
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

#endif
