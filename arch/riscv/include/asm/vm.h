/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_VM_H
#define ASM_VM_H

#include <shyper/types.h>

/* Guest support on riscv (G-stage, vCPU state) arrives with its own work. */
struct vcpu_arch {
	u64 unused;
};

struct vm_arch {
	u64 unused;
};

#endif
