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

/* The common field groups, by where they sit in every frame (IHI 0069 12.9). */
enum {
	F_IGROUPR,
	F_ISENABLER,
	F_ICENABLER,
	F_ISPENDR,
	F_ICPENDR,
	F_ISACTIVER,
	F_ICACTIVER,
	F_IPRIORITYR,
	F_ICFGR,
	NR_COMMON_FIELDS
};

/*
 * GICD_ISACTIVER/ICACTIVER read as zero and ignore writes: the active
 * state lives in the list registers and in the guest's own CPU interface.
 * The 1-bit groups follow each other every 0x80 bytes from IGROUPR.
 */
static const struct vgic_field common_fields[NR_COMMON_FIELDS] = {
    [F_IGROUPR] = {0x080, 1, get_group, NULL},
    [F_ISENABLER] = {0x100, 1, get_enabled, set_enable},
    [F_ICENABLER] = {0x180, 1, get_enabled, set_disable},
    [F_ISPENDR] = {0x200, 1, get_pending, set_pending},
    [F_ICPENDR] = {0x280, 1, get_pending, clear_pending},
    [F_ISACTIVER] = {0x300, 1, NULL, NULL},
    [F_ICACTIVER] = {0x380, 1, NULL, NULL},
    [F_IPRIORITYR] = {0x400, 8, get_priority, set_priority},
    [F_ICFGR] = {0xc00, 2, get_config, set_config},
};

/* Bytes a field group spans for VGIC_MAX_IRQS interrupts. */
static u64 field_span(const struct vgic_field *f)
{
	return VGIC_MAX_IRQS * f->bits / 8;
}

/* The common field group holding @off, found by arithmetic, not search. */
static const struct vgic_field *common_field_at(u64 off)
{
	const struct vgic_field *f;

	if (off < common_fields[F_IGROUPR].offset)
		return NULL;
	if (off < common_fields[F_IPRIORITYR].offset)
		f = &common_fields[F_IGROUPR + (off - common_fields[F_IGROUPR].offset) /
						   field_span(&common_fields[F_IGROUPR])];
	else if (off < common_fields[F_ICFGR].offset)
		f = &common_fields[F_IPRIORITYR];
	else
		f = &common_fields[F_ICFGR];
	return off - f->offset < field_span(f) ? f : NULL;
}

static void field_get(const struct vgic_field *f, struct vgic_ctx *c, u32 first,
		      struct mmio_access *acc)
{
	unsigned int count = acc->width * 8 / f->bits, i;
	u32 intid, mask = (1U << f->bits) - 1;
	struct vgic_irq *irq;
	u64 val = 0;

	for (i = 0; f->get && i < count; i++) {
		intid = first + i;
		if (intid < c->first || intid >= c->end)
			continue;
		irq = vgic_get_irq(c->owner, intid);
		if (irq) /* not the VM's: reads as zero */
			val |= (u64)(f->get(c, intid, irq) & mask) << (i * f->bits);
	}
	acc->value = val;
}

static void field_set_one(const struct vgic_field *f, struct vgic_ctx *c, u32 intid, u32 val)
{
	struct vgic_irq *irq;

	if (intid < c->first || intid >= c->end)
		return;
	irq = vgic_get_irq(c->owner, intid);
	if (irq) /* not the VM's: writes ignored */
		f->set(c, intid, irq, val);
}

/*
 * A write. Writing 0 to a 1-bit set/clear register changes nothing
 * (IHI 0069 12.9), so only its set bits are visited.
 */
static void field_set(const struct vgic_field *f, struct vgic_ctx *c, u32 first,
		      struct mmio_access *acc)
{
	unsigned int count = acc->width * 8 / f->bits, i;
	u32 mask = (1U << f->bits) - 1;
	u64 bits;

	if (!f->set)
		return;
	if (f->bits == 1) {
		bits = acc->width == 8 ? acc->value : acc->value & ((1ULL << (acc->width * 8)) - 1);
		for (; bits; bits &= bits - 1)
			field_set_one(f, c, first + __builtin_ctzll(bits), 1);
		return;
	}
	for (i = 0; i < count; i++)
		field_set_one(f, c, first + i, (acc->value >> (i * f->bits)) & mask);
}

static void field_rw(const struct vgic_field *f, struct vgic_ctx *c, u64 rel,
		     struct mmio_access *acc)
{
	u32 first = rel * 8 / f->bits;

	if (acc->write)
		field_set(f, c, first, acc);
	else
		field_get(f, c, first, acc);
}

bool vgic_field_access(const struct vgic_field *fields, unsigned int n, struct vgic_ctx *c, u64 off,
		       struct mmio_access *acc)
{
	const struct vgic_field *f;

	for (f = fields; f < fields + n; f++) {
		if (off < f->offset || off >= f->offset + field_span(f))
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

static bool common_field_access(const struct vgic_frame *fr, struct vgic_ctx *c, u64 off,
				struct mmio_access *acc)
{
	const struct vgic_field *f = fr->irq_fields ? common_field_at(off) : NULL;

	if (!f)
		return false;
	field_rw(f, c, off - f->offset, acc);
	return true;
}

int vgic_frame_access(const struct vgic_frame *fr, struct vgic_ctx *c, u64 off,
		      struct mmio_access *acc)
{
	if (acc->width > 8 || off & (acc->width - 1))
		return -EINVAL; /* unaligned: an external abort for the guest */
	if (!vgic_reg_access(fr->regs, fr->nr_regs, c, off, acc) &&
	    !common_field_access(fr, c, off, acc) &&
	    !vgic_field_access(fr->fields, fr->nr_fields, c, off, acc) && !acc->write)
		acc->value = 0;
	if (!acc->write && acc->width < 8)
		acc->value &= (1ULL << (acc->width * 8)) - 1;
	return 0;
}
