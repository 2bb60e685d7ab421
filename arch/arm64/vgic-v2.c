// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv2 guests: the hardware's virtual CPU interface (GICV) is mapped at
 * the guest's GICC address, so the guest acknowledges and completes its
 * interrupts without trapping; the hypervisor fills the list registers of
 * the GICH interface, banked per CPU (IHI 0048B 5.3). The distributor is
 * emulated: GICD_ITARGETSR and GICD_SGIR name only the VM's own vCPUs.
 */
#define pr_fmt(fmt) "vgic-v2: " fmt

#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/printk.h>
#include "vgic-internal.h"

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100
#define GICH_HCR_EN (1U << 0)
#define GICH_HCR_UIE (1U << 1)
#define GICH_LR_EOI (1U << 19)
#define GICH_LR_HW (1U << 31)

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00
#define GICD_PIDR2 0xfe8
#define GIC_PIDR2_V2 0x2b /* ArchRev 2 */

static unsigned int v2_nr_lrs(void)
{
	return MIN((readl(gic.hyp + GICH_VTR) & 0x3f) + 1, (u32)VGIC_MAX_LRS);
}

/*
 * GICH_LR<n>: VirtualID [9:0]; PhysicalID [19:10] with HW, else CPUID
 * [12:10] and EOI [19]; Priority [27:23] (top five bits); State [29:28].
 * Grp1 stays 0: guests use Group 0 (IHI 0048B 5.3.9).
 */
static void v2_lr_get(unsigned int n, struct vgic_lr *lr)
{
	u32 v = readl(gic.hyp + GICH_LR0 + n * 4);
	bool hw = v & GICH_LR_HW;

	*lr = (struct vgic_lr){
	    .intid = v & 0x3ff,
	    .src = hw ? 0 : (v >> 10) & 7,
	    .prio = ((v >> 23) & 0x1f) << 3,
	    .state = (v >> 28) & 3,
	    .hw = hw,
	    .eoi = !hw && (v & GICH_LR_EOI),
	};
}

static void v2_lr_set(unsigned int n, const struct vgic_lr *lr)
{
	u32 v = 0;

	if (lr->state != LR_INVALID || lr->eoi)
		v = (lr->intid & 0x3ff) | ((u32)(lr->prio >> 3) << 23) | ((u32)lr->state << 28);
	if (v && lr->hw)
		v |= GICH_LR_HW | ((lr->intid & 0x3ff) << 10);
	else if (v)
		v |= ((u32)(lr->src & 7) << 10) | (lr->eoi ? GICH_LR_EOI : 0);
	writel(v, gic.hyp + GICH_LR0 + n * 4);
}

static u32 v2_empty_lrs(void)
{
	return readl(gic.hyp + GICH_ELRSR0);
}

static u32 v2_eoi_lrs(void)
{
	return readl(gic.hyp + GICH_EISR0);
}

static void v2_set_uie(bool on)
{
	u32 hcr = readl(gic.hyp + GICH_HCR);

	if (!!(hcr & GICH_HCR_UIE) != on)
		writel(on ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE, gic.hyp + GICH_HCR);
}

static void v2_cpu_reset(void)
{
	unsigned int n;

	writel(0, gic.hyp + GICH_HCR);
	for (n = 0; n < v2_nr_lrs(); n++)
		writel(0, gic.hyp + GICH_LR0 + n * 4);
	writel(0, gic.hyp + GICH_APR);
	writel(0, gic.hyp + GICH_VMCR); /* the guest programs GICC_CTLR, PMR, BPR */
	writel(GICH_HCR_EN, gic.hyp + GICH_HCR);
}

static u64 gicd_ctlr_read(struct vgic_ctx *c)
{
	return c->vcpu->vm->arch.vgic.ctlr;
}

static void gicd_ctlr_write(struct vgic_ctx *c, u64 val)
{
	struct vm *vm = c->vcpu->vm;

	vm->arch.vgic.ctlr = val & 1;
	vgic_ctlr_write(vm, val & 1);
}

/* ITLinesNumber [4:0], CPUNumber [7:5]; no Security Extensions. */
static u64 gicd_typer_read(struct vgic_ctx *c)
{
	struct vm *vm = c->vcpu->vm;

	return (vm->arch.vgic.nr_lines / 32 - 1) | ((vm->nr_vcpus - 1) << 5);
}

