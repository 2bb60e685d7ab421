// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual interrupt delivery, common to GICv2 and GICv3.
 *
 * A vCPU owns its physical CPU, so that CPU's list registers hold only its
 * interrupts and are never saved or switched. An interrupt raised for a
 * vCPU is written into a free list register when the caller runs on the
 * vCPU's CPU; otherwise (or when every list register is busy) it joins the
 * vCPU's pending queue and the CPU is kicked, or the underflow maintenance
 * interrupt is armed, to drain it (IHI 0069 6.4, IHI 0048B 5.3).
 *
 * The delivery path takes no lock but the target vCPU's queue lock: the
 * distributor state it reads is written by the guest's configuration
 * accesses, and the "pending while disabled" latch is a handshake of
 * atomic operations between vgic_raise() and vgic_update().
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <shyper/console.h>
#include <shyper/errno.h>
#include <shyper/guest_fault.h>
#include <shyper/irq.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include "vgic-internal.h"

static const struct vgic_backend *be;

static bool is_local(const struct vcpu *vcpu)
{
	return vcpu->pcpu == cpu_current();
}

struct vgic_irq *vgic_get_irq(struct vcpu *owner, u32 intid)
{
	struct vgic_dist *d = &owner->vm->arch.vgic;

	if (intid < GIC_NR_PRIVATE)
		return &owner->arch.vgic.sgi_ppi[intid];
	if (intid >= d->nr_lines || !d->spi[intid - GIC_NR_PRIVATE].owned)
		return NULL;
	return &d->spi[intid - GIC_NR_PRIVATE];
}

static struct vcpu *target_of(struct vcpu *owner, u32 intid, const struct vgic_irq *irq)
{
	struct vcpu *t;

	if (intid < GIC_NR_PRIVATE)
		return owner;
	t = vcpu_by_id(owner->vm, irq->target);
	return t ? t : &owner->vm->vcpu[0];
}

static bool deliverable(struct vm *vm, const struct vgic_irq *irq)
{
	return __atomic_load_n(&vm->arch.vgic.enabled, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&irq->enabled, __ATOMIC_SEQ_CST);
}

/*
 * Into a list register of this CPU: false when all are busy. A copy of
 * the same interrupt already there absorbs the new one (an active edge
 * interrupt becomes active and pending; a level one is resampled at its
 * EOI maintenance interrupt).
 */
static bool lr_insert(struct vcpu *vcpu, u32 desc)
{
	u32 intid = VGIC_DESC_INTID(desc), empty = be->empty_lrs();
	struct vgic_irq *irq = vgic_get_irq(vcpu, intid);
	unsigned int n, nr = be->nr_lrs();
	struct vgic_lr lr;
	int free = -1;

	if (!irq)
		return true; /* no longer the VM's: drop it */
	for (n = 0; n < nr; n++) {
		if (empty & (1U << n)) {
			free = free < 0 ? (int)n : free;
			continue;
		}
		be->lr_get(n, &lr);
		if (lr.intid != intid || lr.src != VGIC_DESC_SRC(desc))
			continue;
		if (lr.state == LR_ACTIVE && !lr.hw && !lr.eoi) {
			lr.state = LR_PENDING_ACTIVE;
			be->lr_set(n, &lr);
		}
		return true;
	}
	if (free < 0)
		return false;
	lr = (struct vgic_lr){
	    .intid = intid,
	    .src = VGIC_DESC_SRC(desc),
	    .prio = irq->priority,
	    .state = LR_PENDING,
	    .hw = irq->hw,
	    .eoi = !irq->hw && intid >= GIC_NR_PRIVATE && !(irq->config & 2),
	};
	be->lr_set(free, &lr);
	return true;
}

/* Append @desc once; returns whether the queue was empty before. */
static bool queue_push(struct vcpu *vcpu, u32 desc)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	enum ratelimit_verdict report = RATELIMIT_QUIET;
	bool was_empty;
	unsigned int i;
	u64 told = 0;

	spin_lock(&c->lock);
	was_empty = !c->nr_pending;
	for (i = 0; i < c->nr_pending && c->pending[i] != desc; i++)
		;
	if (i == c->nr_pending) {
		if (i < VGIC_MAX_PENDING)
			c->pending[c->nr_pending++] = desc;
		else
			report = ratelimit_event(&c->lost, timer_ticks(),
						 GUEST_FAULT_WINDOW_S * timer_freq(), &told);
	}
	spin_unlock(&c->lock);
	if (report == RATELIMIT_FIRST)
		pr_warn("vm%u vCPU%u: pending queue full, interrupt %u lost; further losses are "
			"counted\n",
			vcpu->vm->cfg->id, vcpu->id, VGIC_DESC_INTID(desc));
	else if (report == RATELIMIT_SUMMARY)
		pr_warn("vm%u vCPU%u: %llu more interrupts lost to a full pending queue\n",
			vcpu->vm->cfg->id, vcpu->id, (unsigned long long)told);
	return was_empty;
}

