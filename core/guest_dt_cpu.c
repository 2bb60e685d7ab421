// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU-side nodes of a guest DTB: /cpus with the VM's vCPUs only, and on
 * arm64 /psci and /timer (Linux bindings arm/cpus.yaml, arm/psci.yaml,
 * timer/arm,arch_timer.yaml, riscv/cpus.yaml).
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/irq.h>
#include <shyper/platform.h>

#define GIC_PPI_CPU_MASK 0xff00U /* third cell of a GICv2 PPI, arm,gic.yaml */

static int copy_prop(struct guest_dt *g, int host, const char *prop)
{
	int len;
	const void *val = fdt_getprop(g->host, host, prop, &len);

	return val ? fdt_property(g->fdt, prop, val, len) : 0;
}

/* riscv,isa without the 'h' letter: a guest hart has no H extension. */
static int prop_riscv_isa(struct guest_dt *g, int host)
{
	char isa[128];
	const char *src = fdt_getprop(g->host, host, "riscv,isa", NULL);
	size_t i, o = 0;
	bool letters = true;

	if (!src)
		return 0;
	for (i = 0; src[i] && o < sizeof(isa) - 1; i++) {
		if (src[i] == '_')
			letters = false;
		if (letters && i >= 4 && src[i] == 'h')
			continue;
		isa[o++] = src[i];
	}
	isa[o] = '\0';
	return fdt_property_string(g->fdt, "riscv,isa", isa);
}

/* riscv,isa-extensions without "h". */
static int prop_riscv_extensions(struct guest_dt *g, int host)
{
	int len, i, o = 0;
	const char *src = fdt_getprop(g->host, host, "riscv,isa-extensions", &len);
	char *dst;
	int res;

	if (!src || len <= 0)
		return 0;
	res = fdt_property_placeholder(g->fdt, "riscv,isa-extensions", len, (void **)&dst);
	for (i = 0; !res && i < len; i += strnlen(src + i, len - i) + 1) {
		size_t n = strnlen(src + i, len - i);

		if (n == 1 && src[i] == 'h')
			continue;
		memcpy(dst + o, src + i, n);
		dst[o + n] = '\0';
		o += n + 1;
	}
	/* The placeholder was sized for the host list; pad what "h" left. */
	while (!res && o < len)
		dst[o++] = '\0';
	return res;
}

static int make_riscv_intc_node(struct guest_dt *g, unsigned int n)
{
	int res = fdt_begin_node(g->fdt, "interrupt-controller");

	if (!res)
		res = fdt_property_string(g->fdt, "compatible", "riscv,cpu-intc");
	if (!res)
		res = fdt_property_cell(g->fdt, "#interrupt-cells", 1);
	if (!res)
		res = fdt_property_cell(g->fdt, "#address-cells", 0);
	if (!res)
		res = fdt_property(g->fdt, "interrupt-controller", "", 0);
	if (!res)
		res = fdt_property_cell(g->fdt, "phandle", g->intc_phandle[n]);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

static int make_riscv_cpu_props(struct guest_dt *g, int host)
{
	static const char *const keep[] = {"mmu-type",
					   "riscv,isa-base",
					   "riscv,cbom-block-size",
					   "riscv,cboz-block-size",
					   "riscv,cbop-block-size",
					   "timebase-frequency"};
	unsigned int i;
	int res = prop_riscv_isa(g, host);

	if (!res)
		res = prop_riscv_extensions(g, host);
	for (i = 0; !res && i < ARRAY_SIZE(keep); i++)
		res = copy_prop(g, host, keep[i]);
	return res;
}

static int make_cpu_node(struct guest_dt *g, unsigned int n)
{
	int host = cpu_get(g->vm->pcpu[n])->node;
	u64 hwid = g->vm->layout.vcpu_hwid[n];
	char name[24];
	int res;

	fmt_snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)hwid);
	res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property_string(g->fdt, "device_type", "cpu");
	if (!res)
		res = copy_prop(g, host, "compatible");
	if (!res)
		res = fdt_property_cell(g->fdt, "reg", (u32)hwid);
	if (g->chip == GUEST_IRQCHIP_PLIC) {
		if (!res)
			res = make_riscv_cpu_props(g, host);
		if (!res)
			res = make_riscv_intc_node(g, n);
	} else if (!res) {
		res = fdt_property_string(g->fdt, "enable-method", "psci");
	}
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_cpus_node(struct guest_dt *g)
{
	int host_cpus = fdt_path_offset(g->host, "/cpus");
	unsigned int n;
	int res = fdt_begin_node(g->fdt, "cpus");

	if (!res)
		res = fdt_property_cell(g->fdt, "#address-cells", 1);
	if (!res)
		res = fdt_property_cell(g->fdt, "#size-cells", 0);
	if (!res && host_cpus >= 0)
		res = copy_prop(g, host_cpus, "timebase-frequency");
	for (n = 0; !res && n < g->vm->nr_vcpus; n++)
		res = make_cpu_node(g, n);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_psci_node(struct guest_dt *g)
{
	/* Both strings, as Linux and U-Boot match either (arm/psci.yaml). */
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";
	int res = fdt_begin_node(g->fdt, "psci");

	if (!res)
		res = fdt_property(g->fdt, "compatible", compat, sizeof(compat));
	if (!res)
		res = fdt_property_string(g->fdt, "method", "hvc");
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

/*
 * On GICv2 a PPI's CPU mask (arm,gic.yaml) names the guest's vCPUs; on a
 * GICv3 with PPI partitions (4 cells) the guest has no partition nodes, so
 * its PPIs go to every vCPU (partition 0, arm,gic-v3.yaml).
 */
static void fix_ppi_mask(const struct guest_dt *g, struct dt_irq *irq)
{
	u32 vcpus = ((1U << MIN(g->vm->nr_vcpus, 8U)) - 1) << 8;

	if (g->chip == GUEST_IRQCHIP_GICV2 && irq->percpu && (irq->cell[2] & GIC_PPI_CPU_MASK))
		irq->cell[2] = (irq->cell[2] & ~GIC_PPI_CPU_MASK) | (vcpus & GIC_PPI_CPU_MASK);
	if (irq->nr_cells == 4)
		irq->cell[3] = 0;
}

/* The host's timer PPIs (arm,arch_timer.yaml), however the host wrote them. */
static int prop_timer_interrupts(struct guest_dt *g, int host)
{
	int n = dt_irq_count(g->host, host);

	if (n <= 0)
		return -FDT_ERR_BADVALUE;
	return guest_dt_prop_host_irqs(g, host, n, fix_ppi_mask);
}

int guest_dt_make_timer_node(struct guest_dt *g)
{
	int host = g->vm->layout.timer_node;
	int res;

	if (host < 0)
		return -FDT_ERR_NOTFOUND;
	res = fdt_begin_node(g->fdt, "timer");
	if (!res)
		res = copy_prop(g, host, "compatible");
	if (!res)
		res = prop_timer_interrupts(g, host);
	if (!res)
		res = copy_prop(g, host, "always-on");
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}
