/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's trap entry (S-mode, VS-mode under Shyper) and
 * helpers. Every trap saves the caller-saved registers and calls
 * hostile_trap(scause, stval, sepc), which returns where to resume: the
 * guest records each fault and skips the faulting instruction.
 */
#include "frame-riscv64.S.inc"

	.section .text, "ax"
	.balign	4
	.globl	hostile_trap_entry
hostile_trap_entry:
	trap_entry_calling hostile_trap

/* vCPU 1, started by SBI HSM hart_start with its stack top as opaque (a1). */
	.globl	hostile_secondary_entry
hostile_secondary_entry:
	mv	sp, a1
	lla	t0, hostile_trap_entry
	csrw	stvec, t0
	call	hostile_secondary
1:	wfi
	j	1b

/*
 * hostile_ecall(regs): a0..a7 from regs[], ecall, a0..a7 back into regs[].
 */
	.globl	hostile_ecall
hostile_ecall:
	addi	sp, sp, -16
	sd	s0, 0(sp)
	mv	s0, a0
	ld	a0, 0(s0)
	ld	a1, 8(s0)
	ld	a2, 16(s0)
	ld	a3, 24(s0)
	ld	a4, 32(s0)
	ld	a5, 40(s0)
	ld	a6, 48(s0)
	ld	a7, 56(s0)
	ecall
	sd	a0, 0(s0)
	sd	a1, 8(s0)
	sd	a2, 16(s0)
	sd	a3, 24(s0)
	sd	a4, 32(s0)
	sd	a5, 40(s0)
	sd	a6, 48(s0)
	sd	a7, 56(s0)
	ld	s0, 0(sp)
	addi	sp, sp, 16
	ret
