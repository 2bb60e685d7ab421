/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Traps taken by the hypervisor itself. For now every trap is reported by
 * arch_hyp_fault(); guest exits arrive with the VM work.
 */
	.section .text, "ax"
	.balign	4
	.globl	hs_trap_entry
hs_trap_entry:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	arch_hyp_fault
1:	wfi
	j	1b

/* stack_reset_and_call(fn, arg, stack_top): restart on an empty stack. */
	.globl	stack_reset_and_call
stack_reset_and_call:
	mv	sp, a2
	mv	t0, a0
	mv	a0, a1
	jr	t0