/* Every software injection passes here; the hardware PPI's fast path counts its own. */
static void deliver(struct vcpu *target, u32 desc)
{
	u64 flags = vgic_irq_save();

	vm_irq_injected(target->vm);
	if (is_local(target)) {
		if (!lr_insert(target, desc)) {
			queue_push(target, desc);
			be->set_uie(true);
		}
	} else if (queue_push(target, desc)) {
		/*
		 * A non-empty queue already has a kick in flight, or is
		 * waiting for the underflow interrupt: either drains it all.
		 */
		vcpu_arch_kick(target);
	}
	vgic_irq_restore(flags);
}

void vgic_update(struct vcpu *owner, u32 intid)
{
	struct vgic_irq *irq = vgic_get_irq(owner, intid);
	struct vcpu *target;
	unsigned int src;
	u8 srcs;

	if (!irq || !deliverable(owner->vm, irq))
		return;
	srcs = __atomic_exchange_n(&irq->pending, 0, __ATOMIC_SEQ_CST);
	if (!srcs)
		return;
	target = target_of(owner, intid, irq);
	for (; srcs; srcs &= srcs - 1) {
		src = __builtin_ctz(srcs);
		deliver(target, VGIC_DESC(intid, src));
	}
}

void vgic_raise(struct vcpu *owner, u32 intid, unsigned int src)
{
	struct vgic_irq *irq = vgic_get_irq(owner, intid);

	/* Only GICv2 tells SGI sources apart (GICC_IAR.CPUID). */
	if (!irq || !be)
		return;
	src = gic.version == 2 && intid < GIC_NR_SGIS ? src & 7 : 0;
	__atomic_fetch_or(&irq->pending, 1U << src, __ATOMIC_SEQ_CST);
	vgic_update(owner, intid);
}

void vgic_enable(struct vcpu *owner, u32 intid, bool on)
{
	struct vgic_irq *irq = vgic_get_irq(owner, intid);

	/* Enabling an enabled interrupt changes nothing (the common case of ISENABLER). */
	if (!irq || __atomic_exchange_n(&irq->enabled, on, __ATOMIC_SEQ_CST) == on)
		return;
	if (irq->hw && intid >= GIC_NR_PRIVATE)
		gic.ops->enable(intid, on);
	if (!on)
		return;
	/* A level-sensitive line that is high is pending (IHI 0069 4.1.1). */
	if (__atomic_load_n(&irq->level, __ATOMIC_SEQ_CST))
		__atomic_fetch_or(&irq->pending, 1, __ATOMIC_SEQ_CST);
	vgic_update(owner, intid);
}

/*
 * A latched hardware interrupt is still active in the physical GIC; with
 * its pending state gone nobody would deactivate it. SGIs/PPIs can only be
 * reached on their own CPU (GICv2 banks them per CPU interface).
 */
void vgic_clear_pending(struct vcpu *owner, u32 intid)
{
	struct vgic_irq *irq = vgic_get_irq(owner, intid);

	if (irq && __atomic_exchange_n(&irq->pending, 0, __ATOMIC_SEQ_CST) && irq->hw &&
	    (intid >= GIC_NR_PRIVATE || is_local(owner)))
		gic.ops->clear_active(intid);
}

void vgic_set_target(struct vm *vm, u32 intid, unsigned int vcpu_id)
{
	struct vgic_irq *irq = vgic_get_irq(&vm->vcpu[0], intid);

	if (!irq || intid < GIC_NR_PRIVATE)
		return;
	irq->target = vcpu_id < vm->nr_vcpus ? vcpu_id : 0;
	if (irq->hw)
		gic.ops->route(intid, vm->vcpu[irq->target].pcpu->id);
}

void vgic_ctlr_write(struct vm *vm, bool enabled)
{
	unsigned int i, v;

	__atomic_store_n(&vm->arch.vgic.enabled, enabled, __ATOMIC_SEQ_CST);
	if (!enabled)
		return;
	for (i = GIC_NR_PRIVATE; i < vm->arch.vgic.nr_lines; i++)
		vgic_update(&vm->vcpu[0], i);
	for (v = 0; v < vm->nr_vcpus; v++)
		for (i = 0; i < GIC_NR_PRIVATE; i++)
			vgic_update(&vm->vcpu[v], i);
}

