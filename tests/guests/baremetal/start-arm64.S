/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bare-metal test guest, AArch64 EL1. Entered with the DTB in x0, MMU off.
 * Everything is PC-relative, so it runs wherever the hypervisor loads it.
 */
#include "frame-arm64.S.inc"

	.section .text.start, "ax"
	.globl	_start
_start:
	adrp	x2, stack_top
	add	x2, x2, :lo12:stack_top
	mov	sp, x2
	adrp	x2, vectors
	add	x2, x2, :lo12:vectors
	msr	vbar_el1, x2
	isb
	bl	guest_main
1:	wfi
	b	1b

/*
 * Secondary vCPUs (PSCI CPU_ON, x0 = context = the index vCPU 0 chose):
 * one 4 KiB stack per index, guest_secondary(index, MPIDR_EL1), stop.
 */
	.globl	secondary_entry
secondary_entry:
	adrp	x2, stacks
	add	x2, x2, :lo12:stacks
	add	x1, x0, #1
	lsl	x1, x1, #12
	add	sp, x2, x1
	mrs	x1, mpidr_el1
	bl	guest_secondary
	b	1b

/* EL1 vectors: only "current EL with SP_ELx, synchronous" is expected. */
	.balign	0x800
vectors:
	.rept	4
	.balign	0x80
	b	unexpected
	.endr
	.balign	0x80
	b	sync_el1
	.rept	11
	.balign	0x80
	b	unexpected
	.endr

sync_el1:
	save_caller_regs
	mrs	x0, esr_el1
	mrs	x1, far_el1
	bl	guest_abort
	mrs	x0, elr_el1
	add	x0, x0, #4		/* skip the faulting store */
	msr	elr_el1, x0
	restore_caller_regs
	eret

unexpected:
	bl	guest_unexpected
1:	wfi
	b	1b

	.section .bss, "aw", %nobits
	.balign	16
	.space	8192
stack_top:
stacks:
	.space	4096 * 32
