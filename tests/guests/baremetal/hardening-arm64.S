/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception plumbing of the arm64 hardening checks. hx_probe(fn, arg)
 * calls fn(arg) and returns 0, or 1 when an exception interrupted it:
 * every synchronous (or unexpected) exception records which of the 16
 * vectors it entered, ESR_EL1, FAR_EL1, ELR_EL1 and SPSR_EL1 in hx_rec,
 * then resumes hx_probe's caller at EL1h, as longjmp would. IRQs taken at
 * EL1h go to hx_irq_handler() and return.
 */
#include "frame-arm64.S.inc"

	.text
	.balign	0x800
	.globl	hx_vectors
hx_vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	0x80
	.if	\n == 5
	b	hx_irq
	.else
	mov	x0, #\n
	b	hx_record
	.endif
	.endr

hx_record:
	adrp	x1, hx_rec
	add	x1, x1, :lo12:hx_rec
	str	x0, [x1]
	mrs	x0, esr_el1
	str	x0, [x1, #8]
	mrs	x0, far_el1
	str	x0, [x1, #16]
	mrs	x0, elr_el1
	str	x0, [x1, #24]
	mrs	x0, spsr_el1
	str	x0, [x1, #32]
	adr	x0, hx_recover
	msr	elr_el1, x0
	mov	x0, #0x3c5		/* EL1h, D A I F masked */
	msr	spsr_el1, x0
	eret

hx_recover:
	adrp	x1, hx_probe_sp
	ldr	x1, [x1, :lo12:hx_probe_sp]
	mov	sp, x1
	mov	x0, #1
	b	1f

	.globl	hx_probe
hx_probe:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x2, sp
	adrp	x3, hx_probe_sp
	str	x2, [x3, :lo12:hx_probe_sp]
	mov	x2, x0
	mov	x0, x1
	blr	x2
	mov	x0, #0
1:	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

hx_irq:
	save_caller_regs
	bl	hx_irq_handler
	restore_caller_regs
	eret

/* Probe bodies: each takes the address to touch in x0. */
	.globl	hx_store_el1h, hx_load_el1h, hx_store_el1t, hx_store_el0, hx_store_a32, hx_exec
hx_store_el1h:
	str	x0, [x0]
	ret
hx_load_el1h:
	ldr	x1, [x0]
	ret
/* The same store with SP_EL0 selected (EL1t). */
hx_store_el1t:
	mov	x1, sp
	msr	sp_el0, x1
	msr	spsel, #0
	str	x0, [x0]
	msr	spsel, #1
	ret
/* AArch64 EL0: the store, then an SVC in case it does not fault. */
hx_store_el0:
	adr	x1, 2f
	msr	elr_el1, x1
	mov	x1, #0x3c0		/* EL0t, D A I F masked */
	msr	spsr_el1, x1
	eret
2:	str	x0, [x0]
	svc	#0
/* AArch32 EL0 (User, A32): STR r0, [r0], then SVC #0. */
hx_store_a32:
	adr	x1, 3f
	msr	elr_el1, x1
	mov	x1, #0x1d0		/* User mode, A32, A I F masked */
	msr	spsr_el1, x1
	eret
	.balign	4
3:	.word	0xe5800000
	.word	0xef000000
hx_exec:
	br	x0

	.bss
	.balign	8
	.globl	hx_rec
hx_rec:
	.space	40
hx_probe_sp:
	.space	8