/* Drain this CPU's vCPU queue into free list registers. */
void vgic_flush(void)
{
	struct vcpu *vcpu = vcpu_current();
	struct vgic_cpu *c;
	unsigned int i, kept = 0;
	u64 flags;

	if (!vcpu || !be)
		return;
	c = &vcpu->arch.vgic;
	flags = vgic_irq_save();
	spin_lock(&c->lock);
	for (i = 0; i < c->nr_pending; i++)
		if (!lr_insert(vcpu, c->pending[i]))
			c->pending[kept++] = c->pending[i];
	c->nr_pending = kept;
	spin_unlock(&c->lock);
	be->set_uie(kept != 0);
	vgic_irq_restore(flags);
}

/*
 * EOI maintenance: an emulated level-sensitive interrupt was deactivated;
 * if its line is still high it is pending again (IHI 0069 4.1.1). Then
 * refill the list registers (underflow).
 */
void vgic_maintenance(void)
{
	struct vcpu *vcpu = vcpu_current();
	struct vgic_irq *irq;
	struct vgic_lr lr;
	unsigned int n;
	u32 eisr;

	if (!be)
		return;
	eisr = be->eoi_lrs();
	for (n = 0; eisr; n++, eisr >>= 1) {
		if (!(eisr & 1))
			continue;
		be->lr_get(n, &lr);
		be->lr_set(n, &(struct vgic_lr){0});
		irq = vcpu ? vgic_get_irq(vcpu, lr.intid) : NULL;
		if (irq && __atomic_load_n(&irq->level, __ATOMIC_SEQ_CST))
			vgic_raise(vcpu, lr.intid, 0);
	}
	if (vcpu)
		vgic_flush();
	else
		be->set_uie(false);
}

/* A passthrough SPI @vm owns (core/irq.c table): raised towards its vCPU 0. */
void irq_arch_forward(struct vm *vm, u32 intid)
{
	vgic_raise(&vm->vcpu[0], intid, 0);
}

/*
 * The fast path of a hardware PPI (the virtual timer): its physical
 * interrupt stays active until the guest deactivates it through the list
 * register's HW bit, so no copy of it can be in a list register or queued
 * now, and this CPU's vCPU is its owner: a deliverable one goes straight
 * into a free list register, with no scan and no queue.
 */
static bool lr_insert_hw_ppi(struct vcpu *vcpu, u32 intid, const struct vgic_irq *irq)
{
	u32 empty = be->empty_lrs();
	struct vgic_lr lr = {
	    .intid = intid, .prio = irq->priority, .state = LR_PENDING, .hw = true};

	if (!empty || !deliverable(vcpu->vm, irq) ||
	    __atomic_load_n(&irq->pending, __ATOMIC_RELAXED))
		return false;
	be->lr_set(__builtin_ctz(empty), &lr);
	return true;
}

bool vgic_forward_ppi(u32 intid)
{
	struct vcpu *vcpu = vcpu_current();
	struct vgic_irq *irq;

	if (intid >= GIC_NR_PRIVATE || !vcpu || !be)
		return false;
	irq = &vcpu->arch.vgic.sgi_ppi[intid];
	if (!irq->hw)
		return false;
	if (lr_insert_hw_ppi(vcpu, intid, irq))
		vm_irq_injected(vcpu->vm);
	else
		vgic_raise(vcpu, intid, 0); /* latched, or queued for a free LR */
	return true;
}

void vgic_set_level(struct vm *vm, u32 intid, bool high)
{
	struct vgic_irq *irq;

	if (!vm->nr_vcpus || !(irq = vgic_get_irq(&vm->vcpu[0], intid)))
		return;
	/* Only a rising edge raises it; while high, the EOI resamples it. */
	if (!high) {
		__atomic_store_n(&irq->level, false, __ATOMIC_SEQ_CST);
		__atomic_store_n(&irq->pending, 0, __ATOMIC_SEQ_CST);
	} else if (!__atomic_exchange_n(&irq->level, true, __ATOMIC_SEQ_CST)) {
		vgic_raise(&vm->vcpu[0], intid, 0);
	}
}

