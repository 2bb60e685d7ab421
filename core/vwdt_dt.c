// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual watchdog as the guest sees it (include/shyper/vwdt.h): which
 * model, its compatible, its size, its clock. Built into every image and
 * the offline checker, with or without CONFIG_VWDT: the layout and the
 * guest DT depend on it.
 */
#include <libfdt.h>
#include <shyper/fmt.h>
#include <shyper/vwdt.h>
#include "guest_dt_internal.h"

/*
 * Linux's sp805_wdt (an AMBA driver: the bus probe reads the PrimeCell
 * ids, and wants "apb_pclk"; the driver counts the first clock).
 */
static const char sp805_compat[] = "arm,sp805\0arm,primecell";
static const struct vwdt_desc sp805 = {
    .kind = VWDT_SP805,
    .name = "SP805",
    .compatible = sp805_compat,
    .compatible_len = sizeof(sp805_compat),
    .size = 0x1000,
    .clock_hz = VWDT_SP805_HZ,
};

/* Linux's sunxi_wdt, which needs no clock and no interrupt. */
static const char sunxi_compat[] = "allwinner,sun6i-a31-wdt";
static const struct vwdt_desc sunxi = {
    .kind = VWDT_SUNXI,
    .name = "Allwinner A31 watchdog",
    .compatible = sunxi_compat,
    .compatible_len = sizeof(sunxi_compat),
    .size = 0x20,
};

const struct vwdt_desc *vwdt_desc_of(enum guest_irqchip chip)
{
	switch (chip) {
	case GUEST_IRQCHIP_GICV2:
	case GUEST_IRQCHIP_GICV3:
		return &sp805; /* Debian arm64: ARM_SP805_WATCHDOG=m */
	case GUEST_IRQCHIP_PLIC:
		return &sunxi; /* Debian riscv64: SUNXI_WATCHDOG=m, no SP805 */
	default:
		return NULL;
	}
}

/* clocks = <wdog_clk apb_pclk>: one fixed clock serves as both. */
static int prop_clocks(struct guest_dt *g)
{
	static const char names[] = "wdog_clk\0apb_pclk";
	u8 *p;
	int res = fdt_property_placeholder(g->fdt, "clocks", 8, (void **)&p);

	if (res)
		return res;
	guest_dt_put_cells(p, 1, g->wdt_clk_phandle);
	guest_dt_put_cells(p + 4, 1, g->wdt_clk_phandle);
	return fdt_property(g->fdt, "clock-names", names, sizeof(names));
}

int guest_dt_make_watchdog_node(struct guest_dt *g)
{
	const struct mem_region *r = &g->vm->layout.watchdog;
	const struct vwdt_desc *d = vwdt_desc_of(g->chip);
	const u64 size = d ? d->size : 0;
	char name[40];
	int res = 0;

	if (!g->vm->watchdog || !r->size || !d)
		return 0;
	if (d->clock_hz)
		res =
		    guest_dt_make_fixed_clock(g, "watchdog-clock", d->clock_hz, g->wdt_clk_phandle);
	fmt_snprintf(name, sizeof(name), "watchdog@%llx", (unsigned long long)r->base);
	if (!res)
		res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property(g->fdt, "compatible", d->compatible, d->compatible_len);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", &r->base, &size, 1);
	if (!res && d->clock_hz)
		res = prop_clocks(g);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}
