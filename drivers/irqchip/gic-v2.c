// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm GICv2 (IHI 0048B). reg: distributor, CPU interface, and with the
 * virtualization extensions the hypervisor (GICH) and virtual CPU (GICV)
 * interfaces (Linux binding arm,gic.yaml).
 */
#define pr_fmt(fmt) "gic-v2: " fmt

#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
#define GICD_TYPER_CPUS(t) ((((t) >> 5) & 0x7) + 1)

enum { GICV2_DIST, GICV2_CPU, GICV2_HYP, GICV2_VCPU, GICV2_REGS };

static int gicv2_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t reg[GICV2_REGS] = {0};
	u64 size;
	u32 typer;
	int i;

	for (i = 0; i < GICV2_REGS; i++)
		if (dt_read_reg(fdt, node, i, &reg[i], &size) && i < GICV2_HYP)
			return -EINVAL;
	if (!reg[GICV2_HYP] || !reg[GICV2_VCPU])
		pr_warn("no GICH/GICV in reg: virtual interrupts unavailable\n");
	typer = readl(reg[GICV2_DIST] + GICD_TYPER);
	platform_add_device(DEVICE_IRQCHIP, node, "gic-v2",
			    "GICv2 (%s) dist 0x%llx cpu 0x%llx hyp 0x%llx vcpu 0x%llx, "
			    "%u lines, %u cpu interfaces, iidr 0x%x",
			    compatible, (unsigned long long)reg[GICV2_DIST],
			    (unsigned long long)reg[GICV2_CPU], (unsigned long long)reg[GICV2_HYP],
			    (unsigned long long)reg[GICV2_VCPU], GICD_TYPER_LINES(typer),
			    GICD_TYPER_CPUS(typer), readl(reg[GICV2_DIST] + GICD_IIDR));
	return 0;
}

static const char *const gicv2_compatible[] = {"arm,gic-400", "arm,cortex-a15-gic",
					       "arm,cortex-a9-gic", NULL};
DRIVER_DECLARE(gicv2, "gic-v2", DEVICE_IRQCHIP, gicv2_compatible, gicv2_probe);
