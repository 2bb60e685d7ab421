/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Turning the EL2 MMU on (arch/arm64/mm.c explains the cache rules), and
 * the probes of the W^X self-test, which fault on purpose: the EL2 sync
 * vectors ask mm_probe_fixup() where to resume (arch/arm64/vectors.S).
 */

/* mmu_on(regs): x0 = struct mm_boot_regs {mair, tcr, ttbr, sctlr}. Leaf. */
	.text
	.globl	mmu_on
mmu_on:
	ldp	x1, x2, [x0]
	ldp	x3, x4, [x0, #16]
	msr	mair_el2, x1
	msr	tcr_el2, x2
	msr	ttbr0_el2, x3
	isb
	tlbi	alle2
	dsb	nsh
	ic	iallu
	dsb	nsh
	isb
	msr	sctlr_el2, x4
	isb
	ret

#ifdef CONFIG_MM_SELFTEST
/* u64 mm_arch_probe_write(addr): store the word at addr back to it. */
	.globl	mm_arch_probe_write, probe_store_insn, probe_write_resume
mm_arch_probe_write:
	str	x30, [sp, #-16]!
	ldr	x1, [x0]
probe_store_insn:
	str	x1, [x0]
	mov	x0, #0
probe_write_resume:		/* x0 = syndrome after a fault */
	ldr	x30, [sp], #16
	ret

/* u64 mm_arch_probe_read(addr): load the word at addr. */
	.globl	mm_arch_probe_read, probe_load_insn, probe_read_resume
mm_arch_probe_read:
	str	x30, [sp, #-16]!
probe_load_insn:
	ldr	x1, [x0]
	mov	x0, #0
probe_read_resume:		/* x0 = syndrome after a fault */
	ldr	x30, [sp], #16
	ret

/* u64 mm_probe_call(addr): call addr; a fault at addr resumes after the call. */
	.globl	mm_probe_call, probe_exec_resume
mm_probe_call:
	str	x30, [sp, #-16]!
	blr	x0
probe_exec_resume:
	ldr	x30, [sp], #16
	ret
#endif
