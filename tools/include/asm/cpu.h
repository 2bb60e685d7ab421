/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The offline checker reads arm64 and riscv boards in one binary: its
 * struct cpu_arch holds the fields of both architectures' own headers
 * (arch/arm64/include/asm/cpu.h, arch/riscv/include/asm/cpu.h), so both
 * arch/<arch>/cpu_dt.c files compile against it unchanged.
 */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <shyper/types.h>

enum cpu_enable_method {
	CPU_ENABLE_NONE,
	CPU_ENABLE_PSCI,
	CPU_ENABLE_SPIN_TABLE,
};

/**
 * struct cpu_arch - union of the arm64 and riscv CPU fields
 * @riscv: the node is a riscv hart (chosen from its compatible)
 */
struct cpu_arch {
	bool riscv;
	enum cpu_enable_method enable;
	paddr_t release_addr;
	bool has_sstc;
};

#endif
