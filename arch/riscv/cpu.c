// SPDX-License-Identifier: GPL-2.0-only
/* riscv per-hart registers: the hart id saved at entry, tp for struct cpu. */
#include <shyper/cpu.h>

/* Written by head.S from a0; U-Boot may boot Shyper on any hart. */
u64 boot_hartid;

u64 cpu_arch_boot_hwid(void)
{
	return boot_hartid;
}

void cpu_arch_set_current(struct cpu *cpu)
{
	__asm__ volatile("mv tp, %0" : : "r"(cpu));
}

void cpu_arch_idle(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

struct cpu *cpu_current(void)
{
	struct cpu *cpu;

	__asm__ volatile("mv %0, tp" : "=r"(cpu));
	return cpu;
}

/* No event register on riscv: a short pause, callers poll. */
void cpu_arch_wait(void)
{
	__asm__ volatile("nop" : : : "memory");
}

void cpu_arch_wake(void)
{
	__asm__ volatile("fence rw, rw" : : : "memory");
}

void cpu_arch_init_local(struct cpu *cpu)
{
}
