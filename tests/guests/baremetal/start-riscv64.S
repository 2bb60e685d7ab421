/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bare-metal test guest, riscv64 S-mode (VS-mode under Shyper). Entered
 * as by SBI HSM hart_start: hart id in a0, DTB (or opaque) in a1, no
 * translation. Everything is PC-relative, so it runs wherever it is
 * loaded.
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	lla	sp, stack_top
	lla	t0, trap_entry
	csrw	stvec, t0
	mv	a0, a1
	call	guest_main
1:	wfi
	j	1b

/*
 * Secondary vCPUs (HSM hart_start: a0 = hart id, a1 = opaque = the index
 * vCPU 0 chose): one 4 KiB stack per index, guest_secondary(index, hart id).
 */
	.globl	secondary_entry
secondary_entry:
	lla	sp, stacks
	addi	t0, a1, 1
	slli	t0, t0, 12
	add	sp, sp, t0
	mv	t0, a0
	mv	a0, a1
	mv	a1, t0
	call	guest_secondary
	j	1b

	.balign	4
trap_entry:
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
	call	guest_trap
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

	.section .bss, "aw", @nobits
	.balign	16
	.space	8192
stack_top:
stacks:
	.space	4096 * 32
