/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors (Arm ARM D1.10.2): 16 entries of 0x80 bytes.
 * Exceptions from the guest (lower EL, AArch64) save the guest's
 * registers as a struct vcpu_regs frame on this CPU's stack and call
 * arch_guest_exit(); everything else taken at EL2 is a hypervisor fault,
 * except IRQs while a CPU waits (arch_hyp_irq()).
 */
#include <asm/exit.h>

#define FRAME_SIZE (34 * 8)

/* Store or load x2..x29 of a struct vcpu_regs frame at sp. */
	.macro	frame_x2_x29, op
	\op	x2, x3, [sp, #16]
	\op	x4, x5, [sp, #32]
	\op	x6, x7, [sp, #48]
	\op	x8, x9, [sp, #64]
	\op	x10, x11, [sp, #80]
	\op	x12, x13, [sp, #96]
	\op	x14, x15, [sp, #112]
	\op	x16, x17, [sp, #128]
	\op	x18, x19, [sp, #144]
	\op	x20, x21, [sp, #160]
	\op	x22, x23, [sp, #176]
	\op	x24, x25, [sp, #192]
	\op	x26, x27, [sp, #208]
	\op	x28, x29, [sp, #224]
	.endm

	.macro	hyp_fault, kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	arch_hyp_fault
	.endm

/*
 * A synchronous fault at EL2 may be a self-test probe that expects it:
 * mm_probe_fixup() then gives the address to resume at, with the syndrome
 * in x0. Anything else is a hypervisor fault, reported from the top of
 * this CPU's stack (the fault may be an overflow into its guard page).
 */
	.macro	hyp_sync, kind
	.balign	0x80
	mrs	x0, elr_el2
	bl	mm_probe_fixup
	cbz	x0, 1f
	msr	elr_el2, x0
	mrs	x0, esr_el2
	eret
1:	mrs	x4, tpidr_el2	/* a fresh stack: the fault may be a stack overflow */
	cbz	x4, 2f
	ldr	x5, [x4]	/* struct cpu.stack_top */
	cbz	x5, 2f
	mov	sp, x5
2:	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	arch_hyp_fault
	.endm

	.macro	hyp_irq
	.balign	0x80
	b	hyp_irq_entry
	.endm

	.macro	guest_exit, kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	b	guest_exit_common
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	el2_vectors
el2_vectors:
	hyp_sync 0	/* current EL, SP_EL0 */
	hyp_fault 1
	hyp_fault 2
	hyp_fault 3
	hyp_sync 4	/* current EL, SP_ELx: sync */
	hyp_irq		/* IRQ while waiting */
	hyp_fault 6
	hyp_fault 7
	guest_exit EXIT_SYNC	/* lower EL, AArch64 */
	guest_exit EXIT_IRQ
	hyp_fault 10	/* FIQ */
	hyp_fault 11	/* SError */
	hyp_fault 12	/* lower EL, AArch32: never enabled */
	hyp_fault 13
	hyp_fault 14
	hyp_fault 15

guest_exit_common:
	frame_x2_x29 stp
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x30, x2, [sp, #240]
	str	x3, [sp, #256]
	mov	x0, sp
	bl	arch_guest_exit
	/* fall through: resume the guest from the (possibly updated) frame */
	.globl	guest_resume
guest_resume:
	ldp	x30, x2, [sp, #240]
	ldr	x3, [sp, #256]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	frame_x2_x29 ldp
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * vcpu_enter(start, stack_top): drop whatever the hypervisor had on this
 * CPU's stack, put a copy of the start registers at its top and resume.
 */
	.globl	vcpu_enter
vcpu_enter:
	sub	sp, x1, #FRAME_SIZE
	mov	x2, sp
	mov	x3, #(FRAME_SIZE / 8)
1:	ldr	x4, [x0], #8
	str	x4, [x2], #8
	subs	x3, x3, #1
	b.ne	1b
	b	guest_resume

/*
 * stack_reset_and_call(fn, arg, stack_top): restart on an empty stack,
 * used when a vCPU stops (CPU_OFF, VM off or reset) and waits again.
 */
	.globl	stack_reset_and_call
stack_reset_and_call:
	mov	sp, x2
	mov	x2, x0
	mov	x0, x1
	br	x2

hyp_irq_entry:
	sub	sp, sp, #(20 * 8)
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x0, x1, [sp, #-16]!
	bl	arch_hyp_irq
	ldp	x0, x1, [sp], #16
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #(20 * 8)
	eret
