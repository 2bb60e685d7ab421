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

const char *arm64_cpu_arch_why_left_out(const void *fdt, int node, int err);
const char *riscv_cpu_arch_why_left_out(const void *fdt, int node, int err);

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

const char *cpu_arch_why_left_out(const void *fdt, int node, int err)
{
	if (host_is_riscv_cpu(fdt, node))
		return riscv_cpu_arch_why_left_out(fdt, node, err);
	return arm64_cpu_arch_why_left_out(fdt, node, err);
}

const char *cpu_arch_method(const struct cpu *cpu)
{
	return cpu->arch.riscv ? riscv_cpu_arch_method(cpu) : arm64_cpu_arch_method(cpu);
}

u64 cpu_arch_boot_hwid(void)
{
	return boot_hwid;
}

/* Without a boot CPU, the first CPU node tells the architecture. */
static bool board_is_riscv(void)
{
	const struct cpu *cpu = cpu_boot();
	int cpus = fdt_path_offset(platform.fdt, "/cpus"), node;

	if (cpu)
		return cpu->arch.riscv;
	fdt_for_each_subnode (node, platform.fdt, cpus)
		if (fdt_getprop(platform.fdt, node, "device_type", NULL))
			return host_is_riscv_cpu(platform.fdt, node);
	return false;
}

void platform_arch_summary(void)
{
	pr_info("  arch:      %s (offline check: no CPU registers read)\n",
		board_is_riscv() ? "riscv" : "arm64");
}
