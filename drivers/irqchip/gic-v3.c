// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm GICv3 (IHI 0069). reg: distributor, then #redistributor-regions
 * redistributor regions (Linux binding arm,gic-v3.yaml). Redistributor
 * frames are counted by walking GICR_TYPER until its Last bit.
 *
 * The hypervisor uses affinity routing, Group 1 for everything, the
 * system register CPU interface at EL2 and EOImode 1, so that forwarded
 * interrupts are deactivated by the guest through the list register HW bit
 * (IHI 0069 4.4 "Deactivation", 6.2 "Virtual interrupts").
 */
#define pr_fmt(fmt) "gic-v3: " fmt

#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include "gic_dt.h"
#include <shyper/printk.h>
#include <shyper/spinlock.h>
#include <asm/gic.h>
#include <asm/sysreg.h>

#include "gic-groups.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ICPENDR 0x0280
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
/* Both views of GICD_CTLR (DS=1: Grp0, Grp1, ARE; DS=0 Non-secure: Grp1, Grp1A, ARE_NS). */
#define GICD_CTLR_ENABLE (0x3 | (1U << 4))
#define GICD_CTLR_RWP (1U << 31)

#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_TYPER_VLPIS (1ULL << 1)
#define GICR_TYPER_LAST (1ULL << 4)
#define GICR_CTLR_RWP (1U << 3)
#define GICR_WAKER_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_FRAME_V3 0x20000 /* RD_base + SGI_base */
#define GICR_FRAME_V4 0x40000 /* plus VLPI_base and reserved */
#define GICR_SGI_BASE 0x10000

/* ICC_SRE_EL2: SRE, DFB, DIB, Enable (IHI 0069 12.2.23). */
#define ICC_SRE_EL2_INIT 0xfULL
#define ICC_CTLR_EOIMODE (1ULL << 1)

#define GICV3_MAX_REGIONS 4
#define RWP_SPINS 1000000

static struct {
	paddr_t dist;
	unsigned int nr_regions;
	paddr_t region[GICV3_MAX_REGIONS];
	u64 region_size[GICV3_MAX_REGIONS];
	paddr_t rd[CONFIG_MAX_CPUS]; /* each CPU's own RD_base */
	struct spinlock cfg_lock; /* read-modify-write of GICD_ICFGR */
	enum gic_security security;
} gicv3;

/* @ctx is the frame: the distributor, or a redistributor's SGI_base. */
static u32 frame_read(void *ctx, u32 offset)
{
	return readl((paddr_t)(uintptr_t)ctx + offset);
}

static void frame_write(void *ctx, u32 offset, u32 value)
{
	writel(value, (paddr_t)(uintptr_t)ctx + offset);
}

/* Group 1 (Non-secure) is Shyper's: ICC_IGRPEN1_EL1 enables it. */
static void claim_groups(paddr_t frame, u32 first, unsigned int count)
{
	const struct gic_group_io io = {frame_read, frame_write, (void *)(uintptr_t)frame};
	unsigned int wrong =
	    gic_claim_groups(&io, GICD_IGROUPR + first / 8, count, gicv3.security, true);

	if (wrong)
		pr_err("%u interrupt(s) from %u stay in a group Shyper does not receive\n", wrong,
		       first);
}

static struct cpu *this_cpu(void)
{
	return (struct cpu *)(uintptr_t)read_sysreg(tpidr_el2);
}

static void wait_rwp(paddr_t reg, u32 bit)
{
	unsigned int spins = RWP_SPINS;

	while ((readl(reg) & bit) && --spins)
		;
	if (!spins)
		pr_warn("register write pending at 0x%llx does not clear\n",
			(unsigned long long)reg);
}

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

