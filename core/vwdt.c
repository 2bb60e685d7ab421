// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each VM's virtual watchdog at run time (include/shyper/vwdt.h): its
 * register page, the hypervisor timer that ends its periods, and the
 * crash its expiry is. The CPU that touched the watchdog last arms its
 * own hypervisor timer at the model's deadline; a CPU whose timer fires
 * early (another vCPU pet the watchdog since) arms it again at the new
 * deadline, so one fires at each deadline, and none polls.
 */
#define pr_fmt(fmt) "vwdt: " fmt

#include <string.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vm.h>
#include <shyper/vwdt.h>
#include "vm_internal.h"

static struct vwdt watchdogs[VM_MAX];

static const struct vwdt_ops *const models[VWDT_NR_KINDS] = {
    [VWDT_SP805] = &vwdt_sp805_ops,
    [VWDT_SUNXI] = &vwdt_sunxi_ops,
};

/* After an access or an expiry, under no lock: arm, or crash the VM. */
static void follow(struct vwdt *w, u64 deadline, bool bit)
{
	if (deadline)
		timer_arch_hyp_arm(deadline);
	if (bit)
		vm_crash(w->vm, VM_CRASH_WATCHDOG);
}

static int watchdog_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	struct vwdt *w = priv;
	u64 deadline;
	bool was, bit;
	u32 val = (u32)acc->value;
	int err;

	if (acc->width != 4 || offset >= w->desc->size)
		return -EINVAL;
	spin_lock(&w->lock);
	was = w->bitten;
	err = vwdt_access(w, offset, acc->write, &val, timer_ticks());
	deadline = w->deadline;
	bit = w->bitten && !was;
	spin_unlock(&w->lock);
	if (!acc->write)
		acc->value = val;
	follow(w, deadline, bit);
	return err;
}

void vwdt_timer_fired(void)
{
	struct vcpu *vcpu = __atomic_load_n(&cpu_current()->vcpu, __ATOMIC_ACQUIRE);
	struct vwdt *w = vcpu ? vcpu->vm->vwdt : NULL;
	u64 deadline;
	bool was, bit;

	if (!w)
		return;
	/* Paused, its guest cannot pet it: look again in a second (resume shifts the count). */
	if (vm_is_paused(w->vm)) {
		timer_arch_hyp_arm(timer_ticks() + w->freq);
		return;
	}
	spin_lock(&w->lock);
	was = w->bitten;
	vwdt_advance(w, timer_ticks());
	deadline = w->deadline;
	bit = w->bitten && !was;
	spin_unlock(&w->lock);
	follow(w, deadline, bit);
}

void vwdt_reset(struct vm *vm)
{
	struct vwdt *w = vm->vwdt;

	if (!w)
		return;
	spin_lock(&w->lock);
	w->now = timer_ticks();
	w->paused_at = 0;
	w->ops->reset(w);
	spin_unlock(&w->lock);
}

void vwdt_set_paused(struct vm *vm, bool paused)
{
	struct vwdt *w = vm->vwdt;
	u64 now = timer_ticks();

	if (!w)
		return;
	spin_lock(&w->lock);
	if (paused) {
		w->paused_at = now;
	} else if (w->paused_at) {
		/* The time it stood still does not count. */
		w->start += now - w->paused_at;
		if (w->deadline)
			w->deadline += now - w->paused_at;
		w->paused_at = 0;
	}
	spin_unlock(&w->lock);
}

int vwdt_vm_init(struct vm *vm)
{
	const struct mem_region *page = &vm->cfg->layout.watchdog;
	struct vwdt *w = &watchdogs[vm->vmid - 1];
	const struct vwdt_desc *d = vwdt_desc_of(vm->cfg->layout.chip);
	int err;

	vm->vwdt = NULL;
	if (!vm->cfg->watchdog)
		return 0;
	if (!d || !page->size || !timer_freq())
		return -ENODEV;
	memset(w, 0, sizeof(*w));
	w->desc = d;
	w->ops = models[d->kind];
	w->vm = vm;
	w->freq = timer_freq();
	err = vm_register_mmio(vm, page->base, page->size, watchdog_access, w);
	if (err)
		return err;
	vm->vwdt = w;
	vwdt_reset(vm);
	pr_info("vm%u (%s): %s at 0x%llx\n", vm->cfg->id, vm->cfg->label, d->name,
		(unsigned long long)page->base);
	return 0;
}
