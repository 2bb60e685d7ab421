// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU architecture hooks for the offline checker. The real parsers
 * (arch/arm64/cpu_dt.c and arch/riscv/cpu_dt.c, built with their hooks
 * renamed, see tools/Makefile) are picked per CPU node from what the DTB
 * says: a riscv hart has compatible "riscv".
 */
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include "host.h"

int arm64_cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu);
const char *arm64_cpu_arch_method(const struct cpu *cpu);
int riscv_cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu);
const char *riscv_cpu_arch_method(const struct cpu *cpu);

static u64 boot_hwid;

void host_set_boot_hwid(u64 hwid)
{
	boot_hwid = hwid;
}

bool host_is_riscv_cpu(const void *fdt, int node)
{
	return fdt_node_check_compatible(fdt, node, "riscv") == 0;
}

int cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu)
{
	cpu->arch.riscv = host_is_riscv_cpu(fdt, node);
	if (cpu->arch.riscv)
		return riscv_cpu_arch_parse_node(fdt, node, cpu);
	return arm64_cpu_arch_parse_node(fdt, node, cpu);
}

const char *cpu_arch_method(const struct cpu *cpu)
{
	return cpu->arch.riscv ? riscv_cpu_arch_method(cpu) : arm64_cpu_arch_method(cpu);
}

u64 cpu_arch_boot_hwid(void)
{
	return boot_hwid;
}

void platform_arch_summary(void)
{
	const struct cpu *cpu = cpu_boot();

	pr_info("  arch:      %s (offline check: no CPU registers read)\n",
		cpu && cpu->arch.riscv ? "riscv" : "arm64");
}
