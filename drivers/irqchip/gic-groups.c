// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt groups (drivers/irqchip/gic-groups.h). The raspi4b case shows
 * why this matters: its GIC-400 model has no Security Extensions, TF-A
 * moves every interrupt to Group 1, and a hypervisor that enables only
 * Group 0 then never receives its own SGIs, maintenance or timer PPIs.
 */
#include "gic-groups.h"

enum gic_security gicv2_security(u32 typer)
{
	return typer & GICD_TYPER_SECURITY_EXTN ? GIC_NONSECURE : GIC_ONE_STATE;
}

/* In the Non-secure view of a two-state GICv3, bit 6 is RES0: DS reads 0. */
enum gic_security gicv3_security(u32 ctlr)
{
	return ctlr & GICD_CTLR_DS ? GIC_ONE_STATE : GIC_NONSECURE;
}

const char *gic_security_name(enum gic_security sec)
{
	return sec == GIC_ONE_STATE ? "one security state" : "Non-secure, Group 1 only";
}

static unsigned int popcount32(u32 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

unsigned int gic_claim_groups(const struct gic_group_io *io, u32 igroupr, unsigned int count,
			      enum gic_security sec, bool group1)
{
	u32 want = group1 ? ~0U : 0, mask, offset;
	unsigned int i, wrong = 0;

	if (sec != GIC_ONE_STATE)
		return 0;
	for (i = 0; i < count; i += 32) {
		offset = igroupr + i / 8;
		mask = count - i >= 32 ? ~0U : (1U << (count - i)) - 1;
		io->write(io->ctx, offset, want);
		wrong += popcount32((io->read(io->ctx, offset) ^ want) & mask);
	}
	return wrong;
}

u32 gicv2_cpu_ctlr(u32 old)
{
	return (old & GICC_CTLR_BYPASS_MASK) | GICC_CTLR_ENABLE_OWN_GROUP | GICC_CTLR_EOIMODE;
}
