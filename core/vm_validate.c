// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of one VM description against the platform (RAM, reserved
 * ranges, CPUs, the hypervisor's own devices) and against the VMs accepted
 * before it. Spatial isolation depends on these: a VM must own its CPUs,
 * its memory and its devices alone.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include <shyper/platform.h>
#include <shyper/virtio.h>
#include <shyper/vuart.h>
#include "vm_internal.h"

static int check_identity(const struct vm_config *vm, const struct vm_config *vms,
			  unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (vms[i].id == vm->id) {
			vm_refuse(vm, "id", "%u is already used by %s", vm->id, vms[i].path);
			return -EEXIST;
		}
		/* Management rights (the control page) go to one VM only. */
		if (vm->type == VM_TYPE_MANAGEMENT && vms[i].type == VM_TYPE_MANAGEMENT) {
			vm_refuse(vm, "type", "%s is already the management VM", vms[i].path);
			return -EEXIST;
		}
	}
	if (vm->staging_size && vm->type != VM_TYPE_MANAGEMENT) {
		vm_refuse(vm, "staging-size", "only the management VM has a staging window");
		return -EINVAL;
	}
	return 0;
}

static int check_cpus(const struct vm_config *vm, const struct vm_config *vms, unsigned int count)
{
	unsigned int i, j, k;

	if (!vm->cpus_fixed)
		return 0; /* a count is served from the free CPUs afterwards */
	for (i = 0; i < vm->nr_vcpus; i++)
		for (j = 0; j < count; j++)
			for (k = 0; k < vms[j].nr_vcpus; k++)
				if (vms[j].pcpu[k] == vm->pcpu[i]) {
					vm_refuse(vm, "host-cpus", "CPU %u already belongs to %s",
						  vm->pcpu[i], vms[j].path);
					return -EBUSY;
				}
	return 0;
}

static bool is_image_range(const struct memmap *images, const struct mem_region *r)
{
	unsigned int i;

	for (i = 0; i < images->count; i++)
		if (images->region[i].base == r->base && images->region[i].size == r->size)
			return true;
	return false;
}

/* A host range the VM wants must not touch anything already owned. */
static int check_host_range(const struct vm_config *vm, const char *prop, paddr_t base, u64 size,
			    const struct memmap *images, bool is_image)
{
	const struct mem_region *r;

	if (!memmap_contains(&platform.ram, base, size)) {
		vm_refuse(vm, prop, "0x%llx+0x%llx is not inside RAM", (unsigned long long)base,
			  (unsigned long long)size);
		return -ERANGE;
	}
	/* An image is itself a reserved "module" range: skip exact matches. */
	for (r = platform.reserved.region; r < platform.reserved.region + platform.reserved.count;
	     r++) {
		if (!vm_ranges_overlap(base, size, r->base, r->size))
			continue;
		if (is_image && is_image_range(images, r))
			continue;
		vm_refuse(vm, prop, "0x%llx+0x%llx overlaps reserved range %s 0x%llx+0x%llx",
			  (unsigned long long)base, (unsigned long long)size, r->name,
			  (unsigned long long)r->base, (unsigned long long)r->size);
		return -EBUSY;
	}
	return 0;
}

/*
 * Images are claimed in VM order (increasing id): an image that overlaps
 * an image of the same VM or of a VM taken before it is at fault, and only
 * its VM is refused, naming the other image and its VM.
 */
static int check_image_against(const struct vm_config *vm, int kind, const struct vm_config *other,
			       int other_kind)
{
	const struct vm_image *img = &vm->image[kind], *o = &other->image[other_kind];

	if (o->node < 0 || (other == vm && other_kind == kind) ||
	    !vm_ranges_overlap(img->hpa, img->size, o->hpa, o->size))
		return 0;
	vm_refuse(vm, vm_image_name(kind), "0x%llx+0x%llx overlaps the %s image of %s",
		  (unsigned long long)img->hpa, (unsigned long long)img->size,
		  vm_image_name(other_kind), other == vm ? "this VM" : other->path);
	return -EBUSY;
}

