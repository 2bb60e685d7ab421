// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm GICv2 (IHI 0048B). reg: distributor, CPU interface, and with the
 * virtualization extensions the hypervisor (GICH) and virtual CPU (GICV)
 * interfaces (Linux binding arm,gic.yaml).
 *
 * The hypervisor runs its CPU interface with EOImodeNS set, so a priority
 * drop (GICC_EOIR) and the deactivation (GICC_DIR, or the guest through a
 * list register with the HW bit) are separate steps (IHI 0048B 3.2.5,
 * 5.2.1).
 */
#define pr_fmt(fmt) "gic-v2: " fmt

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

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_TYPER_LINES(t) ((((t)&0x1f) + 1) * 32)
#define GICD_TYPER_CPUS(t) ((((t) >> 5) & 0x7) + 1)

#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR 0x1000

static struct {
	paddr_t dist;
	paddr_t cpu;
	u8 cpu_mask[CONFIG_MAX_CPUS]; /* CPU interface bit of each CPU */
	struct spinlock cfg_lock; /* read-modify-write of GICD_ICFGR */
	enum gic_security security;
} gicv2;

static u32 dist_read(void *ctx, u32 offset)
{
	return readl(gicv2.dist + offset);
}

static void dist_write(void *ctx, u32 offset, u32 value)
{
	writel(value, gicv2.dist + offset);
}

static const struct gic_group_io dist_io = {.read = dist_read, .write = dist_write};

/* Group 0 is Shyper's when it owns the groups (gic-groups.h). */
static void claim_groups(u32 first, unsigned int count)
{
	unsigned int wrong =
	    gic_claim_groups(&dist_io, GICD_IGROUPR + first / 8, count, gicv2.security, false);

	if (wrong)
		pr_err("%u interrupt(s) from %u stay in a group Shyper does not receive\n", wrong,
		       first);
}

static struct cpu *this_cpu(void)
{
	return (struct cpu *)(uintptr_t)read_sysreg(tpidr_el2);
}

/* A CPU not yet initialised gets the usual interface numbering. */
static u8 mask_of(unsigned int cpu)
{
	if (cpu >= CONFIG_MAX_CPUS)
		return 0;
	return gicv2.cpu_mask[cpu] ? gicv2.cpu_mask[cpu] : (u8)(1U << (cpu & 7));
}

static void gicv2_dist_init(unsigned int lines)
{
	paddr_t d = gicv2.dist;
	u32 i, self = readl(d + GICD_ITARGETSR) & 0xff;

	writel(0, d + GICD_CTLR);
	claim_groups(GIC_NR_PRIVATE, lines - GIC_NR_PRIVATE);
	for (i = GIC_NR_PRIVATE; i < lines; i += 32) {
		writel(~0U, d + GICD_ICENABLER + i / 8);
		writel(~0U, d + GICD_ICPENDR + i / 8);
		writel(~0U, d + GICD_ICACTIVER + i / 8);
	}
	for (i = GIC_NR_PRIVATE; i < lines; i += 4) {
		writel(GIC_PRIO_DEFAULT * 0x01010101U, d + GICD_IPRIORITYR + i);
		writel(self * 0x01010101U, d + GICD_ITARGETSR + i);
	}
	writel(1, d + GICD_CTLR);
}

static void gicv2_cpu_init(void)
{
	paddr_t d = gicv2.dist, c = gicv2.cpu;
	struct cpu *cpu = this_cpu();
	u32 i;

	/* GICD_ITARGETSR0..7 read as this CPU's own interface bit (4.3.12). */
	gicv2.cpu_mask[cpu->id] = readl(d + GICD_ITARGETSR) & 0xff;
	claim_groups(0, GIC_NR_PRIVATE); /* banked: this CPU's SGIs and PPIs */
	writel(~0U, d + GICD_ICENABLER);
	writel(~0U, d + GICD_ICPENDR);
	writel(~0U, d + GICD_ICACTIVER);
	for (i = 0; i < GIC_NR_PRIVATE; i += 4)
		writel((i < GIC_NR_SGIS ? GIC_PRIO_IPI : GIC_PRIO_DEFAULT) * 0x01010101U,
		       d + GICD_IPRIORITYR + i);
	writel((1U << GIC_SGI_KICK) | (1U << gic.maint_irq), d + GICD_ISENABLER);
	writel(0xff, c + GICC_PMR);
	writel(0, c + GICC_BPR);
	writel(gicv2_cpu_ctlr(readl(c + GICC_CTLR)), c + GICC_CTLR);
}

static u32 gicv2_ack(void)
{
	u32 iar = readl(gicv2.cpu + GICC_IAR);

	dsb(sy);
	return iar;
}

