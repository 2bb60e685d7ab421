// SPDX-License-Identifier: GPL-2.0-only
/*
 * Image sub-nodes of a VM node: what the bootloader loaded (reg), where it
 * goes in the guest (load) and where the kernel starts (entry). Xen's
 * dom0less "multiboot,*" compatibles are accepted next to our own, so a
 * boot script written for Xen needs only the VM node's properties changed.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/shmem.h>
#include <shyper/virtio.h>
#include "vm_internal.h"

static const char *const kernel_compat[] = {"shyper,kernel", "multiboot,kernel", NULL};
static const char *const ramdisk_compat[] = {"shyper,ramdisk", "multiboot,ramdisk", NULL};
static const char *const dtb_compat[] = {"shyper,device-tree", "multiboot,device-tree", NULL};

static const char *const *const image_compat[VM_IMAGE_COUNT] = {
    [VM_IMAGE_KERNEL] = kernel_compat,
    [VM_IMAGE_RAMDISK] = ramdisk_compat,
    [VM_IMAGE_DTB] = dtb_compat,
};

static const char *const image_names[VM_IMAGE_COUNT] = {
    [VM_IMAGE_KERNEL] = "kernel",
    [VM_IMAGE_RAMDISK] = "ramdisk",
    [VM_IMAGE_DTB] = "device-tree",
};

const char *vm_image_name(enum vm_image_kind kind)
{
	return kind < VM_IMAGE_COUNT ? image_names[kind] : "?";
}

const char *vm_image_compatible(enum vm_image_kind kind)
{
	return kind < VM_IMAGE_COUNT ? image_compat[kind][0] : "?";
}

static int image_kind(const void *fdt, int node)
{
	int kind;

	for (kind = 0; kind < VM_IMAGE_COUNT; kind++)
		if (dt_match(fdt, node, image_compat[kind]))
			return kind;
	return -ENOENT;
}

int vm_image_node(const void *fdt, int vm_node, enum vm_image_kind kind)
{
	int sub;

	fdt_for_each_subnode (sub, fdt, vm_node)
		if (image_kind(fdt, sub) == (int)kind)
			return sub;
	return -ENOENT;
}

/* Properties an image node may carry; entry and bootargs on the kernel only. */
static bool image_prop_allowed(int kind, const char *name)
{
	static const char *const common[] = {"compatible", "reg",     "load",
					     "status",	   "phandle", "linux,phandle"};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(common); i++)
		if (!strcmp(name, common[i]))
			return true;
	return kind == VM_IMAGE_KERNEL && (!strcmp(name, "entry") || !strcmp(name, "bootargs"));
}

static int check_image_props(struct vm_node *vn, int node, int kind)
{
	const char *name, *sub = fdt_get_name(vn->fdt, node, NULL);
	int off;

	fdt_for_each_property_offset (off, vn->fdt, node) {
		if (!fdt_getprop_by_offset(vn->fdt, off, &name, NULL))
			return -EINVAL;
		if (!image_prop_allowed(kind, name)) {
			pr_err("%s/%s: %s: unknown property for a %s image\n", vn->vm->path, sub,
			       name, image_names[kind]);
			return -EINVAL;
		}
	}
	return 0;
}

/* reg = <address size>, one entry, in the VM node's cells. */
static int read_image_reg(struct vm_node *vn, int node, struct vm_image *img)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, "reg", &len) || len != (vn->ac + vn->sc) * 4)
		return -EINVAL;
	vm_read_addr(vn->fdt, node, "reg", 0, vn->ac, &img->hpa);
	vm_read_addr(vn->fdt, node, "reg", vn->ac, vn->sc, &img->size);
	if (!img->size || img->hpa + img->size < img->hpa)
		return -EINVAL;
	return 0;
}

/* Optional load / entry: one address in the VM node's #address-cells. */
static int read_image_addr(struct vm_node *vn, int node, const char *prop, u64 *out, bool *found)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, prop, &len))
		return 0;
	if (len != vn->ac * 4)
		return -EINVAL;
	*found = true;
	return vm_read_addr(vn->fdt, node, prop, 0, vn->ac, out);
}