/* A disk of a VM taken before (core/virtio_parse.c checks the VM's own and later ones). */
static int check_image_on_disks(const struct vm_config *vm, int kind, const struct vm_config *other)
{
	const struct vm_image *img = &vm->image[kind];
	unsigned int i;

	for (i = 0; i < other->nr_virtio; i++) {
		const struct vm_virtio *d = &other->virtio[i];

		if (d->kind == VIRTIO_KIND_BLK &&
		    vm_ranges_overlap(img->hpa, img->size, d->hpa, d->size)) {
			vm_refuse(vm, vm_image_name(kind), "0x%llx+0x%llx overlaps the disk %s/%s",
				  (unsigned long long)img->hpa, (unsigned long long)img->size,
				  other->path, d->sub);
			return -EBUSY;
		}
	}
	return 0;
}

static int check_images(const struct vm_config *vm, const struct vm_config *vms, unsigned int count,
			const struct memmap *images)
{
	unsigned int i;
	int kind, k, err;

	for (kind = 0; kind < VM_IMAGE_COUNT; kind++) {
		if (vm->image[kind].node < 0)
			continue;
		err = check_host_range(vm, vm_image_name(kind), vm->image[kind].hpa,
				       vm->image[kind].size, images, true);
		for (k = 0; !err && k < kind; k++)
			err = check_image_against(vm, kind, vm, k);
		for (i = 0; !err && i < count; i++)
			for (k = 0; !err && k < VM_IMAGE_COUNT; k++)
				err = check_image_against(vm, kind, &vms[i], k);
		for (i = 0; !err && i < count; i++)
			err = check_image_on_disks(vm, kind, &vms[i]);
		if (err)
			return err;
	}
	return 0;
}

static int check_fixed_memory(const struct vm_config *vm, const struct vm_config *vms,
			      unsigned int count, const struct memmap *images)
{
	unsigned int i, j, k;
	int err;

	for (i = 0; i < vm->nr_mem; i++) {
		const struct vm_mem *m = &vm->mem[i];

		if (!m->fixed)
			continue;
		err = check_host_range(vm, "host-memory", m->hpa, m->size, images, false);
		if (err)
			return err;
		if (memmap_find_overlap(images, m->hpa, m->size)) {
			vm_refuse(vm, "host-memory", "0x%llx+0x%llx overlaps a loaded image",
				  (unsigned long long)m->hpa, (unsigned long long)m->size);
			return -EBUSY;
		}
		for (j = 0; j < count; j++)
			for (k = 0; k < vms[j].nr_mem; k++)
				if (vm_ranges_overlap(m->hpa, m->size, vms[j].mem[k].hpa,
						      vms[j].mem[k].size)) {
					vm_refuse(vm, "host-memory",
						  "0x%llx+0x%llx overlaps the memory of %s",
						  (unsigned long long)m->hpa,
						  (unsigned long long)m->size, vms[j].path);
					return -EBUSY;
				}
	}
	return 0;
}

/* Guest RAM must leave the addresses of mapped and emulated devices free. */
static int check_guest_hole(const struct vm_config *vm, paddr_t base, u64 size, const char *what)
{
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++)
		if (vm_ranges_overlap(vm->mem[i].gpa, vm->mem[i].size, base, size)) {
			vm_refuse(vm, "memory", "guest range 0x%llx+0x%llx covers %s at 0x%llx",
				  (unsigned long long)vm->mem[i].gpa,
				  (unsigned long long)vm->mem[i].size, what,
				  (unsigned long long)base);
			return -EBUSY;
		}
	return 0;
}

static int check_guest_layout(const void *fdt, const struct vm_config *vm)
{
	struct mem_region virt[GUEST_DT_MAX_REGIONS];
	int i, n = guest_dt_virt_regions(fdt, vm, virt, ARRAY_SIZE(virt)), err;

	for (i = 0; i < (int)vm->nr_mmio; i++) {
		err = check_guest_hole(vm, vm->mmio[i].base, vm->mmio[i].size, vm->mmio[i].name);
		if (err)
			return err;
	}
	/* The virtual interrupt controller and UART sit at host addresses. */
	for (i = 0; i < n; i++) {
		err = check_guest_hole(vm, ALIGN_DOWN(virt[i].base, (u64)PAGE_SIZE),
				       ALIGN_UP(virt[i].size, (u64)PAGE_SIZE), virt[i].name);
		if (err)
			return err;
	}
	return 0;
}

