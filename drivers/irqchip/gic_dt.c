// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree half of both GIC drivers (the offline checker links it
 * too): match tables, reg, the summary lines, and interrupt specifiers. Linux bindings arm,gic.yaml
 * and arm,gic-v3.yaml: <type number flags> or, with PPI partitions, <type number flags partition>;
 * type 0 SPI, 1 PPI, 2 extended SPI, 3 extended PPI (GICv3.1). INTID ranges: IHI 0069 2.2.1.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/irq.h>
#include "gic_dt.h"

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
 * The GICv2 driver's compatibles. arm,cortex-a7-gic and arm,cortex-a15-gic
 * are GIC-400-class controllers with the virtualization extensions (GICH,
 * GICV in reg[2], reg[3]); arm,cortex-a9-gic has none, so on it the driver
 * serves the host and warns that guests get no virtual interrupts.
 */
const struct dt_device_id gicv2_match[] = {
    {"arm,gic-400", NULL},
    {"arm,cortex-a15-gic", NULL},
    {"arm,cortex-a7-gic", NULL},
    {"arm,cortex-a9-gic", NULL},
    {NULL, NULL},
};

const struct dt_device_id gicv3_match[] = {
    {"arm,gic-v3", NULL},
    {NULL, NULL},
};

/*
 * The other controllers of the two bindings, which no driver probes:
 * their specifiers are still read (the checker's summary, and a device's
 * interrupts routed through such a controller).
 */
static const struct dt_device_id gic_other_match[] = {
    {"arm,arm11mp-gic", NULL},	  {"arm,eb11mp-gic", NULL},	 {"arm,tc11mp-gic", NULL},
    {"arm,pl390", NULL},	  {"brcm,brahma-b15-gic", NULL}, {"nvidia,tegra210-agic", NULL},
    {"qcom,msm-8660-qgic", NULL}, {"qcom,msm-qgic2", NULL},	 {NULL, NULL},
};

IRQ_XLATE_DECLARE(gicv2, gicv2_match, gic_dt_xlate);
IRQ_XLATE_DECLARE(gicv3, gicv3_match, gic_dt_xlate);
IRQ_XLATE_DECLARE(gic_other, gic_other_match, gic_dt_xlate);

int gicv2_dt_read(const void *fdt, int node, paddr_t reg[GICV2_REGS], u64 size[GICV2_REGS])
{
	int i;

	for (i = 0; i < GICV2_REGS; i++) {
		reg[i] = size[i] = 0;
		/* GICD and GICC are required; GICH and GICV only for guests. */
		if (dt_read_reg(fdt, node, i, &reg[i], &size[i]) && i < GICV2_HYP)
			return -EINVAL;
	}
	return 0;
}

static int gicv2_describe(const void *fdt, int node, const struct dt_device_id *id,
			  const void *hw_data, char *buf, size_t len)
{
	const struct gicv2_hw *hw = hw_data;
	paddr_t reg[GICV2_REGS];
	u64 size[GICV2_REGS];
	char lines[12] = "?", cpus[12] = "?", iidr[12] = "?";

	if (gicv2_dt_read(fdt, node, reg, size))
		return -EINVAL;
	if (hw) {
		fmt_snprintf(lines, sizeof(lines), "%u", hw->lines);
		fmt_snprintf(cpus, sizeof(cpus), "%u", hw->cpus);
		fmt_snprintf(iidr, sizeof(iidr), "0x%x", hw->iidr);
	}
	fmt_snprintf(buf, len,
		     "GICv2 (%s) dist 0x%llx cpu 0x%llx hyp 0x%llx vcpu 0x%llx, %s lines, %s cpu "
		     "interfaces, iidr %s, %s",
		     id->compatible, (unsigned long long)reg[GICV2_DIST],
		     (unsigned long long)reg[GICV2_CPU], (unsigned long long)reg[GICV2_HYP],
		     (unsigned long long)reg[GICV2_VCPU], lines, cpus, iidr,
		     hw ? hw->security : "?");
	return 0;
}

DRIVER_DT_DECLARE(gicv2_dt, "gic-v2", DEVICE_IRQCHIP, gicv2_match, gicv2_describe);

static int gicv3_describe(const void *fdt, int node, const struct dt_device_id *id,
			  const void *hw_data, char *buf, size_t len)
{
	const struct gicv3_hw *hw = hw_data;
	char redists[12] = "?", lines[12] = "?", rev[12] = "?";
	paddr_t dist, redist;
	u64 size;
	u32 regions = 1;

	if (dt_read_reg(fdt, node, 0, &dist, &size) || dt_read_reg(fdt, node, 1, &redist, &size))
		return -EINVAL;
	dt_read_u32(fdt, node, "#redistributor-regions", &regions);
	if (hw) {
		fmt_snprintf(redists, sizeof(redists), "%u", hw->redists);
		fmt_snprintf(lines, sizeof(lines), "%u", hw->lines);
		fmt_snprintf(rev, sizeof(rev), "%u", hw->arch_rev);
	}
	fmt_snprintf(buf, len,
		     "GICv3 (%s) dist 0x%llx redist 0x%llx, %s redistributors in %u region(s), %s "
		     "lines, arch rev %s, %s",
		     id->compatible, (unsigned long long)dist, (unsigned long long)redist, redists,
		     regions, lines, rev, hw ? hw->security : "?");
	return 0;
}

DRIVER_DT_DECLARE(gicv3_dt, "gic-v3", DEVICE_IRQCHIP, gicv3_match, gicv3_describe);