static u64 pidr2_read(struct vgic_ctx *c)
{
	return GIC_PIDR2_V2;
}

/*
 * GICD_SGIR: TargetListFilter [25:24] (0 the list, 1 all but self, 2
 * self), CPUTargetList [23:16] (bit n = vCPU n), SGIINTID [3:0].
 */
static void gicd_sgir_write(struct vgic_ctx *c, u64 val)
{
	unsigned int filter = (val >> 24) & 3, list = (val >> 16) & 0xff, i;
	struct vm *vm = c->vcpu->vm;
	bool hit;

	for (i = 0; i < vm->nr_vcpus; i++) {
		hit = filter == 0   ? list & (1U << i)
		      : filter == 1 ? i != c->vcpu->id
				    : filter == 2 && i == c->vcpu->id;
		if (hit)
			vgic_raise(&vm->vcpu[i], val & 0xf, c->vcpu->id);
	}
}

static const struct vgic_reg gicd_regs[] = {
    {GICD_CTLR, 4, gicd_ctlr_read, gicd_ctlr_write},
    {GICD_TYPER, 4, gicd_typer_read, NULL},
    {GICD_IIDR, 4, NULL, NULL},
    {GICD_SGIR, 4, NULL, gicd_sgir_write},
    {GICD_PIDR2, 4, pidr2_read, NULL},
};

/* SGIs/PPIs read as the accessing vCPU's own bit (IHI 0048B 4.3.12). */
static u32 get_targets(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq)
{
	return intid < GIC_NR_PRIVATE ? 1U << c->vcpu->id : irq->targets;
}

/* The lowest vCPU named receives the SPI (1-of-N delivery is not modelled). */
static void set_targets(struct vgic_ctx *c, u32 intid, struct vgic_irq *irq, u32 val)
{
	struct vm *vm = c->vcpu->vm;

	if (intid < GIC_NR_PRIVATE)
		return;
	irq->targets = val & ((1U << vm->nr_vcpus) - 1);
	if (irq->targets)
		vgic_set_target(vm, intid, __builtin_ctz(irq->targets));
}

static const struct vgic_field gicd_fields[] = {
    {GICD_ITARGETSR, 8, get_targets, set_targets},
};

static const struct vgic_frame gicd_frame = {gicd_regs, ARRAY_SIZE(gicd_regs), gicd_fields,
					     ARRAY_SIZE(gicd_fields), true};

static int gicd_access(struct vcpu *vcpu, struct mmio_access *acc, u64 off, void *priv)
{
	struct vgic_dist *d = &vcpu->vm->arch.vgic;
	struct vgic_ctx c = {vcpu, vcpu, 0, d->nr_lines};
	u64 flags;
	int err;

	/* SGIs are the IPI path: no distributor lock. */
	if (!acc->write || (off == GICD_SGIR && acc->width == 4))
		return vgic_frame_access(&gicd_frame, &c, off, acc);
	flags = vgic_irq_save();
	spin_lock(&d->lock);
	err = vgic_frame_access(&gicd_frame, &c, off, acc);
	spin_unlock(&d->lock);
	vgic_irq_restore(flags);
	return err;
}

static int v2_vm_init(struct vm *vm)
{
	const struct mem_region *f = vm->cfg->layout.irqchip;
	u64 size = ALIGN_UP(MIN(gic.cpu_if_size, gic.vcpu_if_size), (u64)PAGE_SIZE);
	int err;

	if (!gic.hyp || !gic.vcpu_if) {
		vm_err(vm, "the GIC has no GICH/GICV: no virtual interrupts\n");
		return -ENODEV;
	}
	/* The frames the guest DT names (struct vm_layout): GICD, then GICC backed by GICV. */
	err = vm_register_mmio(vm, f[0].base, f[0].size, gicd_access, NULL);
	if (!err)
		err = vm_arch_map(vm, f[1].base, gic.vcpu_if, size, true);
	if (err)
		vm_err(vm, "cannot set up the GICv2 frames (%d)\n", err);
	return err;
}

const struct vgic_backend vgic_v2_backend = {
    .vm_init = v2_vm_init,
    .cpu_reset = v2_cpu_reset,
    .lr_get = v2_lr_get,
    .lr_set = v2_lr_set,
    .empty_lrs = v2_empty_lrs,
    .eoi_lrs = v2_eoi_lrs,
    .set_uie = v2_set_uie,
    .nr_lrs = v2_nr_lrs,
};
