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
