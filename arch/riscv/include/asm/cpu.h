/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure data: also compiled into the host tools (tools/, tests/unit). */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <shyper/types.h>

/**
 * struct cpu_arch - riscv part of struct cpu
 * @has_sstc: the hart implements Sstc (stimecmp/vstimecmp)
 * @waiting: the hart sleeps in cpu_arch_wait(): wake it with an IPI
 */
struct cpu_arch {
	bool has_sstc;
	bool waiting;
};

#endif
