/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_VM_H
#define ASM_VM_H

#include <shyper/types.h>
#include <asm/vgic.h>

/**
 * struct vcpu_regs - guest registers saved on the EL2 stack at each exit
 * (arch/arm64/entry.S); the layout is used by the assembly.
 */
struct vcpu_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

/**
 * struct vcpu_arch - arm64 part of struct vcpu
 * @regs: the frame of the current exit (valid inside exit handlers)
 * @reset_regs: registers the next entry starts with
 * @vgic: virtual CPU interface state
 */
struct vcpu_arch {
	struct vcpu_regs *regs;
	struct vcpu_regs start;
	struct vgic_cpu vgic;
};

/**
 * struct vm_arch - arm64 part of struct vm
 * @s2_root: stage-2 translation table root (host physical)
 * @vtcr: VTCR_EL2 value shared by every VM (same IPA size)
 * @vgic: virtual distributor state
 */
struct vm_arch {
	paddr_t s2_root;
	u64 vtcr;
	struct vgic_dist vgic;
};

struct vm;

/** stage2_init() - empty stage-2 tables and VTCR_EL2 for @vm. */
int stage2_init(struct vm *vm);

#endif
