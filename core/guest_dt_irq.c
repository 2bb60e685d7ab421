// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt controller and virtual UART nodes of a guest DTB. The
 * model is whatever the host has, told apart by compatible, so one build
 * of this file (and of the offline checker) serves arm64 and riscv.
 * Bindings: Linux arm,gic.yaml, arm,gic-v3.yaml, sifive,plic-1.0.0.yaml.
 */
#define pr_fmt(fmt) "guest-dt: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/platform.h>
#include <shyper/printk.h>
#include "vm_internal.h"

#define PLIC_S_EXT_IRQ 9 /* supervisor external interrupt, priv. spec 3.1.9 */
#define VUART_CLOCK_HZ 24000000

enum guest_irqchip guest_dt_irqchip(const void *host_fdt)
{
	const struct platform_device *ic = platform_find_device(DEVICE_IRQCHIP);

	if (!ic)
		return GUEST_IRQCHIP_NONE;
	/* The drivers' own tables (drivers/irqchip/gic_dt.c, plic_dt.c). */
	if (dt_match_id(host_fdt, ic->node, driver_match(&gicv3_dt)))
		return GUEST_IRQCHIP_GICV3;
	if (dt_match_id(host_fdt, ic->node, driver_match(&gicv2_dt)))
		return GUEST_IRQCHIP_GICV2;
	if (dt_match_id(host_fdt, ic->node, driver_match(&plic_dt)))
		return GUEST_IRQCHIP_PLIC;
	return GUEST_IRQCHIP_NONE;
}

int guest_dt_virt_regions(const void *host_fdt, const struct vm_config *vm, struct mem_region *out,
			  int max)
{
	const struct vm_layout *l = &vm->layout;
	int i, n = 0;

	(void)host_fdt;
	for (i = 0; i < (int)l->nr_irqchip && n < max; i++)
		out[n++] = l->irqchip[i];
	if (l->vuart.size && n < max) {
		/* The vuart traps whole pages: nothing else may share them. */
		u64 base = ALIGN_DOWN(l->vuart.base, (u64)PAGE_SIZE);

		out[n++] = (struct mem_region){
		    base, ALIGN_UP(l->vuart.base + l->vuart.size, (u64)PAGE_SIZE) - base, "vuart"};
	}
	if (l->control.size && n < max)
		out[n++] = l->control;
	if (l->staging.size && n < max)
		out[n++] = l->staging;
	if (l->watchdog.size && n < max)
		out[n++] = l->watchdog;
	for (i = 0; i < (int)l->nr_virtio && n < max; i++)
		out[n++] = l->virtio[i];
	return n;
}

static int node_name(char *buf, size_t len, const char *base, u64 addr)
{
	int n = fmt_snprintf(buf, len, "%s@%llx", base, (unsigned long long)addr);

	return n < (int)len ? 0 : -FDT_ERR_NOSPACE;
}

