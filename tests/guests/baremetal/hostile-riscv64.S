/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's trap entry (S-mode, VS-mode under Shyper) and
 * helpers. Every trap saves the caller-saved registers and calls
 * hostile_trap(scause, stval, sepc), which returns where to resume: the
 * guest records each fault and skips the faulting instruction.
 */
	.section .text, "ax"
	.balign	4
	.globl	hostile_trap_entry
hostile_trap_entry:
	addi	sp, sp, -144
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	a0, scause
	csrr	a1, stval
	csrr	a2, sepc
	call	hostile_trap
	csrw	sepc, a0
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, 144
	sret

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
