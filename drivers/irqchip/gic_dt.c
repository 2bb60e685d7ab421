// SPDX-License-Identifier: GPL-2.0-only
/*
 * GIC interrupt specifiers, the device-tree half of both GIC drivers (the
 * offline checker links it too). Linux bindings arm,gic.yaml and
 * arm,gic-v3.yaml: <type number flags> or, with PPI partitions,
 * <type number flags partition>; type 0 SPI, 1 PPI, 2 extended SPI,
 * 3 extended PPI (GICv3.1). INTID ranges: IHI 0069 2.2.1.
 */
#include <shyper/errno.h>
#include <shyper/irq.h>

#define GIC_DT_SPI 0
#define GIC_DT_PPI 1
#define GIC_DT_ESPI 2
#define GIC_DT_EPPI 3

struct gic_dt_range {
	u32 first; /* INTID of number 0 */
	u32 count;
	bool percpu;
};

static const struct gic_dt_range ranges[] = {
    [GIC_DT_SPI] = {32, 988, false},
    [GIC_DT_PPI] = {16, 16, true},
    [GIC_DT_ESPI] = {4096, 1024, false},
    [GIC_DT_EPPI] = {1056, 64, true},
};

static int gic_dt_xlate(struct dt_irq *irq)
{
	u32 type = irq->cell[0], num = irq->cell[1];

	if (irq->nr_cells < 3 || type >= ARRAY_SIZE(ranges) || num >= ranges[type].count)
		return -EINVAL;
	irq->hwirq = ranges[type].first + num;
	irq->percpu = ranges[type].percpu;
	irq->type = irq->cell[2] & DT_IRQ_TYPE_MASK;
	return 0;
}

/*
 * Every controller of the two bindings, also those the drivers do not
 * probe: their specifiers are still read (the checker's summary, and a
 * device's interrupts routed through such a controller).
 */
static const char *const gic_xlate_compat[] = {"arm,gic-400",	      "arm,cortex-a15-gic",
					       "arm,cortex-a9-gic",   "arm,cortex-a7-gic",
					       "arm,arm11mp-gic",     "arm,eb11mp-gic",
					       "arm,tc11mp-gic",      "arm,pl390",
					       "brcm,brahma-b15-gic", "nvidia,tegra210-agic",
					       "qcom,msm-8660-qgic",  "qcom,msm-qgic2",
					       "arm,gic-v3",	      NULL};
IRQ_XLATE_DECLARE(gic, gic_xlate_compat, gic_dt_xlate);
