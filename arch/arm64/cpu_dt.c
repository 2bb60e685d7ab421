// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 CPU nodes: enable-method psci or spin-table (Linux cpus.yaml).
 * Pure device-tree code, also built into the host tools.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <asm/sysreg.h>

int cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu)
{
	const char *method = fdt_getprop(fdt, node, "enable-method", NULL);
	int len;
	const void *release;

	cpu->hwid &= MPIDR_HWID_MASK;
	if (method && !strcmp(method, "psci")) {
		cpu->arch.enable = CPU_ENABLE_PSCI;
		return 0;
	}
	if (method && !strcmp(method, "spin-table")) {
		release = fdt_getprop(fdt, node, "cpu-release-addr", &len);
		if (!release || (len != 4 && len != 8))
			return -EINVAL;
		cpu->arch.enable = CPU_ENABLE_SPIN_TABLE;
		return dt_read_cells(release, len / 4, &cpu->arch.release_addr);
	}
	/* A single-CPU board may have no enable-method at all. */
	cpu->arch.enable = CPU_ENABLE_NONE;
	return 0;
}

const char *cpu_arch_why_left_out(const void *fdt, int node, int err)
{
	return "enable-method \"spin-table\" without a 1- or 2-cell cpu-release-addr";
}

const char *cpu_arch_method(const struct cpu *cpu)
{
	static const char *const names[] = {
	    [CPU_ENABLE_NONE] = "none",
	    [CPU_ENABLE_PSCI] = "psci",
	    [CPU_ENABLE_SPIN_TABLE] = "spin-table",
	};

	return names[cpu->arch.enable];
}
