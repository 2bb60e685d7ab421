// SPDX-License-Identifier: GPL-2.0-only
/* arm64 per-CPU registers: MPIDR_EL1 for the id, TPIDR_EL2 for struct cpu. */
#include <shyper/cpu.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

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

struct cpu *cpu_current(void)
{
	return (struct cpu *)(uintptr_t)read_sysreg(tpidr_el2);
}

/* IRQs are unmasked only here, so hypervisor IPIs and the console reach a waiting CPU. */
void cpu_arch_wait(void)
{
	__asm__ volatile("msr daifclr, #2\n\twfe\n\tmsr daifset, #2" : : : "memory");
}

void cpu_arch_wake(void)
{
	__asm__ volatile("dsb ish\n\tsev" : : : "memory");
}

void cpu_arch_init_local(struct cpu *cpu)
{
	gic_cpu_init();
}
