/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt groups and security states of a GIC, as far as Shyper (always
 * Non-secure at EL2) can see and set them. Pure logic over a register
 * accessor, shared by gic-v2.c and gic-v3.c and unit-tested against
 * register models (tests/unit/gic_groups_test.c).
 */
#ifndef GIC_GROUPS_H
#define GIC_GROUPS_H

#include <shyper/types.h>

enum gic_security {
	/*
	 * One security state (GICv2 without the Security Extensions, GICv3
	 * with GICD_CTLR.DS = 1): the groups are Shyper's to assign, and
	 * whatever firmware left in them must be overwritten.
	 */
	GIC_ONE_STATE,
	/*
	 * Two security states and Shyper is Non-secure: IGROUPR is RAZ/WI,
	 * only (Non-secure) Group 1 reaches Shyper, and firmware (TF-A) must
	 * have put every interrupt there.
	 */
	GIC_NONSECURE,
};

/**
 * struct gic_group_io - distributor/redistributor register access
 * (readl/writel in Shyper, a register model in the unit tests)
 */
struct gic_group_io {
	u32 (*read)(void *ctx, u32 offset);
	void (*write)(void *ctx, u32 offset, u32 value);
	void *ctx;
};

#define GICD_TYPER_SECURITY_EXTN (1U << 10) /* GICv2 IHI 0048B 4.3.2 */
#define GICD_CTLR_DS (1U << 6) /* GICv3 IHI 0069 12.9.4 */

/** gicv2_security() - the security state a GICv2 shows, from GICD_TYPER. */
enum gic_security gicv2_security(u32 typer);

/** gicv3_security() - the security state a GICv3 shows, from GICD_CTLR as read. */
enum gic_security gicv3_security(u32 ctlr);

/** gic_security_name() - for the platform summary. */
const char *gic_security_name(enum gic_security sec);

/**
 * gic_claim_groups() - put @count interrupts, from the IGROUPR register at
 * @igroupr on, into the group Shyper receives (@group1: Group 1, else 0)
 *
 * With one security state the registers are written and read back; with
 * two they cannot be (RAZ/WI) and firmware's assignment stands.
 * Return: how many of them read back in another group (0 when all is well).
 */
unsigned int gic_claim_groups(const struct gic_group_io *io, u32 igroupr, unsigned int count,
			      enum gic_security sec, bool group1);

/*
 * GICv2 GICC_CTLR (IHI 0048B 4.4.1). One state: EnableGrp0 (bit 0), FIQEn
 * off so Group 0 is an IRQ, EOImodeS (bit 9). Non-secure view: EnableGrp1
 * is bit 0 and EOImodeNS bit 9. Either way Shyper's interrupts arrive as
 * IRQs with priority drop and deactivation split.
 */
#define GICC_CTLR_ENABLE_OWN_GROUP (1U << 0)
#define GICC_CTLR_FIQEN (1U << 3)
#define GICC_CTLR_EOIMODE (1U << 9)
#define GICC_CTLR_BYPASS_MASK 0x1e0

/** gicv2_cpu_ctlr() - the GICC_CTLR value that delivers Shyper's group, from its old value. */
u32 gicv2_cpu_ctlr(u32 old);

#endif
