/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

struct vcpu;
struct vcpu_regs;

/**
 * psci_handle_call() - answer a guest HVC/SMC: PSCI 1.1 (DEN 0022) and
 * SMCCC 1.1 (DEN 0028) discovery; function id in x0, result in x0.
 */
void psci_handle_call(struct vcpu *vcpu, struct vcpu_regs *regs);

#endif
