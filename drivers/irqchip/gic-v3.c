// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm GICv3 (IHI 0069). reg: distributor, then #redistributor-regions
 * redistributor regions (Linux binding arm,gic-v3.yaml). Redistributor
 * frames are counted by walking GICR_TYPER until its Last bit.
 */
#define pr_fmt(fmt) "gic-v3: " fmt

#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

#define GICD_TYPER 0x0004
#define GICD_PIDR2 0xffe8
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
#define GICR_TYPER 0x0008
#define GICR_TYPER_VLPIS (1ULL << 1)
#define GICR_TYPER_LAST (1ULL << 4)
#define GICR_FRAME_V3 0x20000 /* RD_base + SGI_base */
#define GICR_FRAME_V4 0x40000 /* plus VLPI_base and reserved */

/* Frames in one redistributor region, stopping at Last or the region end. */
static unsigned int count_redistributors(paddr_t base, u64 size)
{
	unsigned int count = 0;
	paddr_t frame = base;
	u64 typer;

	while (frame + GICR_FRAME_V3 <= base + size) {
		typer = readq(frame + GICR_TYPER);
		count++;
		if (typer & GICR_TYPER_LAST)
			break;
		frame += typer & GICR_TYPER_VLPIS ? GICR_FRAME_V4 : GICR_FRAME_V3;
	}
	return count;
}

static int gicv3_probe(const void *fdt, int node, const char *compatible)
{
	paddr_t dist, rbase, first = 0;
	u32 regions = 1, i, typer;
	unsigned int redists = 0;
	u64 size;

	if (dt_read_reg(fdt, node, 0, &dist, &size))
		return -EINVAL;
	dt_read_u32(fdt, node, "#redistributor-regions", &regions);
	for (i = 0; i < regions; i++) {
		if (dt_read_reg(fdt, node, 1 + i, &rbase, &size))
			return -EINVAL;
		first = first ? first : rbase;
		redists += count_redistributors(rbase, size);
	}
	typer = readl(dist + GICD_TYPER);
	platform_add_device(DEVICE_IRQCHIP, node, "gic-v3",
			    "GICv3 (%s) dist 0x%llx redist 0x%llx, %u redistributors in %u "
			    "region(s), %u lines, arch rev %u",
			    compatible, (unsigned long long)dist, (unsigned long long)first,
			    redists, regions, GICD_TYPER_LINES(typer),
			    (readl(dist + GICD_PIDR2) >> 4) & 0xf);
	return 0;
}

static const char *const gicv3_compatible[] = {"arm,gic-v3", NULL};
DRIVER_DECLARE(gicv3, "gic-v3", DEVICE_IRQCHIP, gicv3_compatible, gicv3_probe);
