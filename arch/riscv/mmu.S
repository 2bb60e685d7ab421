/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probes of the W^X self-test (core/mm.c), which fault on purpose:
 * riscv_hyp_trap() asks mm_probe_fixup() where to resume and puts scause
 * in a0.
 */
#ifdef CONFIG_MM_SELFTEST
	.text
/* u64 mm_arch_probe_write(addr): store the doubleword at addr back to it. */
	.globl	mm_arch_probe_write, probe_store_insn, probe_write_resume
mm_arch_probe_write:
	ld	t0, 0(a0)
probe_store_insn:
	sd	t0, 0(a0)
	li	a0, 0
probe_write_resume:		/* a0 = scause after a fault */
	ret

/* u64 mm_arch_probe_read(addr): load the doubleword at addr. */
	.globl	mm_arch_probe_read, probe_load_insn, probe_read_resume
mm_arch_probe_read:
probe_load_insn:
	ld	t0, 0(a0)
	li	a0, 0
probe_read_resume:		/* a0 = scause after a fault */
	ret

/* u64 mm_probe_call(addr): call addr; a fault at addr resumes after the call. */
	.globl	mm_probe_call, probe_exec_resume
mm_probe_call:
	addi	sp, sp, -16
	sd	ra, 0(sp)
	jalr	a0
probe_exec_resume:
	ld	ra, 0(sp)
	addi	sp, sp, 16
	ret
#endif
