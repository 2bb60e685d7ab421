// SPDX-License-Identifier: GPL-2.0-only
/*
 * Filling a VM: stage-2 mappings of its RAM and passthrough MMIO, copies
 * of the images the bootloader loaded (kept untouched, so a reset loads
 * them again), and its device tree. Each (re)load starts from zeroed RAM,
 * so nothing of a previous owner or incarnation survives, and ends with
 * everything written made visible to a vCPU whose caches are still off
 * (include/shyper/cache.h).
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cache.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include <shyper/guest_seed.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vm.h>

/* Host address of guest range [gpa, gpa + size), or 0 if not in its RAM. */
static paddr_t gpa_to_hpa(const struct vm_config *cfg, u64 gpa, u64 size)
{
	const struct vm_mem *m = vm_ram_range(cfg, gpa, size);

	return m ? m->hpa + (gpa - m->gpa) : 0;
}

int vm_map_memory(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	unsigned int i;
	int err = 0;

	for (i = 0; i < cfg->nr_mem && !err; i++)
		err = vm_arch_map(vm, cfg->mem[i].gpa, cfg->mem[i].hpa, cfg->mem[i].size, false);
	for (i = 0; i < cfg->nr_mmio && !err; i++)
		err =
		    vm_arch_map(vm, cfg->mmio[i].base, cfg->mmio[i].base, cfg->mmio[i].size, true);
	if (err)
		vm_err(vm, "stage-2 mapping failed (%d)\n", err);
	return err;
}

static int copy_image(struct vm *vm, enum vm_image_kind kind)
{
	const struct vm_image *img = &vm->cfg->image[kind];
	paddr_t dst;

	if (img->node < 0)
		return 0;
	dst = gpa_to_hpa(vm->cfg, img->gpa, img->size);
	if (!dst) {
		vm_err(vm, "%s does not fit its guest RAM\n", vm_image_name(kind));
		return -ERANGE;
	}
	memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)img->hpa, img->size);
	cache_arch_sync_guest(dst, img->size);
	return 0;
}

/*
 * The guest DT builder keeps its state in one static place (core/guest_dt.c),
 * and two VMs may reset at once, each on its own CPU: one build at a time.
 */
static struct spinlock guest_dt_lock;

/* The VM's own DTB when it brought one, else one built for it. */
static int load_dtb(struct vm *vm)
{
	const struct vm_image *img = &vm->cfg->image[VM_IMAGE_DTB];
	void *dst = (void *)(uintptr_t)gpa_to_hpa(vm->cfg, img->gpa, VM_DTB_SLOT);
	int err;

	vm->dtb_gpa = img->gpa;
	if (!dst) {
		vm_err(vm, "no room for its device tree\n");
		return -ERANGE;
	}
	/* An own DTB (image data set by vm_boot_all()) is checked and completed. */
	spin_lock(&guest_dt_lock);
	err = guest_dt_build(vm->cfg->fdt ? vm->cfg->fdt : platform.fdt, vm->cfg, dst, VM_DTB_SLOT);
	spin_unlock(&guest_dt_lock);
	if (!err) /* a fresh seed for every load: a reset must not replay the last boot's */
		err = guest_seed_set(dst, VM_DTB_SLOT, vm->cfg->id, vm->loads++);
	if (err) {
		vm_err(vm, "building its device tree failed (%d)\n", err);
		return err;
	}
	/* libfdt's sequential writer leaves a copy of the strings past the end. */
	memset((u8 *)dst + fdt_totalsize(dst), 0, VM_DTB_SLOT - fdt_totalsize(dst));
	cache_arch_sync_guest((uintptr_t)dst, VM_DTB_SLOT);
	return 0;
}

/* Zero all of the VM's RAM; the cost goes to the log for make bench. */
static void scrub_ram(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	u64 start = timer_ticks(), bytes = 0, us;
	unsigned int i;

	for (i = 0; i < cfg->nr_mem; i++) {
		mem_arch_scrub(cfg->mem[i].hpa, cfg->mem[i].size);
		bytes += cfg->mem[i].size;
	}
	us = timer_freq() ? (timer_ticks() - start) * 1000000 / timer_freq() : 0;
	pr_info("vm%u (%s): %llu KiB of RAM scrubbed in %llu us\n", cfg->id, cfg->label,
		(unsigned long long)(bytes / SZ_1K), (unsigned long long)us);
}

int vm_load(struct vm *vm)
{
	int err;

	scrub_ram(vm);
	err = copy_image(vm, VM_IMAGE_KERNEL);

	if (!err)
		err = copy_image(vm, VM_IMAGE_RAMDISK);
	if (!err)
		err = load_dtb(vm);
	return err;
}

int vm_register_mmio(struct vm *vm, u64 base, u64 size,
		     int (*handle)(struct vcpu *, struct mmio_access *, u64, void *), void *priv)
{
	if (vm->nr_mmio >= VM_MAX_EMUL)
		return -ENOSPC;
	vm->mmio[vm->nr_mmio++] = (struct mmio_region){base, size, handle, priv};
	return 0;
}

int vm_handle_mmio(struct vcpu *vcpu, struct mmio_access *acc)
{
	struct vm *vm = vcpu->vm;
	unsigned int i;

	for (i = 0; i < vm->nr_mmio; i++) {
		struct mmio_region *r = &vm->mmio[i];

		if (acc->addr >= r->base && acc->addr - r->base < r->size)
			return r->handle(vcpu, acc, acc->addr - r->base, r->priv);
	}
	return -ENOENT;
}

int vm_devices_init(struct vm *vm)
{
	int err = vm_arch_devices_init(vm);

	if (!err && vm->cfg->vuart)
		err = vuart_init(vm);
	if (err) {
		vm_err(vm, "virtual devices failed (%d)\n", err);
		vm_devices_exit(vm);
	}
	return err;
}

/* MMIO regions and arch device state live in struct vm: the caller clears it. */
void vm_devices_exit(struct vm *vm)
{
	vuart_exit(vm);
	irq_release_vm(vm);
}
