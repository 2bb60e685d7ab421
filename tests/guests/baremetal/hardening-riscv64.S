/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception plumbing of the riscv64 hardening checks. hx_probe(fn, arg)
 * calls fn(arg) and returns 0, or 1 when a trap interrupted it: the trap
 * records scause, stval and sepc in hx_rec and resumes hx_probe's caller,
 * as longjmp would (interrupts stay disabled throughout).
 */
	.text
	.balign	4
hx_trap:
	lla	t0, hx_rec
	csrr	t1, scause
	sd	t1, 0(t0)
	csrr	t1, stval
	sd	t1, 8(t0)
	csrr	t1, sepc
	sd	t1, 16(t0)
	lla	t0, hx_probe_sp
	ld	sp, 0(t0)
	li	a0, 1
	j	1f

	.globl	hx_probe
hx_probe:
	addi	sp, sp, -112
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	lla	t0, hx_probe_sp
	sd	sp, 0(t0)
	csrr	t1, stvec
	sd	t1, 104(sp)
	lla	t1, hx_trap
	csrw	stvec, t1
	mv	t1, a0
	mv	a0, a1
	jalr	t1
	li	a0, 0
1:	ld	t1, 104(sp)
	csrw	stvec, t1
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	addi	sp, sp, 112
	ret

/* Probe bodies: each takes the address to touch in a0. */
	.globl	hx_lw, hx_ld, hx_sw, hx_lb
hx_lw:
	lw	a1, 0(a0)
	ret
hx_ld:
	ld	a1, 0(a0)
	ret
hx_sw:
	sw	zero, 0(a0)
	ret
hx_lb:
	lb	a1, 0(a0)
	ret

/*
 * A legacy SBI call (EID in a0) with a1 = a marker; returns the a1 the
 * call left (a0 is dropped).
 */
	.globl	hx_legacy_a1
hx_legacy_a1:
	mv	a7, a0
	li	a0, 0
	mv	a1, a1
	ecall
	mv	a0, a1
	ret

	.bss
	.balign	8
	.globl	hx_rec
hx_rec:
	.space	24
hx_probe_sp:
	.space	8