static void gicv2_eoi(u32 iar)
{
	writel(iar, gicv2.cpu + GICC_EOIR);
}

static void gicv2_dir(u32 iar)
{
	writel(iar, gicv2.cpu + GICC_DIR);
}

/* SGIs and PPIs are banked: these reach the calling CPU's copy. */
static void gicv2_clear_active(u32 intid)
{
	writel(1U << (intid % 32), gicv2.dist + GICD_ICACTIVER + (intid / 32) * 4);
}

static void gicv2_enable(u32 intid, bool on)
{
	writel(1U << (intid % 32),
	       gicv2.dist + (on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4);
}

/* GICD_SGIR: TargetListFilter 0 (the list), CPUTargetList [23:16], SGIINTID. */
static void gicv2_send_sgi(unsigned int sgi, unsigned int cpu)
{
	dsb(ishst);
	writel(((u32)mask_of(cpu) << 16) | (sgi & 0xf), gicv2.dist + GICD_SGIR);
}

static void gicv2_route(u32 intid, unsigned int cpu)
{
	if (intid >= GIC_NR_PRIVATE && intid < gic.nr_lines)
		writeb(mask_of(cpu), gicv2.dist + GICD_ITARGETSR + intid);
}

static void gicv2_set_edge(u32 intid, bool edge)
{
	paddr_t reg = gicv2.dist + GICD_ICFGR + (intid / 16) * 4;
	u32 bit = 2U << ((intid % 16) * 2), val;

	if (intid < GIC_NR_PRIVATE || intid >= gic.nr_lines)
		return;
	spin_lock(&gicv2.cfg_lock);
	val = readl(reg);
	writel(edge ? val | bit : val & ~bit, reg);
	spin_unlock(&gicv2.cfg_lock);
}

static const struct gic_ops gicv2_ops = {
    .cpu_init = gicv2_cpu_init,
    .ack = gicv2_ack,
    .eoi = gicv2_eoi,
    .dir = gicv2_dir,
    .clear_active = gicv2_clear_active,
    .send_sgi = gicv2_send_sgi,
    .route = gicv2_route,
    .enable = gicv2_enable,
    .set_edge = gicv2_set_edge,
};

static void gicv2_register(const void *fdt, int node, const paddr_t *reg, const u64 *size,
			   u32 typer)
{
	struct gic_info info = {
	    .version = 2,
	    .ops = &gicv2_ops,
	    .dist = reg[GICV2_DIST],
	    .dist_size = size[GICV2_DIST],
	    .cpu_if = reg[GICV2_CPU],
	    .cpu_if_size = size[GICV2_CPU],
	    .hyp = reg[GICV2_HYP],
	    .vcpu_if = reg[GICV2_VCPU],
	    .vcpu_if_size = size[GICV2_VCPU],
	    .nr_lines = MIN(GICD_TYPER_LINES(typer), GIC_MAX_INTID),
	    .maint_irq = gic_dt_maint_irq(fdt, node),
	};

	gicv2.dist = reg[GICV2_DIST];
	gicv2.cpu = reg[GICV2_CPU];
	gicv2.security = gicv2_security(typer);
	gicv2_dist_init(info.nr_lines);
	gic_register(&info);
}

static __init int gicv2_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	paddr_t reg[GICV2_REGS];
	u64 size[GICV2_REGS];
	struct gicv2_hw hw;
	u32 typer;
	int i, err;

	if (gicv2_dt_read(fdt, node, reg, size))
		return -EINVAL;
	/* GICV is only ever mapped into guests (stage 2), never for Shyper. */
	for (i = 0; i < GICV2_VCPU; i++)
		if (reg[i] && mm_map_device(reg[i], size[i]))
			return -ENOMEM;
	if (!reg[GICV2_HYP] || !reg[GICV2_VCPU])
		pr_warn("no GICH/GICV in reg: virtual interrupts unavailable\n");
	typer = readl(reg[GICV2_DIST] + GICD_TYPER);
	hw = (struct gicv2_hw){
	    .lines = GICD_TYPER_LINES(typer),
	    .cpus = GICD_TYPER_CPUS(typer),
	    .iidr = readl(reg[GICV2_DIST] + GICD_IIDR),
	    .security = gic_security_name(gicv2_security(typer)),
	};
	err = device_add(&gicv2_dt, fdt, node, id, &hw);
	if (!err && !gic.ops) /* a second GIC node: the first one serves */
		gicv2_register(fdt, node, reg, size, typer);
	return err;
}

DRIVER_HW_DECLARE(gicv2, gicv2_dt, gicv2_probe);
