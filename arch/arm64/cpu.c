// SPDX-License-Identifier: GPL-2.0-only
/* arm64 per-CPU registers: MPIDR_EL1 for the id, TPIDR_EL2 for struct cpu. */
#include <shyper/cpu.h>
#include <asm/sysreg.h>

u64 cpu_arch_boot_hwid(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
}

void cpu_arch_set_current(struct cpu *cpu)
{
	write_sysreg(cpu, tpidr_el2);
}

void cpu_arch_idle(void)
{
	__asm__ volatile("wfi" : : : "memory");
}
