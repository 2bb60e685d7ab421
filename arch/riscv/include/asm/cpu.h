/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure data: also compiled into the host tools (tools/, tests/unit). */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <shyper/types.h>

/**
 * struct cpu_arch - riscv part of struct cpu
 * @has_sstc: the hart implements Sstc (stimecmp/vstimecmp)
 * @waiting: the hart sleeps in cpu_arch_wait(): wake it with an IPI
 * @guest_timer: without Sstc, the guest's SBI timer deadline (~0: none)
 * @hyp_timer: the hypervisor's own deadline (timer_arch_hyp_arm(), ~0: none)
 */
struct cpu_arch {
	bool has_sstc;
	bool waiting;
	u64 guest_timer;
	u64 hyp_timer;
};

#endif
