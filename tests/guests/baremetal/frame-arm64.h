/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assembler macros for the test guest's AArch64 exception entries
 * (start-arm64.S, hardening-arm64.S, hostile-arm64.S): the registers a C
 * handler may clobber, x0-x18 and x30 (AAPCS64 6.1.1), saved and restored
 * in one layout: x0..x17 in pairs from offset 0, x18 and x30 at 144.
 */
#ifndef FRAME_ARM64_H
#define FRAME_ARM64_H

#define CALLER_FRAME 160

/* x2..x17 at \base + 16.. (the layout above, x0/x1 left to the caller). */
	.macro	stp_x2_x17, base
	stp	x2, x3, [\base, #16]
	stp	x4, x5, [\base, #32]
	stp	x6, x7, [\base, #48]
	stp	x8, x9, [\base, #64]
	stp	x10, x11, [\base, #80]
	stp	x12, x13, [\base, #96]
	stp	x14, x15, [\base, #112]
	stp	x16, x17, [\base, #128]
	.endm

	.macro	ldp_x2_x17, base
	ldp	x2, x3, [\base, #16]
	ldp	x4, x5, [\base, #32]
	ldp	x6, x7, [\base, #48]
	ldp	x8, x9, [\base, #64]
	ldp	x10, x11, [\base, #80]
	ldp	x12, x13, [\base, #96]
	ldp	x14, x15, [\base, #112]
	ldp	x16, x17, [\base, #128]
	.endm

/* A CALLER_FRAME on the stack with every caller-saved register. */
	.macro	save_caller_regs
	sub	sp, sp, #CALLER_FRAME
	stp	x0, x1, [sp]
	stp_x2_x17 sp
	stp	x18, x30, [sp, #144]
	.endm

	.macro	restore_caller_regs
	ldp	x0, x1, [sp]
	ldp_x2_x17 sp
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #CALLER_FRAME
	.endm

#endif
