// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 guests: the virtual CPU interface through the ICH_*_EL2 registers
 * (IHI 0069 12.4), an emulated distributor with affinity routing always
 * on, one emulated redistributor (RD_base + SGI_base, 128 KiB) per vCPU at
 * the host's first redistributor address, and SGIs from trapped
 * ICC_SGI1R_EL1 writes (HCR_EL2.IMO traps them, IHI 0069 12.2.21).
 */
#define pr_fmt(fmt) "vgic-v3: " fmt

#include <shyper/errno.h>
#include <shyper/printk.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include "vgic-internal.h"

#define ICH_HCR_EN (1ULL << 0)
#define ICH_HCR_UIE (1ULL << 1)
#define ICH_LR_EOI (1ULL << 41)
#define ICH_LR_GROUP1 (1ULL << 60)
#define ICH_LR_HW (1ULL << 61)

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define GICD_CTLR_ENABLE 0x3 /* EnableGrp0, EnableGrp1 (DS = 1 view) */
#define GICD_CTLR_ARE (1U << 4) /* RAO/WI: affinity routing only */
#define GICD_CTLR_DS (1U << 6) /* RAO/WI: one Security state */
#define GICD_TYPER_IDBITS (9 << 19) /* 10 INTID bits: no LPIs */
#define GICD_TYPER_NO1N (1U << 25)
#define GIC_PIDR2_V3 0x3b /* ArchRev 3, JEDEC-assigned, JEP106 bits */

#define GICR_FRAME GICR_FRAMES_SIZE /* include/shyper/vm_layout.h */
#define GICR_SGI_BASE 0x10000
#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_TYPER_LAST (1ULL << 4)
#define GICR_WAKER_ASLEEP 0x6 /* ProcessorSleep and ChildrenAsleep */

#define ICC_SGI1R_ISS SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R_ISS SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R_ISS SYSREG_ISS(3, 0, 12, 11, 7)

