// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU discovery: the children of /cpus with device_type = "cpu"
 * (devicetree spec v0.4, 3.7). Their reg is the hardware id.
 */
#define pr_fmt(fmt) "cpu: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/printk.h>

_Static_assert(offsetof(struct cpu, stack_top) == 0, "entry code reads the stack at 0");

static struct cpu cpu_table[CONFIG_MAX_CPUS];
static unsigned int nr_cpus;
static struct cpu *boot_cpu;

struct cpu *cpu_get(cpuid_t id)
{
	return id < nr_cpus ? &cpu_table[id] : NULL;
}

unsigned int cpu_count(void)
{
	return nr_cpus;
}

struct cpu *cpu_boot(void)
{
	return boot_cpu;
}

static bool is_cpu_node(const void *fdt, int node)
{
	const char *type = dt_read_string(fdt, node, "device_type");

	return type && !strcmp(type, "cpu");
}

static int read_hwid(const void *fdt, int node, u64 *hwid)
{
	int len, cells = dt_addr_cells(fdt, node);
	const void *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || cells < 1 || cells > 2 || len < cells * 4)
		return -EINVAL;
	return dt_read_cells(reg, cells, hwid);
}

/* Parse one CPU node into the next free slot; -errno leaves it out. */
static int add_cpu(const void *fdt, int node)
{
	struct cpu *cpu = &cpu_table[nr_cpus];
	char path[64];
	int err;

	memset(cpu, 0, sizeof(*cpu));
	cpu->id = nr_cpus;
	cpu->node = node;
	err = read_hwid(fdt, node, &cpu->hwid);
	if (err) {
		pr_warn("%s: left out: reg is missing or shorter than #address-cells\n",
			dt_path(fdt, node, path, sizeof(path)));
		return err;
	}
	err = cpu_arch_parse_node(fdt, node, cpu);
	if (err) {
		pr_warn("%s: left out: %s\n", dt_path(fdt, node, path, sizeof(path)),
			cpu_arch_why_left_out(fdt, node, err));
		return err;
	}
	nr_cpus++;
	return 0;
}

static void find_boot_cpu(void)
{
	u64 hwid = cpu_arch_boot_hwid();
	unsigned int i;

	for (i = 0; i < nr_cpus; i++)
		if (cpu_table[i].hwid == hwid)
			boot_cpu = &cpu_table[i];
}

int cpu_discover(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node;

	nr_cpus = 0;
	boot_cpu = NULL;
	if (cpus < 0) {
		pr_err("the DTB has no /cpus node\n");
		return -ENODEV;
	}
	fdt_for_each_subnode (node, fdt, cpus) {
		if (!is_cpu_node(fdt, node) || !dt_is_enabled(fdt, node))
			continue;
		if (nr_cpus == CONFIG_MAX_CPUS) {
			pr_warn("more than %d CPUs, the rest stay offline\n", CONFIG_MAX_CPUS);
			break;
		}
		add_cpu(fdt, node);
	}
	find_boot_cpu();
	if (!boot_cpu) {
		pr_err("boot CPU 0x%llx is not among the %u usable CPU nodes\n",
		       (unsigned long long)cpu_arch_boot_hwid(), nr_cpus);
		return -ENODEV;
	}
	return 0;
}
