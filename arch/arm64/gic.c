// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical interrupts at EL2 (HCR_EL2.IMO routes them here, from the guest
 * or while the hypervisor waits). Every interrupt gets its priority drop
 * at once; the deactivation is split off (EOImode 1, IHI 0069 4.4 / IHI
 * 0048B 3.2.5): the hypervisor's own interrupts are deactivated here, a
 * forwarded one by the guest, through the HW bit of its list register.
 */
#define pr_fmt(fmt) "gic: " fmt

#include <shyper/cpu.h>
#include <shyper/irq.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vwdt.h>
#include "vgic-internal.h"

struct gic_info gic;

/* GICv2 keeps the SGI source CPU in IAR[12:10]; GICv3 INTIDs are 24 bits. */
static u32 iar_intid(u32 iar)
{
	return gic.version == 2 ? iar & 0x3ff : iar & 0xffffff;
}

void gic_register(const struct gic_info *info)
{
	if (gic.ops)
		return;
	gic = *info;
	pr_debug("GICv%u registered, %u lines, maintenance INTID %u\n", gic.version, gic.nr_lines,
		 gic.maint_irq);
}

u32 gic_dt_maint_irq(const void *fdt, int node)
{
	struct dt_irq irq;

	if (dt_read_irq(fdt, node, 0, &irq) || !irq.percpu || irq.hwirq >= GIC_NR_PRIVATE)
		return GIC_PPI_MAINT_DEFAULT;
	return irq.hwirq;
}

/*
 * HCR_EL2.IMO: without it a physical IRQ targets EL1 and is never taken
 * while the CPU runs at EL2 (Arm ARM D1.3.6, asynchronous exception
 * routing), so a waiting CPU would miss kicks and the console.
 */

void gic_cpu_init(void)
{
	if (!gic.ops)
		return;
	gic.ops->cpu_init();
	write_sysreg(read_sysreg(hcr_el2) | HCR_IMO, hcr_el2);
	isb();
}

/*
 * CNTHP (Arm ARM D11.2.4): ENABLE with IMASK clear. Its PPI is banked:
 * enabled on the CPU that arms it, which is the one that takes it.
 */
void timer_arch_hyp_arm(u64 when)
{
	u32 ppi = timer_hyp_irq();

	if (!gic.ops || !ppi)
		return;
	gic.ops->enable(ppi, true);
	write_sysreg(when, cnthp_cval_el2);
	write_sysreg(1, cnthp_ctl_el2);
	isb();
}

void gic_send_ipi(unsigned int cpu)
{
	if (gic.ops)
		gic.ops->send_sgi(GIC_SGI_KICK, cpu);
}

void gic_route_irq(u32 intid, unsigned int cpu)
{
	if (!gic.ops)
		return;
	gic.ops->route(intid, cpu);
	gic.ops->enable(intid, true);
}

/* An interrupt nobody claims: deactivate and disable it so it cannot storm. */
static void unexpected(u32 iar)
{
	u32 intid = iar_intid(iar);

	gic.ops->dir(iar);
	if (intid >= GIC_NR_SGIS)
		gic.ops->enable(intid, false);
	pr_warn("CPU%u: unexpected interrupt %u disabled\n", cpu_current()->id, intid);
}

/*
 * After the priority drop: the GIC's own interrupts (SGIs, maintenance,
 * forwarded PPIs) here, every SPI through the core dispatcher. A forwarded
 * interrupt is deactivated by the guest through the list register HW bit.
 */
static void dispatch(u32 iar)
{
	u32 intid = iar_intid(iar);

	if (intid < GIC_NR_SGIS) {
		gic.ops->dir(iar);
		if (intid == GIC_SGI_KICK)
			vgic_flush();
	} else if (intid == gic.maint_irq) {
		vgic_maintenance();
		gic.ops->dir(iar);
	} else if (intid && intid == timer_hyp_irq()) {
		write_sysreg(0, cnthp_ctl_el2); /* one shot: timer_arch_hyp_arm() sets it again */
		gic.ops->dir(iar);
		vwdt_timer_fired();
	} else if (vgic_forward_ppi(intid)) {
		/* deactivated by the guest */
	} else {
		switch (irq_dispatch(intid)) {
		case IRQ_HANDLED:
			gic.ops->dir(iar);
			break;
		case IRQ_UNCLAIMED:
			unexpected(iar);
			break;
		case IRQ_FORWARDED:
			break;
		}
	}
}

void gic_handle_irq(void)
{
	u32 iar;

	if (!gic.ops)
		return;
	/*
	 * One interrupt per entry: another one pending takes the CPU back at
	 * once, and the common case saves an acknowledge that finds nothing.
	 */
	iar = gic.ops->ack();
	if (iar_intid(iar) >= GIC_MAX_INTID)
		return; /* 1020..1023: spurious, or taken by another CPU */
	gic.ops->eoi(iar);
	dispatch(iar);
}
