// SPDX-License-Identifier: GPL-2.0-only
/*
 * /chosen moved to the end of the root (include/shyper/dt_order.h). QEMU's
 * riscv64 virt machine, for one, puts it before /memory, /cpus and /soc.
 * The tree is written again with libfdt's sequential-write calls: libfdt's
 * read-write calls insert a new node first among its siblings, which would
 * move every other node.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/dt_order.h>
#include <shyper/printk.h>

/* @node, a subnode of the root, is /@name. */
static bool root_node_is(const void *fdt, int node, const char *name)
{
	return !strcmp(fdt_get_name(fdt, node, NULL), name);
}

bool dt_chosen_is_last(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), next;

	if (chosen < 0)
		return true;
	next = fdt_next_subnode(fdt, chosen);
	if (next >= 0 && root_node_is(fdt, next, "__symbols__"))
		next = fdt_next_subnode(fdt, next);
	return next < 0;
}

static int write_node(const void *fdt, int node, void *out);

/* The root's subnodes: the others in order, then /chosen, then __symbols__. */
static int write_root_subnodes(const void *fdt, void *out)
{
	int sub, err = 0, chosen = -1, symbols = -1;

	fdt_for_each_subnode (sub, fdt, 0) {
		if (root_node_is(fdt, sub, "chosen"))
			chosen = sub;
		else if (root_node_is(fdt, sub, "__symbols__"))
			symbols = sub;
		else
			err = write_node(fdt, sub, out);
		if (err)
			return err;
	}
	if (chosen >= 0)
		err = write_node(fdt, chosen, out);
	if (!err && symbols >= 0)
		err = write_node(fdt, symbols, out);
	return err;
}

static int write_node(const void *fdt, int node, void *out)
{
	int prop, sub, len, err;

	err = fdt_begin_node(out, node ? fdt_get_name(fdt, node, NULL) : "");
	fdt_for_each_property_offset (prop, fdt, node) {
		const char *name;
		const void *val = fdt_getprop_by_offset(fdt, prop, &name, &len);

		if (!err)
			err = val ? fdt_property(out, name, val, len) : len;
	}
	if (err)
		return err;
	if (!node)
		err = write_root_subnodes(fdt, out);
	else
		fdt_for_each_subnode (sub, fdt, node) {
			err = write_node(fdt, sub, out);
			if (err)
				break;
		}
	return err ? err : fdt_end_node(out);
}

static int write_reservations(const void *fdt, void *out)
{
	int i, n = fdt_num_mem_rsv(fdt), err = 0;

	for (i = 0; i < n && !err; i++) {
		u64 base, size;

		err = fdt_get_mem_rsv(fdt, i, &base, &size);
		if (!err)
			err = fdt_add_reservemap_entry(out, base, size);
	}
	return err ? err : fdt_finish_reservemap(out);
}

int dt_move_chosen_last(const void *fdt, void *buf, size_t size)
{
	int err = fdt_create(buf, (int)size);

	if (!err)
		err = write_reservations(fdt, buf);
	if (!err)
		err = write_node(fdt, 0, buf);
	if (!err)
		err = fdt_finish(buf);
	if (err)
		return err;
	fdt_set_boot_cpuid_phys(buf, fdt_boot_cpuid_phys(fdt));
	/* Room to grow, for the run-time overlays' copies (open_compact). */
	return fdt_open_into(buf, buf, (int)size);
}

const void *dt_with_chosen_last(const void *fdt, void *buf, size_t size)
{
	if (dt_chosen_is_last(fdt))
		return fdt;
	if (dt_move_chosen_last(fdt, buf, size)) {
		pr_warn("the DTB does not fit %u KiB with /chosen moved last: VMs cannot be "
			"created at run time (CONFIG_DT_OVERLAY_BUF_KIB)\n",
			(unsigned)(size >> 10));
		return fdt;
	}
	return buf;
}
