// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMs created at run time (CTL_CMD_CREATE, Documentation/control.md). The
 * management VM puts a .dtbo and its images (kernel, and a ramdisk or a
 * device tree if it wants) into its staging window;
 * the overlay is applied to a copy of the host DT (core/dt_overlay.c, as
 * the boot's shyper,overlay nodes are), its new shyper,vm node is read and
 * validated by the boot's code against what is free now
 * (vm_config_parse_created()), built in a free or released VM slot and
 * started. The VM keeps its DT copy and its image copies until it is
 * released, so a restart reloads what it was created with.
 */
#define pr_fmt(fmt) "create: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/cache.h>
#include <shyper/dt.h>
#include <shyper/dt_order.h>
#include <shyper/dt_overlay.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>

#define TREE_SIZE (CONFIG_DT_OVERLAY_BUF_KIB * 1024)

/* What a created VM holds besides its RAM, freed with it. */
struct created {
	paddr_t tree;
	u64 tree_size;
	paddr_t image[VM_IMAGE_COUNT];
	u64 image_size[VM_IMAGE_COUNT];
	struct vm_config cfg;
};

static struct created created[VM_MAX];
/* One command at a time (the control page's lock): scratch for it alone. */
static u8 trees[2][TREE_SIZE] __attribute__((aligned(8)));
static u8 overlay[TREE_SIZE] __attribute__((aligned(8)));
static struct vm_config live[VM_MAX];
static struct memmap saved_usable, saved_reserved;

/* Fragments may only target /chosen, by path: the binding, and check_offsets() below. */
static int check_fragments(const void *blob)
{
	int frag;

	fdt_for_each_subnode (frag, blob, 0) {
		const char *target = dt_read_string(blob, frag, "target-path");

		if (fdt_subnode_offset(blob, frag, "__overlay__") < 0)
			continue;
		if (!target || strcmp(target, "/chosen")) {
			pr_err("overlay: fragment %s: target-path: must be \"/chosen\"\n",
			       fdt_get_name(blob, frag, NULL));
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The hypervisor's device records hold node offsets of the host DT: they
 * stay valid in the copy because /chosen is the host DT's last node (but
 * for __symbols__, which no record names: the boot moved it there,
 * dt_move_chosen_last()) and the overlay only adds inside it.
 */
static int check_offsets(const void *host, const void *fdt)
{
	if (!dt_chosen_is_last(host) ||
	    fdt_path_offset(fdt, "/chosen") != fdt_path_offset(host, "/chosen")) {
		pr_err("overlay: /chosen is not the host DT's last node: VMs cannot be created "
		       "at run time on this board\n");
		return -EINVAL;
	}
	return 0;
}

/* The one shyper,vm node under /chosen that the host DT does not have. */
static int new_vm_node(const void *host, const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node, found = -ENOENT;
	char path[VM_PATH_LEN];

	fdt_for_each_subnode (node, fdt, chosen) {
		if (fdt_node_check_compatible(fdt, node, "shyper,vm") ||
		    fdt_get_path(fdt, node, path, sizeof(path)) || fdt_path_offset(host, path) >= 0)
			continue;
		if (found >= 0) {
			pr_err("overlay: %s: a second new shyper,vm node: one VM per overlay\n",
			       path);
			return -EINVAL;
		}
		found = node;
	}
	if (found < 0)
		pr_err("overlay: adds no new shyper,vm node under /chosen\n");
	return found;
}

/*
 * The image node's reg, in the VM node's cells (defaults 2 and 1), names
 * the copy; a node the overlay does not have is added, with the binding's
 * compatible.
 */
static int set_image_reg(void *fdt, int vm_node, enum vm_image_kind kind, paddr_t base, u64 size)
{
	int node = vm_image_node(fdt, vm_node, kind), n = 0, err;
	u32 ac = 2, sc = 1;
	fdt32_t cells[4];

	dt_read_u32(fdt, vm_node, "#address-cells", &ac);
	dt_read_u32(fdt, vm_node, "#size-cells", &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return 0; /* vm_parse_node() names the property */
	if (node < 0) {
		node = fdt_add_subnode(fdt, vm_node, vm_image_name(kind));
		err = node < 0
			  ? node
			  : fdt_setprop_string(fdt, node, "compatible", vm_image_compatible(kind));
		if (err)
			return err;
	}
	if (ac == 2)
		cells[n++] = cpu_to_fdt32((u32)(base >> 32));
	cells[n++] = cpu_to_fdt32((u32)base);
	if (sc == 2)
		cells[n++] = cpu_to_fdt32((u32)(size >> 32));
	cells[n++] = cpu_to_fdt32((u32)size);
	return fdt_setprop(fdt, node, "reg", cells, n * (int)sizeof(cells[0]));
}

/*
 * A copy of [@src, @src + @size) in pages of its own, the tail zeroed: the
 * window is reused by the next create. The whole pages are one reserved
 * range, which is what check_host_range() accepts for an image.
 */
static int copy_out(const void *src, u64 size, paddr_t *out)
{
	u64 pages = ALIGN_UP(size, (u64)PAGE_SIZE);

	u8 *dst;

	if (platform_alloc_low(pages, PAGE_SIZE, out)) {
		pr_err("no free host RAM for a 0x%llx-byte copy\n", (unsigned long long)size);
		return -ENOMEM;
	}
	dst = vm_create_va(*out, pages);
	memcpy(dst, src, size);
	memset(dst + size, 0, pages - size);
	return 0;
}

static int take_overlay(const struct vm_create_req *req, void **tree, int *node)
{
	const void *host = platform.fdt;
	void *blob = overlay;
	int err;

	if (req->overlay.size > sizeof(overlay) || req->overlay.size < sizeof(struct fdt_header)) {
		pr_err("overlay: 0x%llx bytes: not a .dtbo of at most %u KiB\n",
		       (unsigned long long)req->overlay.size, (unsigned)(sizeof(overlay) >> 10));
		return -EINVAL;
	}
	memcpy(blob, req->overlay.data, req->overlay.size);
	if (fdt_check_header(blob) || fdt_totalsize(blob) > req->overlay.size) {
		pr_err("overlay: not a valid .dtbo\n");
		return -EINVAL;
	}
	err = check_fragments(blob);
	if (!err)
		err = dt_overlay_apply_one(host, trees[0], trees[1], TREE_SIZE, "overlay", blob,
					   req->overlay.size, tree);
	if (!err)
		err = check_offsets(host, *tree);
	if (err)
		return err;
	*node = new_vm_node(host, *tree);
	return *node < 0 ? *node : 0;
}

/* Everything but the build: on failure the caller restores the memory maps. */
static int prepare(const struct vm_create_req *req, struct created *c)
{
	void *tree;
	int node = -1, err = take_overlay(req, &tree, &node), kind;

	for (kind = 0; kind < VM_IMAGE_COUNT && !err; kind++) {
		const struct vm_create_blob *img = &req->image[kind];

		if (!img->size)
			continue;
		err = copy_out(img->data, img->size, &c->image[kind]);
		/* Whole pages, zero-padded (Linux skips zeros after an initramfs). */
		c->image_size[kind] = ALIGN_UP(img->size, (u64)PAGE_SIZE);
		if (!err && set_image_reg(tree, node, kind, c->image[kind], c->image_size[kind])) {
			pr_err("overlay: no room in the DT for the %s's reg\n",
			       vm_image_name(kind));
			err = -ENOSPC;
		}
	}
	if (err)
		return err;
	/* Its home for the VM's life: the parse keeps offsets and strings of it. */
	fdt_pack(tree);
	err = copy_out(tree, fdt_totalsize(tree), &c->tree);
	c->tree_size = ALIGN_UP((u64)fdt_totalsize(tree), (u64)PAGE_SIZE);
	if (err)
		return err;
	return vm_config_parse_created(vm_create_va(c->tree, c->tree_size), node, live,
				       vm_live_configs(live), &c->cfg);
}

int vm_create(const struct vm_create_req *req, u32 *id)
{
	static struct created saved;
	int slot = vm_slot_free(), err;
	struct created *c;

	if (slot < 0) {
		pr_err("no free VM slot (CONFIG_MAX_VMS)\n");
		return -ENOSPC;
	}
	c = &created[slot];
	saved = *c;
	memset(c, 0, sizeof(*c));
	saved_usable = platform.usable;
	saved_reserved = platform.reserved;
	err = prepare(req, c);
	if (!err)
		err = vm_add((unsigned int)slot, &c->cfg);
	if (err) {
		platform.usable = saved_usable;
		platform.reserved = saved_reserved;
		*c = saved;
		return err;
	}
	*id = c->cfg.id;
	vm_config_print_one(&c->cfg, live, vm_live_configs(live));
	pr_info("%s: vm%u (%s) created in slot %d\n", c->cfg.path, c->cfg.id, c->cfg.label, slot);
	return 0;
}

void vm_create_release(unsigned int slot)
{
	struct created *c = &created[slot];
	int kind;

	if (slot >= VM_MAX)
		return;
	if (c->tree_size)
		platform_free(c->tree, c->tree_size);
	c->tree_size = 0;
	for (kind = 0; kind < VM_IMAGE_COUNT; kind++) {
		if (c->image_size[kind])
			platform_free(c->image[kind], c->image_size[kind]);
		c->image_size[kind] = 0;
	}
}