static int parse_kernel_extras(struct vm_node *vn, int node, const char *sub)
{
	struct vm_config *vm = vn->vm;
	bool found = false;
	int len;
	const char *args = fdt_getprop(vn->fdt, node, "bootargs", &len);

	if (read_image_addr(vn, node, "entry", &vm->entry, &found)) {
		pr_err("%s/%s: entry: must be one %d-cell address\n", vm->path, sub, vn->ac);
		return -EINVAL;
	}
	if (!found)
		vm->entry = ~0ULL; /* the kernel's load address, once placed */
	if (!args)
		return 0;
	if (vm->bootargs || len < 1 || args[len - 1] != '\0') {
		pr_err("%s/%s: bootargs: must be one string, given once (here or on the VM node)\n",
		       vm->path, sub);
		return -EINVAL;
	}
	vm->bootargs = args;
	return 0;
}

static int parse_image(struct vm_node *vn, int node, int kind)
{
	struct vm_image *img = &vn->vm->image[kind];
	const char *sub = fdt_get_name(vn->fdt, node, NULL);
	int err;

	if (img->node >= 0) {
		pr_err("%s/%s: compatible: a second %s image\n", vn->vm->path, sub,
		       image_names[kind]);
		return -EEXIST;
	}
	err = check_image_props(vn, node, kind);
	if (err)
		return err;
	img->node = node;
	if (read_image_reg(vn, node, img)) {
		pr_err("%s/%s: reg: must be one non-empty <address size> of %d+%d cells\n",
		       vn->vm->path, sub, vn->ac, vn->sc);
		return -EINVAL;
	}
	if (read_image_addr(vn, node, "load", &img->gpa, &img->gpa_fixed)) {
		pr_err("%s/%s: load: must be one %d-cell address\n", vn->vm->path, sub, vn->ac);
		return -EINVAL;
	}
	if (kind == VM_IMAGE_KERNEL)
		return parse_kernel_extras(vn, node, sub);
	return 0;
}

int vm_parse_images(struct vm_node *vn)
{
	const char *sub;
	int node, kind, err;

	fdt_for_each_subnode (node, vn->fdt, vn->node) {
		sub = fdt_get_name(vn->fdt, node, NULL);
		if (!dt_is_enabled(vn->fdt, node))
			continue;
		if (shmem_is_node(vn->fdt, node)) {
			err = shmem_parse(vn, node); /* core/shmem_parse.c */
			if (err)
				return err;
			continue;
		}
		if (virtio_is_node(vn->fdt, node)) {
			err = virtio_parse(vn, node); /* core/virtio_parse.c */
			if (err)
				return err;
			continue;
		}
		kind = image_kind(vn->fdt, node);
		if (kind < 0) {
			pr_err("%s/%s: compatible: unknown sub-node (not an image)\n", vn->vm->path,
			       sub);
			return -EINVAL;
		}
		err = parse_image(vn, node, kind);
		if (err)
			return err;
	}
	if (vn->vm->image[VM_IMAGE_KERNEL].node < 0) {
		vm_refuse(vn->vm, "kernel",
			  "missing: add a sub-node with compatible \"shyper,kernel\" and reg");
		return -ENOENT;
	}
	return 0;
}

/* Guest range an image occupies: the kernel also needs room for its bss. */
static u64 image_extent(const struct vm_image *img, int kind)
{
	if (kind == VM_IMAGE_KERNEL)
		return VM_KERNEL_FOOTPRINT(img->size);
	if (kind == VM_IMAGE_DTB)
		return VM_DTB_SLOT;
	return img->size;
}

/* The DTB slot: top 2 MiB of the first memory range large enough. */
static u64 dtb_slot(const struct vm_config *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++)
		if (vm->mem[i].size >= VM_DTB_SLOT)
			return vm->mem[i].gpa + vm->mem[i].size - VM_DTB_SLOT;
	return vm->mem[0].gpa;
}