static int claim_spi(struct vm *vm, u32 intid, bool hw)
{
	struct vgic_dist *d = &vm->arch.vgic;

	if (intid < GIC_NR_PRIVATE || intid >= d->nr_lines) {
		vm_err(vm, "interrupt %u is not an SPI of this GIC\n", intid);
		return -EINVAL;
	}
	if (hw && irq_claim(intid, vm)) {
		vm_err(vm, "SPI %u already belongs to vm%u\n", intid, irq_owner(intid)->cfg->id);
		return -EBUSY;
	}
	d->spi[intid - GIC_NR_PRIVATE].owned = true;
	d->spi[intid - GIC_NR_PRIVATE].hw = hw;
	return 0;
}

/* Its passthrough SPIs, and the virtual UART's (the host console's INTID). */
static int claim_irqs(struct vm *vm)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->cfg->nr_irqs && !err; i++)
		err = claim_spi(vm, vm->cfg->irq[i], true);
	if (!err && vm->cfg->vuart && console_irq())
		err = claim_spi(vm, console_irq(), false);
	return err;
}

/* Distributor reset (IHI 0069 12.9, reset values); hardware SPIs go quiet. */
static void dist_reset(struct vm *vm)
{
	struct vgic_dist *d = &vm->arch.vgic;
	struct vgic_irq *irq;
	u32 intid;

	__atomic_store_n(&d->enabled, false, __ATOMIC_SEQ_CST);
	d->ctlr = 0;
	for (intid = GIC_NR_PRIVATE; intid < d->nr_lines; intid++) {
		irq = &d->spi[intid - GIC_NR_PRIVATE];
		if (!irq->owned)
			continue;
		irq->enabled = false;
		irq->pending = 0;
		irq->priority = VGIC_PRIO_RESET;
		irq->config = 0;
		irq->target = 0;
		irq->targets = gic.version == 2 ? 1 : 0;
		if (irq->hw) {
			gic.ops->enable(intid, false);
			gic.ops->clear_active(intid);
			gic.ops->route(intid, vm->vcpu[0].pcpu->id);
		}
	}
}

/* Each list-register back-end is built with its GIC driver (Kconfig). */
static const struct vgic_backend *backend_for(unsigned int version)
{
#ifdef CONFIG_ARM_GIC_V3
	if (version == 3)
		return &vgic_v3_backend;
#endif
#ifdef CONFIG_ARM_GIC_V2
	if (version == 2)
		return &vgic_v2_backend;
#endif
	return NULL;
}

int vgic_vm_init(struct vm *vm)
{
	struct vgic_dist *d = &vm->arch.vgic;
	int err;

	if (!gic.ops) {
		vm_err(vm, "no interrupt controller driver\n");
		return -ENODEV;
	}
	be = backend_for(gic.version);
	if (!be) {
		vm_err(vm, "no vGIC for GICv%u in this build\n", gic.version);
		return -ENOTSUP;
	}
	d->nr_lines = MIN(gic.nr_lines, (unsigned int)VGIC_MAX_IRQS);
	err = claim_irqs(vm);
	if (!err && !d->registered)
		err = be->vm_init(vm);
	if (err)
		return err;
	d->registered = true;
	dist_reset(vm);
	return 0;
}

void vgic_vm_reset(struct vm *vm)
{
	u64 flags;

	if (!be)
		return;
	flags = vgic_irq_save();
	dist_reset(vm);
	vgic_irq_restore(flags);
}

void vgic_vcpu_init(struct vcpu *vcpu)
{
	struct vgic_cpu *c = &vcpu->arch.vgic;
	unsigned int i;
	u32 vtimer = vcpu->vm->cfg->layout.timer_ppi;
	u64 flags;

	if (!be)
		return;
	flags = vgic_irq_save();
	spin_lock(&c->lock);
	c->nr_pending = 0;
	spin_unlock(&c->lock);
	/* SGIs: edge, always enabled; PPIs: level, disabled (IHI 0069 12.11). */
	for (i = 0; i < GIC_NR_PRIVATE; i++)
		c->sgi_ppi[i] = (struct vgic_irq){.config = i < GIC_NR_SGIS ? 2 : 0,
						  .enabled = i < GIC_NR_SGIS,
						  .target = vcpu->id,
						  .owned = true};
	c->waker = true;
	be->cpu_reset();
	/* The virtual timer's PPI, as the board DTB names it, goes to the guest. */
	if (vtimer >= GIC_NR_SGIS && vtimer < GIC_NR_PRIVATE) {
		c->sgi_ppi[vtimer].hw = true;
		gic.ops->clear_active(vtimer);
		gic.ops->enable(vtimer, true);
	}
	vgic_irq_restore(flags);
}