/* What else of the VM's guest layout [base, base + size) would cover, or NULL. */
static const char *control_page_occupant(const void *fdt, const struct vm_config *vm, u64 base,
					 u64 size)
{
	struct mem_region virt[GUEST_DT_MAX_REGIONS];
	int i, n = guest_dt_virt_regions(fdt, vm, virt, ARRAY_SIZE(virt));

	for (i = 0; i < (int)vm->nr_mmio; i++)
		if (vm_ranges_overlap(base, size, vm->mmio[i].base, vm->mmio[i].size))
			return vm->mmio[i].name;
	for (i = 0; i < n; i++)
		if (virt[i].name != vm->layout.control.name && /* themselves */
		    virt[i].name != vm->layout.staging.name &&
		    vm_ranges_overlap(base, size, ALIGN_DOWN(virt[i].base, (u64)PAGE_SIZE),
				      ALIGN_UP(virt[i].size, (u64)PAGE_SIZE)))
			return virt[i].name;
	return NULL;
}

/*
 * The control page sits above the VM's RAM, where a passthrough device or
 * the interrupt controller's or the UART's host address may be.
 */
static int check_control_region(const void *fdt, const struct vm_config *vm,
				const struct mem_region *c)
{
	const char *what = c->size ? control_page_occupant(fdt, vm, c->base, c->size) : NULL;

	if (what) {
		vm_refuse(vm, "type", "the %s at 0x%llx (above the VM's memory) overlaps %s",
			  c->name, (unsigned long long)c->base, what);
		return -EBUSY;
	}
	return 0;
}

static int check_control_page(const void *fdt, const struct vm_config *vm)
{
	int err = check_control_region(fdt, vm, &vm->layout.control);

	return err ? err : check_control_region(fdt, vm, &vm->layout.staging);
}

static int check_vuart(const struct vm_config *vm)
{
	const struct platform_device *console = platform_find_device(DEVICE_SERIAL);
	const char *compatible;

	if (!vm->vuart)
		return 0;
	if (!console) {
		vm_refuse(vm, "vuart", "the hypervisor has no console UART to model it on");
		return -ENODEV;
	}
	if (!vuart_has_model(platform.fdt, console->node)) {
		compatible = dt_read_string(platform.fdt, console->node, "compatible");
		vm_refuse(vm, "vuart", "this build has no virtual UART model for the console (%s)",
			  compatible ? compatible : "?");
		return -ENOTSUP;
	}
	return 0;
}

/*
 * A VM's own DTB must agree with its description (guest_dt_check()): it is
 * checked here, so that a mismatch refuses the VM before anything of it is
 * built. Its data stays attached for the builder.
 */
static int check_own_dtb(const void *fdt, struct vm_config *vm)
{
	struct vm_image *img = &vm->image[VM_IMAGE_DTB];

	if (img->node < 0)
		return 0;
	if (!img->data)
		img->data = vm_image_data(img);
	if (!img->data)
		return 0; /* unreadable here: the checker says so itself */
	if (img->size < sizeof(struct fdt_header) || fdt_check_header(img->data) ||
	    fdt_totalsize(img->data) > img->size) {
		vm_refuse(vm, "device-tree", "the image at 0x%llx is not a DTB",
			  (unsigned long long)img->hpa);
		return -EINVAL;
	}
	return guest_dt_check(fdt, img->data, vm) ? -EINVAL : 0;
}

int vm_validate(const void *fdt, struct vm_config *vm, const struct vm_config *vms,
		unsigned int count, const struct memmap *images)
{
	int err;

	err = check_identity(vm, vms, count);
	if (!err)
		err = check_cpus(vm, vms, count);
	if (!err)
		err = check_images(vm, vms, count, images);
	if (!err)
		err = check_fixed_memory(vm, vms, count, images);
	if (!err)
		err = check_vuart(vm);
	if (!err)
		err = vm_validate_devices(fdt, vm, vms, count);
	if (!err)
		err = vm_layout_compute(fdt, vm);
	if (!err)
		err = check_guest_layout(fdt, vm);
	if (!err)
		err = check_control_page(fdt, vm);
	if (!err)
		err = check_own_dtb(fdt, vm);
	return err;
}