/* ICH_LR<n>_EL2 and ICH_AP<g>R<n>_EL2 are named in the instruction. */
#define LR_CASES(X) \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define LR_READ(n) \
	case n:    \
		return read_sysreg(ich_lr##n##_el2);
#define LR_WRITE(n)                                 \
	case n:                                     \
		write_sysreg(val, ich_lr##n##_el2); \
		break;

static u64 lr_read(unsigned int n)
{
	switch (n) {
		LR_CASES(LR_READ)
	}
	return 0;
}

static void lr_write(unsigned int n, u64 val)
{
	switch (n) {
		LR_CASES(LR_WRITE)
	}
}

static unsigned int v3_nr_lrs(void)
{
	return MIN((unsigned int)(read_sysreg(ich_vtr_el2) & 0x1f) + 1, VGIC_MAX_LRS);
}

/* ICH_LR<n>_EL2: vINTID, pINTID [44:32] (HW) or EOI [41], Priority, Group, HW, State. */
static void v3_lr_get(unsigned int n, struct vgic_lr *lr)
{
	u64 v = lr_read(n);

	*lr = (struct vgic_lr){
	    .intid = (u32)v,
	    .prio = (u8)(v >> 48),
	    .state = (u8)(v >> 62),
	    .hw = v & ICH_LR_HW,
	    .eoi = !(v & ICH_LR_HW) && (v & ICH_LR_EOI),
	};
}

static void v3_lr_set(unsigned int n, const struct vgic_lr *lr)
{
	u64 v = 0;

	if (lr->state != LR_INVALID || lr->eoi)
		v = lr->intid | ((u64)lr->prio << 48) | ICH_LR_GROUP1 | ((u64)lr->state << 62);
	if (v && lr->hw)
		v |= ICH_LR_HW | ((u64)lr->intid << 32);
	else if (v && lr->eoi)
		v |= ICH_LR_EOI;
	lr_write(n, v);
}

static u32 v3_empty_lrs(void)
{
	return (u32)read_sysreg(ich_elrsr_el2);
}

static u32 v3_eoi_lrs(void)
{
	return (u32)read_sysreg(ich_eisr_el2);
}

static void v3_set_uie(bool on)
{
	u64 hcr = read_sysreg(ich_hcr_el2);

	if (!!(hcr & ICH_HCR_UIE) != on)
		write_sysreg(on ? hcr | ICH_HCR_UIE : hcr & ~ICH_HCR_UIE, ich_hcr_el2);
}

/* Active priority registers: 1, 2 or 4 of each group, from ICH_VTR_EL2.PREbits. */
static void clear_aprs(void)
{
	unsigned int pre = ((read_sysreg(ich_vtr_el2) >> 26) & 7) + 1;

	write_sysreg(0, ich_ap0r0_el2);
	write_sysreg(0, ich_ap1r0_el2);
	if (pre < 6)
		return;
	write_sysreg(0, ich_ap0r1_el2);
	write_sysreg(0, ich_ap1r1_el2);
	if (pre < 7)
		return;
	write_sysreg(0, ich_ap0r2_el2);
	write_sysreg(0, ich_ap1r2_el2);
	write_sysreg(0, ich_ap0r3_el2);
	write_sysreg(0, ich_ap1r3_el2);
}

static void v3_cpu_reset(void)
{
	unsigned int n;

	write_sysreg(0, ich_hcr_el2);
	for (n = 0; n < v3_nr_lrs(); n++)
		lr_write(n, 0);
	clear_aprs();
	write_sysreg(0, ich_vmcr_el2); /* the guest programs PMR, BPR, group enables */
	write_sysreg(ICH_HCR_EN, ich_hcr_el2);
	isb();
}

/* Distributor registers. */

static u64 gicd_ctlr_read(struct vgic_ctx *c)
{
	return c->vcpu->vm->arch.vgic.ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
}

static void gicd_ctlr_write(struct vgic_ctx *c, u64 val)
{
	struct vm *vm = c->vcpu->vm;

	vm->arch.vgic.ctlr = val & GICD_CTLR_ENABLE;
	vgic_ctlr_write(vm, val & GICD_CTLR_ENABLE);
}

static u64 gicd_typer_read(struct vgic_ctx *c)
{
	struct vm *vm = c->vcpu->vm;

	return (vm->arch.vgic.nr_lines / 32 - 1) | ((MIN(vm->nr_vcpus, 8U) - 1) << 5) |
	       GICD_TYPER_IDBITS | GICD_TYPER_NO1N;
}

static u64 pidr2_read(struct vgic_ctx *c)
{
	return GIC_PIDR2_V3;
}

static const struct vgic_reg gicd_regs[] = {
    {GICD_CTLR, 4, gicd_ctlr_read, gicd_ctlr_write},
    {GICD_TYPER, 4, gicd_typer_read, NULL},
    {GICD_IIDR, 4, NULL, NULL},
    {GICD_PIDR2, 4, pidr2_read, NULL},
};

static const struct vgic_frame gicd_frame = {gicd_regs, ARRAY_SIZE(gicd_regs), NULL, 0, true};

/* GICD_IROUTER<n>: the affinity names the vCPU (as MPIDR); IRM (bit 31) is kept, not used. */
static void irouter_access(struct vgic_ctx *c, u64 off, struct mmio_access *acc)
{
	u32 intid = (off - GICD_IROUTER) / 8, shift = (off & 4) * 8;
	struct vgic_irq *irq =
	    intid >= c->first && intid < c->end ? vgic_get_irq(c->owner, intid) : NULL;
	struct vcpu *target;

	if (!acc->write) {
		acc->value = irq ? ((vcpu_hwid(&c->vcpu->vm->vcpu[irq->target]) |
				     ((u64)irq->targets << 31)) >>
				    shift)
				 : 0;
		if (acc->width < 8)
			acc->value &= 0xffffffffULL;
		return;
	}
	if (!irq || shift)
		return; /* Aff3 in the upper half: every vCPU has Aff3 0 */
	irq->targets = (acc->value >> 31) & 1;
	target = vcpu_by_hwid(c->vcpu->vm, acc->value & MPIDR_HWID_MASK);
	vgic_set_target(c->vcpu->vm, intid, target ? target->id : ~0U);
}

static int gicd_frame_rw(struct vgic_ctx *c, u64 off, struct mmio_access *acc)
{
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * VGIC_MAX_IRQS && !(off & 3)) {
		irouter_access(c, off, acc);
		return 0;
	}
	return vgic_frame_access(&gicd_frame, c, off, acc);
}

/*
 * Reads take no lock: each field is one load. Writes (configuration only,
 * SGIs do not come this way) take the VM's distributor lock.
 */
static int gicd_access(struct vcpu *vcpu, struct mmio_access *acc, u64 off, void *priv)
{
	struct vgic_dist *d = &vcpu->vm->arch.vgic;
	struct vgic_ctx c = {vcpu, vcpu, GIC_NR_PRIVATE, d->nr_lines};
	u64 flags;
	int err;

	if (!acc->write)
		return gicd_frame_rw(&c, off, acc);
	flags = vgic_irq_save();
	spin_lock(&d->lock);
	err = gicd_frame_rw(&c, off, acc);
	spin_unlock(&d->lock);
	vgic_irq_restore(flags);
	return err;
}

/* Redistributor registers: the frame's vCPU is c->owner. */

/* Affinity_Value [63:32] is Aff3.Aff2.Aff1.Aff0 of the frame's vCPU (IHI 0069 12.11.35). */
static u64 gicr_typer_read(struct vgic_ctx *c)
{
	u64 id = c->owner->id, hwid = vcpu_hwid(c->owner);
	u64 aff = (hwid & 0xffffff) | ((hwid >> 32 & 0xff) << 24);

	return (aff << 32) | (id << 8) | (id == c->owner->vm->nr_vcpus - 1 ? GICR_TYPER_LAST : 0);
}

static u64 gicr_waker_read(struct vgic_ctx *c)
{
	return c->owner->arch.vgic.waker ? GICR_WAKER_ASLEEP : 0;
}

static void gicr_waker_write(struct vgic_ctx *c, u64 val)
{
	c->owner->arch.vgic.waker = val & 2;
}

static const struct vgic_reg gicr_regs[] = {
    {GICR_CTLR, 4, NULL, NULL},
    {GICR_IIDR, 4, NULL, NULL},
    {GICR_TYPER, 8, gicr_typer_read, NULL},
    {GICR_WAKER, 4, gicr_waker_read, gicr_waker_write},
    {GICR_PIDR2, 4, pidr2_read, NULL},
};

static const struct vgic_frame gicr_frame = {gicr_regs, ARRAY_SIZE(gicr_regs), NULL, 0, false};
static const struct vgic_frame sgi_frame = {NULL, 0, NULL, 0, true};

static int gicr_frame_rw(struct vgic_ctx *c, u64 off, struct mmio_access *acc)
{
	if (off < GICR_SGI_BASE)
		return vgic_frame_access(&gicr_frame, c, off, acc);
	return vgic_frame_access(&sgi_frame, c, off - GICR_SGI_BASE, acc);
}

/* Locking as for the distributor (gicd_access). */
static int gicr_access(struct vcpu *vcpu, struct mmio_access *acc, u64 off, void *priv)
{
	struct vcpu *owner = vcpu_by_id(vcpu->vm, off / GICR_FRAME);
	struct vgic_ctx c = {vcpu, owner, 0, GIC_NR_PRIVATE};
	struct vgic_dist *d = &vcpu->vm->arch.vgic;
	u64 flags;
	int err;

	if (!owner) {
		acc->value = 0;
		return 0;
	}
	off %= GICR_FRAME;
	if (!acc->write)
		return gicr_frame_rw(&c, off, acc);
	flags = vgic_irq_save();
	spin_lock(&d->lock);
	err = gicr_frame_rw(&c, off, acc);
	spin_unlock(&d->lock);
	vgic_irq_restore(flags);
	return err;
}

/* The frames the guest DT names (struct vm_layout): GICD, then one GICR per vCPU. */
static int v3_vm_init(struct vm *vm)
{
	const struct mem_region *f = vm->cfg->layout.irqchip;
	int err = vm_register_mmio(vm, f[0].base, f[0].size, gicd_access, NULL);

	if (!err)
		err = vm_register_mmio(vm, f[1].base, f[1].size, gicr_access, NULL);
	if (err)
		vm_err(vm, "cannot register the GICv3 frames (%d)\n", err);
	return err;
}

const struct vgic_backend vgic_v3_backend = {
    .vm_init = v3_vm_init,
    .cpu_reset = v3_cpu_reset,
    .lr_get = v3_lr_get,
    .lr_set = v3_lr_set,
    .empty_lrs = v3_empty_lrs,
    .eoi_lrs = v3_eoi_lrs,
    .set_uie = v3_set_uie,
    .nr_lrs = v3_nr_lrs,
};

/*
 * ICC_SGI1R_EL1 (IHI 0069 12.2.21): INTID [27:24], TargetList [15:0] of
 * Aff0 = RS * 16 + bit, Aff1 [23:16], Aff2 [39:32], Aff3 [55:48], IRM [40]
 * (every PE but the sender). Each vCPU's affinity is its vcpu_hwid().
 */
static bool sgi_targets(u64 val, u64 hwid)
{
	unsigned int aff0 = hwid & 0xff, rs = (val >> 44) & 0xf;

	return ((val >> 16) & 0xff) == ((hwid >> 8) & 0xff) &&
	       ((val >> 32) & 0xff) == ((hwid >> 16) & 0xff) &&
	       ((val >> 48) & 0xff) == ((hwid >> 32) & 0xff) && aff0 / 16 == rs &&
	       (val & (1ULL << (aff0 % 16)));
}

static void send_sgi(struct vcpu *vcpu, u64 val)
{
	unsigned int intid = (val >> 24) & 0xf, i;
	bool irm = val & (1ULL << 40);
	struct vm *vm = vcpu->vm;

	for (i = 0; i < vm->nr_vcpus; i++) {
		if (irm ? i == vcpu->id : !sgi_targets(val, vcpu_hwid(&vm->vcpu[i])))
			continue;
		vgic_raise(&vm->vcpu[i], intid, vcpu->id);
	}
}

int vgic_handle_sysreg(struct vcpu *vcpu, u64 esr, struct vcpu_regs *regs)
{
	u64 iss = esr & SYSREG_ISS_MASK;
	unsigned int rt = SYSREG_RT(esr);

	if (gic.version != 3 ||
	    (iss != ICC_SGI1R_ISS && iss != ICC_ASGI1R_ISS && iss != ICC_SGI0R_ISS))
		return -ENOENT;
	/* Write-only registers: a read returns zero. */
	if (SYSREG_READ(esr)) {
		if (rt != 31)
			regs->x[rt] = 0;
		return 0;
	}
	send_sgi(vcpu, rt == 31 ? 0 : regs->x[rt]);
	return 0;
}