/* Default placement: kernel at the bottom of memory range 0, DTB on top. */
static void place_defaults(struct vm_config *vm)
{
	struct vm_image *k = &vm->image[VM_IMAGE_KERNEL];
	struct vm_image *d = &vm->image[VM_IMAGE_DTB];
	struct vm_image *r = &vm->image[VM_IMAGE_RAMDISK];

	if (!k->gpa_fixed)
		k->gpa = vm->mem[0].gpa;
	if (!d->gpa_fixed)
		d->gpa = dtb_slot(vm);
	if (r->node >= 0 && !r->gpa_fixed)
		r->gpa = d->gpa >= r->size ? ALIGN_DOWN(d->gpa - r->size, (u64)PAGE_SIZE) : 0;
	if (vm->entry == ~0ULL)
		vm->entry = k->gpa;
}

static int check_placed(const struct vm_config *vm, int kind)
{
	const struct vm_image *img = &vm->image[kind];
	u64 size = kind == VM_IMAGE_DTB ? VM_DTB_SLOT : img->size;
	int other;

	if (!vm_ram_range(vm, img->gpa, size)) {
		vm_refuse(vm, image_names[kind], "guest range 0x%llx+0x%llx is outside memory",
			  (unsigned long long)img->gpa, (unsigned long long)size);
		return -ERANGE;
	}
	for (other = 0; other < kind; other++) {
		const struct vm_image *o = &vm->image[other];

		if (o->node >= 0 && vm_ranges_overlap(img->gpa, image_extent(img, kind), o->gpa,
						      image_extent(o, other))) {
			vm_refuse(vm, image_names[kind], "guest range 0x%llx overlaps the %s",
				  (unsigned long long)img->gpa, image_names[other]);
			return -EINVAL;
		}
	}
	return 0;
}

int vm_place_images(struct vm_config *vm)
{
	const struct vm_image *k = &vm->image[VM_IMAGE_KERNEL];
	int kind, err;

	place_defaults(vm);
	/* The DTB slot exists even without an own DTB: Shyper writes one. */
	for (kind = 0; kind < VM_IMAGE_COUNT; kind++) {
		if (vm->image[kind].node < 0 && kind != VM_IMAGE_DTB)
			continue;
		err = check_placed(vm, kind);
		if (err)
			return err;
	}
	if (vm->image[VM_IMAGE_DTB].size > VM_DTB_SLOT) {
		vm_refuse(vm, "device-tree", "0x%llx bytes, more than the 2 MiB slot",
			  (unsigned long long)vm->image[VM_IMAGE_DTB].size);
		return -E2BIG;
	}
	if (vm->entry < k->gpa || vm->entry >= k->gpa + k->size) {
		vm_refuse(vm, "entry", "0x%llx is outside the kernel at 0x%llx+0x%llx",
			  (unsigned long long)vm->entry, (unsigned long long)k->gpa,
			  (unsigned long long)k->size);
		return -ERANGE;
	}
	return 0;
}

static void collect_vm_images(const void *fdt, int vm, struct memmap *images)
{
	struct vm_config scratch = {.path = ""};
	struct vm_node vn = {.fdt = fdt, .node = vm, .ac = 2, .sc = 1, .vm = &scratch};
	struct vm_image img;
	u32 v;
	int node;

	if (!dt_read_u32(fdt, vm, "#address-cells", &v) && (v == 1 || v == 2))
		vn.ac = v;
	if (!dt_read_u32(fdt, vm, "#size-cells", &v) && (v == 1 || v == 2))
		vn.sc = v;
	fdt_for_each_subnode (node, fdt, vm)
		if ((image_kind(fdt, node) >= 0 ||
		     !fdt_node_check_compatible(fdt, node, "shyper,virtio-blk")) &&
		    dt_is_enabled(fdt, node) && !read_image_reg(&vn, node, &img))
			memmap_add(images, img.hpa, img.size, "image");
}

void vm_collect_images(const void *fdt, struct memmap *images)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	memset(images, 0, sizeof(*images));
	if (chosen < 0)
		return;
	fdt_for_each_subnode (node, fdt, chosen)
		if (!fdt_node_check_compatible(fdt, node, "shyper,vm") && dt_is_enabled(fdt, node))
			collect_vm_images(fdt, node, images);
}
