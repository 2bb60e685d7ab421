/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bare-metal test guest, riscv64 S-mode (VS-mode under Shyper). Entered
 * as by SBI HSM hart_start: hart id in a0, DTB (or opaque) in a1, no
 * translation. Everything is PC-relative, so it runs wherever it is
 * loaded.
 */
#include "frame-riscv64.S.inc"

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
	trap_entry_calling guest_trap

	.section .bss, "aw", @nobits
	.balign	16
	.space	8192
stack_top:
stacks:
	.space	4096 * 32
