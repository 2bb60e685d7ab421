// SPDX-License-Identifier: GPL-2.0-only
/*
 * Starting secondary CPUs: PSCI CPU_ON (DEN 0022, 5.1.4) through the
 * conduit the /psci node names, or the spin-table protocol (Linux
 * Documentation/arch/arm64/booting.rst, 5).
 */
#define pr_fmt(fmt) "smp: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <asm/cache.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>

#define PSCI_0_2_FN64_CPU_ON 0xc4000003U

extern char secondary_entry[], spin_table_entry[];

/* Read by spin_table_entry: the CPU being released (one at a time). */
struct cpu *spin_table_cpu;

static int psci_cpu_on_fn(u32 *fn)
{
	const void *fdt = platform.fdt;
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	const char *method;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	if (node < 0)
		return -ENODEV;
	method = fdt_getprop(fdt, node, "method", NULL);
	if (!method || strcmp(method, "smc")) {
		pr_err("/psci method must be \"smc\" for a hypervisor at EL2\n");
		return -EINVAL;
	}
	/* PSCI 0.1 names its function ids in the node; 0.2+ uses fixed ids. */
	if (fdt_node_check_compatible(fdt, node, "arm,psci-0.2") &&
	    dt_read_u32(fdt, node, "cpu_on", fn))
		return -EINVAL;
	if (!fdt_node_check_compatible(fdt, node, "arm,psci-0.2"))
		*fn = PSCI_0_2_FN64_CPU_ON;
	return 0;
}

static int psci_start(struct cpu *cpu)
{
	u32 fn;
	s64 ret;
	int err = psci_cpu_on_fn(&fn);

	if (err)
		return err;
	ret = (s64)smccc_smc(fn, cpu->hwid, (uintptr_t)secondary_entry, (uintptr_t)cpu);
	if (ret) {
		pr_err("PSCI CPU_ON 0x%llx returned %lld\n", (unsigned long long)cpu->hwid,
		       (long long)ret);
		return -EIO;
	}
	return 0;
}

static int spin_table_start(struct cpu *cpu)
{
#ifndef CONFIG_ARM64_SPIN_TABLE
	return -ENOTSUP;
#endif
	/* The released CPU reads both with its MMU off: clean them to PoC. */
	spin_table_cpu = cpu;
	cache_clean_poc((uintptr_t)&spin_table_cpu, sizeof(spin_table_cpu));
	*(volatile u64 *)(uintptr_t)cpu->arch.release_addr = (uintptr_t)spin_table_entry;
	cache_clean_poc(cpu->arch.release_addr, sizeof(u64));
	__asm__ volatile("sev");
	return 0;
}

int smp_arch_start_cpu(struct cpu *cpu)
{
	switch (cpu->arch.enable) {
	case CPU_ENABLE_PSCI:
		return psci_start(cpu);
	case CPU_ENABLE_SPIN_TABLE:
		return spin_table_start(cpu);
	default:
		return -ENODEV;
	}
}
