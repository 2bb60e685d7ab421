// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table-driven emulation of GIC register frames. A frame is a list of
 * single registers (struct vgic_reg) and of per-interrupt field groups
 * (struct vgic_field: n bits per INTID, packed from bit 0 of the first
 * register, IHI 0069 12.9 / IHI 0048B 4.3). The same field table serves the
 * GICv2 and GICv3 distributors and the GICv3 SGI_base frame, which use the
 * same offsets for the same registers. What no entry claims reads as zero
 * and ignores writes (reserved or unimplemented, IHI 0069 12.1.2).
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <shyper/errno.h>
#include "vgic-internal.h"

static u32 get_group(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	/* GICv3 guests use Group 1, GICv2 guests Group 0 (GICC_CTLR.EnableGrp0). */
	return gic.version == 3;
}

static u32 get_enabled(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	return irq->enabled;
}

static void set_enable(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	if (val)
		vgic_enable(c->owner, intid, true);
}

static void set_disable(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	if (val && intid >= GIC_NR_SGIS) /* SGIs stay enabled, as on most GICs */
		vgic_enable(c->owner, intid, false);
}

/* Pending state in the list registers is not visible from other CPUs. */
static u32 get_pending(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	return __atomic_load_n(&irq->pending, __ATOMIC_RELAXED) != 0;
}

/* A hardware interrupt's pending state is the device's to set. */
static void set_pending(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	if (val && !irq->hw)
		vgic_raise(c->owner, intid, c->vcpu->id);
}

static void clear_pending(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	if (val)
		vgic_clear_pending(c->owner, intid);
}

static u32 get_priority(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	return irq->priority;
}

static void set_priority(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	irq->priority = (u8)val;
}

static u32 get_config(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	return irq->config;
}

/* SGIs are edge-triggered, read-only; a passthrough SPI is configured for real. */
static void set_config(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	if (intid < GIC_NR_SGIS)
		return;
	irq->config = val & 2;
	if (irq->hw && intid >= GIC_NR_PRIVATE)
		gic.ops->set_edge(intid, val & 2);
}

/*
 * GICD_ISACTIVER/ICACTIVER read as zero and ignore writes: the active
 * state lives in the list registers and in the guest's own CPU interface.
 */
const struct vgic_field vgic_common_fields[] = {
    {0x080, 1, get_group, NULL}, /* IGROUPR */
    {0x100, 1, get_enabled, set_enable}, /* ISENABLER */
    {0x180, 1, get_enabled, set_disable}, /* ICENABLER */
    {0x200, 1, get_pending, set_pending}, /* ISPENDR */
    {0x280, 1, get_pending, clear_pending}, /* ICPENDR */
    {0x300, 1, NULL, NULL}, /* ISACTIVER */
    {0x380, 1, NULL, NULL}, /* ICACTIVER */
    {0x400, 8, get_priority, set_priority}, /* IPRIORITYR */
    {0xc00, 2, get_config, set_config}, /* ICFGR */
};
const unsigned int vgic_nr_common_fields = ARRAY_SIZE(vgic_common_fields);

static void field_rw(const struct vgic_field *f, struct vgic_ctx *c, u64 rel,
		     struct mmio_access *acc)
{
	unsigned int count = acc->width * 8 / f->bits, i;
	u32 first = rel * 8 / f->bits, intid, mask = (1U << f->bits) - 1;
	struct vgic_irq *irq;
	u64 val = 0;

	for (i = 0; i < count; i++) {
		intid = first + i;
		if (intid < c->first || intid >= c->end)
			continue;
		irq = vgic_get_irq(c->owner, intid);
		if (!irq)
			continue; /* not the VM's: reads as zero, writes ignored */
		if (!acc->write && f->get)
			val |= (u64)(f->get(c, intid, irq) & mask) << (i * f->bits);
		else if (acc->write && f->set)
			f->set(c, intid, irq, (acc->value >> (i * f->bits)) & mask);
	}
	if (!acc->write)
		acc->value = val;
}

bool vgic_field_access(const struct vgic_field *fields, unsigned int n, struct vgic_ctx *c, u64 off,
		       struct mmio_access *acc)
{
	const struct vgic_field *f;

	for (f = fields; f < fields + n; f++) {
		if (off < f->offset || off >= f->offset + VGIC_MAX_IRQS * f->bits / 8)
			continue;
		field_rw(f, c, off - f->offset, acc);
		return true;
	}
	return false;
}

bool vgic_reg_access(const struct vgic_reg *regs, unsigned int n, struct vgic_ctx *c, u64 off,
		     struct mmio_access *acc)
{
	const struct vgic_reg *r;
	unsigned int shift;

	for (r = regs; r < regs + n; r++) {
		if (off < r->offset || off >= r->offset + r->size)
			continue;
		shift = (off - r->offset) * 8;
		if (!acc->write)
			acc->value = r->read ? r->read(c) >> shift : 0;
		else if (r->write && !shift)
			r->write(c, acc->value);
		return true;
	}
	return false;
}

int vgic_frame_access(const struct vgic_frame *fr, struct vgic_ctx *c, u64 off,
		      struct mmio_access *acc)
{
	if (acc->width > 8 || off & (acc->width - 1))
		return -EINVAL; /* unaligned: an external abort for the guest */
	if (!vgic_reg_access(fr->regs, fr->nr_regs, c, off, acc) &&
	    !vgic_field_access(vgic_common_fields, vgic_nr_common_fields, c, off, acc) &&
	    !vgic_field_access(fr->fields, fr->nr_fields, c, off, acc) && !acc->write)
		acc->value = 0;
	if (!acc->write && acc->width < 8)
		acc->value &= (1ULL << (acc->width * 8)) - 1;
	return 0;
}