static int make_gic_node(struct guest_dt *g, const u64 *addr, const u64 *size, int n)
{
	const void *compat;
	char name[48];
	u32 cells = 3;
	int res, len;

	/* The host's specifier size, so copied interrupts stay valid. */
	dt_read_u32(g->host, g->ic_node, "#interrupt-cells", &cells);
	compat = fdt_getprop(g->host, g->ic_node, "compatible", &len);
	res = node_name(name, sizeof(name), "interrupt-controller", addr[0]);
	if (!res)
		res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property(g->fdt, "compatible", compat, len);
	if (!res)
		res = fdt_property_cell(g->fdt, "#interrupt-cells", cells);
	if (!res)
		res = fdt_property_cell(g->fdt, "#address-cells", 0);
	if (!res)
		res = fdt_property(g->fdt, "interrupt-controller", "", 0);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", addr, size, n);
	if (!res)
		res = fdt_property_cell(g->fdt, "phandle", g->ic_phandle);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

/* One context per vCPU: the supervisor external interrupt of its hart. */
static int prop_plic_contexts(struct guest_dt *g)
{
	unsigned int i;
	u8 *p;
	int res = fdt_property_placeholder(g->fdt, "interrupts-extended", g->vm->nr_vcpus * 8,
					   (void **)&p);

	for (i = 0; !res && i < g->vm->nr_vcpus; i++) {
		guest_dt_put_cells(p + i * 8, 1, g->intc_phandle[i]);
		guest_dt_put_cells(p + i * 8 + 4, 1, PLIC_S_EXT_IRQ);
	}
	return res;
}

static int make_plic_node(struct guest_dt *g, u64 addr, u64 size)
{
	const void *compat;
	char name[48];
	u32 ndev = 0;
	int res, len;

	compat = fdt_getprop(g->host, g->ic_node, "compatible", &len);
	dt_read_u32(g->host, g->ic_node, "riscv,ndev", &ndev);
	res = node_name(name, sizeof(name), "interrupt-controller", addr);
	if (!res)
		res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property(g->fdt, "compatible", compat, len);
	if (!res)
		res = fdt_property_cell(g->fdt, "#interrupt-cells", 1);
	if (!res)
		res = fdt_property_cell(g->fdt, "#address-cells", 0);
	if (!res)
		res = fdt_property(g->fdt, "interrupt-controller", "", 0);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", &addr, &size, 1);
	if (!res)
		res = fdt_property_cell(g->fdt, "riscv,ndev", ndev);
	if (!res)
		res = prop_plic_contexts(g);
	if (!res)
		res = fdt_property_cell(g->fdt, "phandle", g->ic_phandle);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_irqchip_node(struct guest_dt *g)
{
	const struct vm_layout *l = &g->vm->layout;
	u64 addr[VM_LAYOUT_IRQCHIP_FRAMES], size[VM_LAYOUT_IRQCHIP_FRAMES];
	unsigned int i;

	if (!l->nr_irqchip)
		return -FDT_ERR_BADVALUE;
	for (i = 0; i < l->nr_irqchip; i++) {
		addr[i] = l->irqchip[i].base;
		size[i] = l->irqchip[i].size;
	}
	if (g->chip == GUEST_IRQCHIP_PLIC)
		return make_plic_node(g, addr[0], size[0]);
	return make_gic_node(g, addr, size, (int)l->nr_irqchip);
}

/* Copy @prop of the host console unchanged, if it has one. */
static int copy_console_prop(struct guest_dt *g, int con, const char *prop)
{
	int len;
	const void *val = fdt_getprop(g->host, con, prop, &len);

	return val ? fdt_property(g->fdt, prop, val, len) : 0;
}

int guest_dt_make_fixed_clock(struct guest_dt *g, const char *name, u32 hz, u32 phandle)
{
	int res = fdt_begin_node(g->fdt, name);

	if (!res)
		res = fdt_property_string(g->fdt, "compatible", "fixed-clock");
	if (!res)
		res = fdt_property_cell(g->fdt, "#clock-cells", 0);
	if (!res)
		res = fdt_property_cell(g->fdt, "clock-frequency", hz);
	if (!res)
		res = fdt_property_cell(g->fdt, "phandle", phandle);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

/* clocks = one reference to the fixed clock per host clock name (or one). */
static int prop_vuart_clocks(struct guest_dt *g, int con)
{
	int i, n = fdt_stringlist_count(g->host, con, "clock-names");
	u8 *p;
	int res;

	if (n <= 0)
		n = 1;
	res = fdt_property_placeholder(g->fdt, "clocks", n * 4, (void **)&p);
	for (i = 0; !res && i < n; i++)
		guest_dt_put_cells(p + i * 4, 1, g->clk_phandle);
	return res;
}

/*
 * The virtual UART: the host console's node with its address translated
 * to the root, its interrupts (same controller model), and a fixed clock
 * instead of the host's clock tree, which the VM does not own.
 */
static int make_vuart_node(struct guest_dt *g, int con, u64 addr, u64 size)
{
	static const char *const keep[] = {
	    "compatible",   "clock-names", "clock-frequency", "current-speed",	       "reg-shift",
	    "reg-io-width", "reg-offset",  "fifo-size",	      "arm,primecell-periphid"};
	u32 irq;
	unsigned int i;
	int res = fdt_begin_node(g->fdt, g->vuart_name);

	for (i = 0; !res && i < ARRAY_SIZE(keep); i++)
		res = copy_console_prop(g, con, keep[i]);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", &addr, &size, 1);
	if (!res && vm_device_irqs(g->host, con, &irq, 1) == 1)
		res = guest_dt_prop_host_irqs(g, con, 1, NULL);
	if (!res && g->chip == GUEST_IRQCHIP_PLIC && vm_device_irqs(g->host, con, &irq, 1) == 1)
		res = fdt_property_cell(g->fdt, "interrupt-parent", g->ic_phandle);
	if (!res && g->clk_phandle)
		res = prop_vuart_clocks(g, con);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_vuart_name(struct guest_dt *g)
{
	const struct platform_device *dev = platform_find_device(DEVICE_SERIAL);
	const char *name, *at;
	char base[32];
	u64 addr = g->vm->layout.vuart.base;
	int len;

	if (!dev || !g->vm->layout.vuart.size) {
		pr_err("%s: vuart: the host console has no usable reg\n", g->vm->path);
		return -ENODEV;
	}
	/* Same base name, unit address as the guest sees it (at the root). */
	name = fdt_get_name(g->host, dev->node, &len);
	at = memchr(name, '@', len);
	len = MIN(at ? (int)(at - name) : len, (int)sizeof(base) - 1);
	memcpy(base, name, len);
	base[len] = '\0';
	return node_name(g->vuart_name, sizeof(g->vuart_name), base, addr) ? -ENOSPC : 0;
}

int guest_dt_make_vuart_nodes(struct guest_dt *g)
{
	const struct platform_device *dev = platform_find_device(DEVICE_SERIAL);
	const struct mem_region *regs = &g->vm->layout.vuart;
	u32 hz = VUART_CLOCK_HZ;
	int res;

	if (!g->vm->vuart)
		return 0;
	if (!dev || !regs->size)
		return -FDT_ERR_NOTFOUND;
	if (g->clk_phandle) {
		dt_read_u32(g->host, dev->node, "clock-frequency", &hz);
		res = guest_dt_make_fixed_clock(g, "vuart-clock", hz, g->clk_phandle);
		if (res)
			return res;
	}
	return make_vuart_node(g, dev->node, regs->base, regs->size);
}
