/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The physical GIC as the hypervisor drives it. Both drivers
 * (drivers/irqchip/gic-v2.c, gic-v3.c) can be linked in; the one that
 * probes the board's interrupt controller fills a struct gic_info and
 * registers it with gic_register(). Arch code (arch/arm64/gic.c, vgic*.c)
 * reaches the hardware only through it.
 */
#ifndef ASM_GIC_H
#define ASM_GIC_H

#include <shyper/types.h>

#define GIC_NR_SGIS 16
#define GIC_NR_PRIVATE 32 /* SGIs and PPIs: banked per CPU */
#define GIC_MAX_INTID 1020 /* 1020..1023 are special (IHI 0069 2.2.1) */
#define GIC_SPURIOUS 1023

/* Hypervisor SGIs (guests never see physical SGIs). */
#define GIC_SGI_KICK 0

/* Maintenance PPI when the GIC node names none (Server Base System Architecture). */
#define GIC_PPI_MAINT_DEFAULT 25

#define GIC_PRIO_DEFAULT 0xa0
#define GIC_PRIO_IPI 0x80

/**
 * struct gic_ops - what one GIC version does for the hypervisor
 * @cpu_init: this CPU's physical interface (and redistributor) for EL2,
 *            EOImode 1 (priority drop and deactivation split)
 * @ack: acknowledge the highest pending interrupt; returns the raw IAR
 *       value (GICv2 keeps the SGI source CPU in bits [12:10])
 * @eoi: priority drop of @iar (GICC_EOIR / ICC_EOIR1_EL1)
 * @dir: deactivate @iar after its priority drop (GICC_DIR / ICC_DIR_EL1)
 * @clear_active: deactivate @intid through the distributor (or this CPU's
 *                redistributor for SGIs/PPIs), with no priority drop
 * @send_sgi: SGI @sgi to the physical CPU @cpu
 * @route: SPI @intid to the physical CPU @cpu
 * @enable: enable or disable @intid (SGI/PPI: on this CPU)
 * @set_edge: configure SPI @intid as edge (true) or level triggered
 */
struct gic_ops {
	void (*cpu_init)(void);
	u32 (*ack)(void);
	void (*eoi)(u32 iar);
	void (*dir)(u32 iar);
	void (*clear_active)(u32 intid);
	void (*send_sgi)(unsigned int sgi, unsigned int cpu);
	void (*route)(u32 intid, unsigned int cpu);
	void (*enable)(u32 intid, bool on);
	void (*set_edge)(u32 intid, bool edge);
};

/**
 * struct gic_info - the probed GIC
 * @version: 2 or 3
 * @ops: its operations
 * @dist: distributor base
 * @dist_size: its size in the node's reg (the guest's GICD frame)
 * @cpu_if: GICv2 CPU interface (GICC) base and size (guest view: GICC)
 * @hyp: GICv2 hypervisor interface (GICH), banked per CPU
 * @vcpu_if: GICv2 virtual CPU interface (GICV) base and size
 * @redist: GICv3 first redistributor region (the guest's GICR base)
 * @nr_lines: interrupt lines the distributor implements (GICD_TYPER)
 * @maint_irq: maintenance interrupt INTID (the node's interrupts, PPI)
 */
struct gic_info {
	unsigned int version;
	const struct gic_ops *ops;
	paddr_t dist;
	u64 dist_size;
	paddr_t cpu_if;
	u64 cpu_if_size;
	paddr_t hyp;
	paddr_t vcpu_if;
	u64 vcpu_if_size;
	paddr_t redist;
	unsigned int nr_lines;
	u32 maint_irq;
};

/** gic - the registered GIC; gic.ops is NULL until a driver probed. */
extern struct gic_info gic;

/**
 * gic_register() - called by the probing driver, on the boot CPU, after
 * its distributor is initialised. Only the first registration counts.
 */
void gic_register(const struct gic_info *info);

/**
 * gic_dt_maint_irq() - the maintenance interrupt of GIC node @node:
 * its "interrupts" PPI as an INTID, or GIC_PPI_MAINT_DEFAULT.
 */
u32 gic_dt_maint_irq(const void *fdt, int node);

#endif