/* The frame whose GICR_TYPER.Affinity is this CPU's MPIDR (IHI 0069 12.11.34). */
static paddr_t find_redistributor(u64 mpidr)
{
	u32 aff = (u32)(((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff));
	unsigned int i;
	paddr_t frame;
	u64 typer;

	for (i = 0; i < gicv3.nr_regions; i++) {
		for (frame = gicv3.region[i];
		     frame + GICR_FRAME_V3 <= gicv3.region[i] + gicv3.region_size[i];) {
			typer = readq(frame + GICR_TYPER);
			if ((u32)(typer >> 32) == aff)
				return frame;
			if (typer & GICR_TYPER_LAST)
				break;
			frame += typer & GICR_TYPER_VLPIS ? GICR_FRAME_V4 : GICR_FRAME_V3;
		}
	}
	return 0;
}

/* IROUTER and SGI1R both take Aff3 at [39:32]/[55:48], Aff2..Aff0 below. */
static u64 irouter_of(unsigned int cpu)
{
	struct cpu *c = cpu_get(cpu);

	return c ? c->hwid & MPIDR_HWID_MASK : 0;
}

static void writeq_lo_hi(u64 val, paddr_t addr)
{
	writel((u32)val, addr);
	writel((u32)(val >> 32), addr + 4);
}

static void gicv3_dist_init(unsigned int lines)
{
	paddr_t d = gicv3.dist;
	u32 i;

	/* DS, once set, stays set: keep it in every write. */
	u32 keep = gicv3.security == GIC_ONE_STATE ? GICD_CTLR_DS : 0;

	writel(keep, d + GICD_CTLR);
	wait_rwp(d + GICD_CTLR, GICD_CTLR_RWP);
	claim_groups(d, GIC_NR_PRIVATE, lines - GIC_NR_PRIVATE);
	for (i = GIC_NR_PRIVATE; i < lines; i += 32) {
		writel(~0U, d + GICD_ICENABLER + i / 8);
		writel(~0U, d + GICD_ICPENDR + i / 8);
		writel(~0U, d + GICD_ICACTIVER + i / 8);
	}
	for (i = GIC_NR_PRIVATE; i < lines; i += 4)
		writel(GIC_PRIO_DEFAULT * 0x01010101U, d + GICD_IPRIORITYR + i);
	for (i = GIC_NR_PRIVATE; i < lines; i++)
		writeq_lo_hi(irouter_of(this_cpu()->id), d + GICD_IROUTER + i * 8);
	wait_rwp(d + GICD_CTLR, GICD_CTLR_RWP);
	writel(keep | GICD_CTLR_ENABLE, d + GICD_CTLR);
	wait_rwp(d + GICD_CTLR, GICD_CTLR_RWP);
}

static void gicv3_redist_init(paddr_t rd)
{
	paddr_t sgi = rd + GICR_SGI_BASE;
	unsigned int spins = RWP_SPINS;
	u32 i;

	writel(readl(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP, rd + GICR_WAKER);
	while ((readl(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) && --spins)
		;
	claim_groups(sgi, 0, GIC_NR_PRIVATE);
	writel(~0U, sgi + GICD_ICENABLER);
	writel(~0U, sgi + GICD_ICPENDR);
	writel(~0U, sgi + GICD_ICACTIVER);
	wait_rwp(rd + GICR_CTLR, GICR_CTLR_RWP);
	for (i = 0; i < GIC_NR_PRIVATE; i += 4)
		writel((i < GIC_NR_SGIS ? GIC_PRIO_IPI : GIC_PRIO_DEFAULT) * 0x01010101U,
		       sgi + GICD_IPRIORITYR + i);
	writel((1U << GIC_SGI_KICK) | (1U << gic.maint_irq), sgi + GICD_ISENABLER);
}

static void gicv3_cpu_init(void)
{
	struct cpu *cpu = this_cpu();
	paddr_t rd = find_redistributor(read_sysreg(mpidr_el1));

	if (!rd) {
		pr_err("CPU%u: no redistributor for MPIDR 0x%llx\n", cpu->id,
		       (unsigned long long)read_sysreg(mpidr_el1));
		return;
	}
	gicv3.rd[cpu->id] = rd;
	gicv3_redist_init(rd);
	/* System register interface for EL2 and, through Enable, for EL1. */
	write_sysreg(ICC_SRE_EL2_INIT, icc_sre_el2);
	isb();
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(ICC_CTLR_EOIMODE, icc_ctlr_el1);
	write_sysreg(1, icc_igrpen1_el1);
	isb();
}

static u32 gicv3_ack(void)
{
	u32 iar = (u32)read_sysreg(icc_iar1_el1);

	dsb(sy); /* the device's state is observed after the acknowledge */
	return iar;
}

static void gicv3_eoi(u32 iar)
{
	write_sysreg(iar, icc_eoir1_el1);
	isb();
}

static void gicv3_dir(u32 iar)
{
	write_sysreg(iar, icc_dir_el1);
	isb();
}

/* Set/clear register of @intid: this CPU's SGI_base for SGIs/PPIs. */
static paddr_t bit_reg(u32 intid, u32 offset)
{
	if (intid < GIC_NR_PRIVATE)
		return gicv3.rd[this_cpu()->id] + GICR_SGI_BASE + offset;
	return gicv3.dist + offset + (intid / 32) * 4;
}

static void gicv3_clear_active(u32 intid)
{
	writel(1U << (intid % 32), bit_reg(intid, GICD_ICACTIVER));
}

static void gicv3_enable(u32 intid, bool on)
{
	writel(1U << (intid % 32), bit_reg(intid, on ? GICD_ISENABLER : GICD_ICENABLER));
}

/* ICC_SGI1R_EL1: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2, RS, Aff3. */
static void gicv3_send_sgi(unsigned int sgi, unsigned int cpu)
{
	u64 aff = irouter_of(cpu), val;

	val = (1ULL << (aff & 0xf)) | (((aff >> 8) & 0xff) << 16) | ((u64)sgi << 24) |
	      (((aff >> 16) & 0xff) << 32) | (((aff >> 4) & 0xf) << 44) |
	      (((aff >> 32) & 0xff) << 48);
	dsb(ishst); /* what the target reads after the SGI is visible first */
	write_sysreg(val, icc_sgi1r_el1);
	isb();
}

static void gicv3_route(u32 intid, unsigned int cpu)
{
	if (intid >= GIC_NR_PRIVATE && intid < gic.nr_lines)
		writeq_lo_hi(irouter_of(cpu), gicv3.dist + GICD_IROUTER + intid * 8);
}

/* GICD_ICFGR: two bits per interrupt, bit 1 set for edge (IHI 0069 12.9.9). */
static void gicv3_set_edge(u32 intid, bool edge)
{
	paddr_t reg = gicv3.dist + GICD_ICFGR + (intid / 16) * 4;
	u32 bit = 2U << ((intid % 16) * 2), val;

	if (intid < GIC_NR_PRIVATE || intid >= gic.nr_lines)
		return;
	spin_lock(&gicv3.cfg_lock);
	val = readl(reg);
	writel(edge ? val | bit : val & ~bit, reg);
	spin_unlock(&gicv3.cfg_lock);
}

static const struct gic_ops gicv3_ops = {
    .cpu_init = gicv3_cpu_init,
    .ack = gicv3_ack,
    .eoi = gicv3_eoi,
    .dir = gicv3_dir,
    .clear_active = gicv3_clear_active,
    .send_sgi = gicv3_send_sgi,
    .route = gicv3_route,
    .enable = gicv3_enable,
    .set_edge = gicv3_set_edge,
};

static void gicv3_register(const void *fdt, int node, u64 dist_size, u32 typer)
{
	struct gic_info info = {
	    .version = 3,
	    .ops = &gicv3_ops,
	    .dist = gicv3.dist,
	    .dist_size = dist_size,
	    .redist = gicv3.region[0],
	    .nr_lines = MIN(GICD_TYPER_LINES(typer), GIC_MAX_INTID),
	    .maint_irq = gic_dt_maint_irq(fdt, node),
	};

	gicv3_dist_init(info.nr_lines);
	gic_register(&info);
}

static __init int gicv3_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	paddr_t dist, rbase;
	u32 regions = 1, i, typer;
	struct gicv3_hw hw = {0};
	u64 size, dist_size;
	int err;

	if (dt_read_reg(fdt, node, 0, &dist, &dist_size))
		return -EINVAL;
	if (mm_map_device(dist, dist_size))
		return -ENOMEM;
	dt_read_u32(fdt, node, "#redistributor-regions", &regions);
	for (i = 0; i < regions; i++) {
		if (dt_read_reg(fdt, node, 1 + i, &rbase, &size))
			return -EINVAL;
		if (mm_map_device(rbase, size))
			return -ENOMEM;
		hw.redists += count_redistributors(rbase, size);
		if (!gic.ops && i < GICV3_MAX_REGIONS) {
			gicv3.region[i] = rbase;
			gicv3.region_size[i] = size;
			gicv3.nr_regions = i + 1;
		}
	}
	typer = readl(dist + GICD_TYPER);
	hw.lines = GICD_TYPER_LINES(typer);
	hw.arch_rev = (readl(dist + GICD_PIDR2) >> 4) & 0xf;
	hw.security = gic_security_name(gicv3_security(readl(dist + GICD_CTLR)));
	err = device_add(&gicv3_dt, fdt, node, id, &hw);
	if (!err && !gic.ops) { /* a second GIC node: the first one serves */
		gicv3.dist = dist;
		gicv3.security = gicv3_security(readl(dist + GICD_CTLR));
		gicv3_register(fdt, node, dist_size, typer);
	}
	return err;
}

DRIVER_HW_DECLARE(gicv3, gicv3_dt, gicv3_probe);
