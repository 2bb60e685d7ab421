/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the halves of the GIC drivers (gic-v2.c, gic-v3.c, gic_dt.c). */
#ifndef DRIVERS_IRQCHIP_GIC_DT_H
#define DRIVERS_IRQCHIP_GIC_DT_H

#include <shyper/types.h>

/* The frames of a GICv2 node's reg, in binding order (arm,gic.yaml). */
enum { GICV2_DIST, GICV2_CPU, GICV2_HYP, GICV2_VCPU, GICV2_REGS };

/* What the GICv2 driver reads from the distributor, for the summary. */
struct gicv2_hw {
	u32 lines;
	u32 cpus;
	u32 iidr;
	const char *security;
};

/* What the GICv3 driver reads from the distributor and redistributors. */
struct gicv3_hw {
	u32 redists;
	u32 lines;
	u32 arch_rev;
	const char *security;
};

/**
 * gicv2_dt_read() - the four frames of GICv2 node @node (absent ones 0)
 * Return: 0, or -EINVAL without the distributor or CPU interface.
 */
int gicv2_dt_read(const void *fdt, int node, paddr_t reg[GICV2_REGS], u64 size[GICV2_REGS]);

#endif
