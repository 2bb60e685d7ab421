/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors (Arm ARM D1.10.2): 16 entries of 0x80 bytes.
 * For now every exception taken by the hypervisor is reported by
 * arch_hyp_fault(); guest exits arrive with the VM work.
 */
	.macro	vector_entry, kind
	.balign	0x80
	stp	x29, x30, [sp, #-16]!
	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	arch_hyp_fault
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	el2_vectors
el2_vectors:
	.irp	kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector_entry \kind
	.endr
