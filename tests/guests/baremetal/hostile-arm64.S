/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's EL1 vectors (Arm ARM D1.10.2) and helpers. Every
 * exception saves the caller-saved registers and calls
 * hostile_exception(vector, elr), which returns where to resume: the
 * guest records each fault and skips the faulting instruction, so one
 * attack never stops the next.
 */
#include "frame-arm64.S.inc"

#define FRAME 176

	.macro	entry, n
	.balign	0x80
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp]
	mov	x0, #\n
	b	hv_common
	.endm

	.section .text, "ax"
	.balign	0x800
	.globl	hostile_vectors
hostile_vectors:
	entry	0
	entry	1
	entry	2
	entry	3
	entry	4	/* current EL, SP_ELx: synchronous */
	entry	5	/* current EL, SP_ELx: IRQ */
	entry	6
	entry	7
	entry	8
	entry	9
	entry	10
	entry	11
	entry	12
	entry	13
	entry	14
	entry	15

hv_common:
	stp_x2_x17 sp
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	mrs	x1, elr_el1
	bl	hostile_exception
	msr	elr_el1, x0
	ldp	x0, x1, [sp]
	ldp_x2_x17 sp
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #FRAME
	eret

/* vCPU 1, started by PSCI CPU_ON with its stack top as the context (x0). */
	.globl	hostile_secondary_entry
hostile_secondary_entry:
	mov	sp, x0
	adrp	x1, hostile_vectors
	add	x1, x1, :lo12:hostile_vectors
	msr	vbar_el1, x1
	isb
	bl	hostile_secondary
1:	wfi
	b	1b

/*
 * hostile_call(regs, kind): x0..x17 from regs[], HVC or SMC (kind 0..3:
 * hvc #0, smc #0, hvc #0xffff, smc #0x1234), x0..x17 back into regs[].
 */
	.globl	hostile_call
hostile_call:
	stp	x19, x30, [sp, #-16]!
	mov	x19, x0
	mov	x18, x1
	ldp	x0, x1, [x19]
	ldp_x2_x17 x19
	cbz	x18, 1f
	cmp	x18, #1
	b.eq	2f
	cmp	x18, #2
	b.eq	3f
	smc	#0x1234
	b	9f
1:	hvc	#0
	b	9f
2:	smc	#0
	b	9f
3:	hvc	#0xffff
9:	stp	x0, x1, [x19]
	stp_x2_x17 x19
	ldp	x19, x30, [sp], #16
	ret
