// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host nodes copied into a guest DTB: the passthrough devices with their
 * whole subtrees, every node they reference by phandle (transitively), and
 * the buses above them with their addressing properties only. Phandles are
 * renumbered in host tree order, so the result does not depend on how the
 * host DTB was compiled (with or without "dtc -@").
 *
 * Properties known to hold phandles are listed in ref_props[], with the
 * provider's #*-cells property that sizes each entry (Linux bindings:
 * clock/clock-bindings.txt, reset/reset.txt, gpio/gpio.txt, ...).
 * Properties naming things a VM never owns (IOMMU, MSI controller, host
 * reserved memory, PCI interrupt maps) are left out.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/platform.h>

enum ref_match { MATCH_EXACT, MATCH_SUFFIX, MATCH_PINCTRL };

struct ref_prop {
	const char *name;
	const char *cells; /* NULL: a plain list of phandles */
	enum ref_match match;
};

static const struct ref_prop ref_props[] = {
    {"interrupt-parent", NULL, MATCH_EXACT},
    {"interrupts-extended", "#interrupt-cells", MATCH_EXACT},
    {"clocks", "#clock-cells", MATCH_EXACT},
    {"assigned-clocks", "#clock-cells", MATCH_EXACT},
    {"assigned-clock-parents", "#clock-cells", MATCH_EXACT},
    {"resets", "#reset-cells", MATCH_EXACT},
    {"power-domains", "#power-domain-cells", MATCH_EXACT},
    {"phys", "#phy-cells", MATCH_EXACT},
    {"dmas", "#dma-cells", MATCH_EXACT},
    {"mboxes", "#mbox-cells", MATCH_EXACT},
    {"pwms", "#pwm-cells", MATCH_EXACT},
    {"io-channels", "#io-channel-cells", MATCH_EXACT},
    {"interconnects", "#interconnect-cells", MATCH_EXACT},
    {"thermal-sensors", "#thermal-sensor-cells", MATCH_EXACT},
    {"sound-dai", "#sound-dai-cells", MATCH_EXACT},
    {"gpios", "#gpio-cells", MATCH_EXACT},
    {"nvmem-cells", NULL, MATCH_EXACT},
    {"phy-handle", NULL, MATCH_EXACT},
    {"operating-points-v2", NULL, MATCH_EXACT},
    {"-gpios", "#gpio-cells", MATCH_SUFFIX},
    {"-gpio", "#gpio-cells", MATCH_SUFFIX},
    {"-supply", NULL, MATCH_SUFFIX},
    {"pinctrl-", NULL, MATCH_PINCTRL},
};

static const char *const dropped_props[] = {
    "phandle",	      "linux,phandle",	     "iommus",	      "iommu-map",
    "iommu-map-mask", "msi-parent",	     "msi-map",	      "msi-map-mask",
    "memory-region",  "memory-region-names", "interrupt-map", "interrupt-map-mask",
};

/* Bus properties kept on nodes that are only ancestors of copied nodes. */
static const char *const bus_props[] = {"#address-cells", "#size-cells",  "ranges",
					"dma-ranges",	  "dma-coherent", "interrupt-parent"};

static bool in_list(const char *const *list, unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls > lx && !strcmp(s + ls - lx, suffix);
}

static const struct ref_prop *find_ref_prop(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ref_props); i++) {
		const struct ref_prop *rp = &ref_props[i];

		if (rp->match == MATCH_EXACT && !strcmp(name, rp->name))
			return rp;
		/* "nr-gpios" / "snps,nr-gpios" are counts, not references. */
		if (rp->match == MATCH_SUFFIX && ends_with(name, rp->name) &&
		    !ends_with(name, "nr-gpios"))
			return rp;
		if (rp->match == MATCH_PINCTRL && !strncmp(name, "pinctrl-", 8) && name[8] >= '0' &&
		    name[8] <= '9')
			return rp;
	}
	return NULL;
}

typedef int (*ref_fn)(struct guest_dt *g, int target, u8 *cell, void *arg);

/*
 * Call @fn for every phandle of a reference property; @cell points at the
 * phandle in @val (a writable copy when rewriting). Phandle 0 is an empty
 * entry (allowed in gpio lists) and has no arguments.
 */
static int walk_refs(struct guest_dt *g, const struct ref_prop *rp, const u8 *val, int len, u8 *out,
		     ref_fn fn, void *arg)
{
	int i = 0, n = len / 4, target, res;
	u64 phandle;
	u32 cells;

	if (len % 4)
		return -FDT_ERR_BADVALUE;
	while (i < n) {
		dt_read_cells(val + i * 4, 1, &phandle);
		target = phandle ? fdt_node_offset_by_phandle(g->host, (u32)phandle) : -1;
		cells = 0;
		if (phandle && target < 0)
			return -FDT_ERR_BADPHANDLE;
		if (target >= 0 && rp->cells && dt_read_u32(g->host, target, rp->cells, &cells))
			return -FDT_ERR_BADNCELLS;
		/* A #*-cells larger than what is left of the list is malformed. */
		if (cells > (u32)(n - i - 1))
			return -FDT_ERR_BADNCELLS;
		if (target >= 0) {
			res = fn(g, target, out ? out + i * 4 : NULL, arg);
			if (res)
				return res;
		}
		i += 1 + (int)cells;
	}
	return i == n ? 0 : -FDT_ERR_BADNCELLS;
}

static struct guest_node *find_node(struct guest_dt *g, int host)
{
	unsigned int i;

	for (i = 0; i < g->nr_nodes; i++)
		if (g->node[i].host == host)
			return &g->node[i];
	return NULL;
}

static int add_node(struct guest_dt *g, int host, u8 flags)
{
	struct guest_node *e = find_node(g, host);
	int parent;

	if (e) {
		e->flags |= flags;
		return 0;
	}
	if (g->nr_nodes == GUEST_DT_MAX_NODES)
		return -FDT_ERR_NOSPACE;
	g->node[g->nr_nodes++] = (struct guest_node){.host = host, .flags = flags};
	parent = fdt_parent_offset(g->host, host);
	return parent > 0 ? add_node(g, parent, GN_ANCESTOR) : 0;
}

/*
 * Host nodes a guest never gets a copy of: Shyper writes its own, or they
 * belong to the hypervisor or to another VM (a reference to them is left
 * out rather than handing the VM a device it cannot reach).
 */
static bool is_excluded(struct guest_dt *g, int node)
{
	const struct vm_config *owner = vm_config_owner(g->host, node);
	unsigned int i;

	if (dt_is_system_node(g->host, node) || (owner && owner->id != g->vm->id))
		return true;
	for (i = 0; i < platform.device_count; i++)
		if (dt_node_within(g->host, node, platform.device[i].node))
			return true;
	return false;
}

static int collect_ref(struct guest_dt *g, int target, u8 *cell, void *arg)
{
	if (is_excluded(g, target))
		return 0; /* mapped to a node Shyper writes, or dropped */
	return add_node(g, target, GN_PROPS | GN_TARGET);
}

static int scan_node(struct guest_dt *g, int host, bool all_props)
{
	const struct ref_prop *rp;
	const char *name;
	const u8 *val;
	int off, len, res;

	fdt_for_each_property_offset (off, g->host, host) {
		val = fdt_getprop_by_offset(g->host, off, &name, &len);
		if (!val || in_list(dropped_props, ARRAY_SIZE(dropped_props), name))
			continue;
		if (!all_props && strcmp(name, "interrupt-parent"))
			continue;
		rp = find_ref_prop(name);
		/* A malformed reference is not followed; emit_props() drops it. */
		if (rp && (res = walk_refs(g, rp, val, len, NULL, collect_ref, NULL)) &&
		    res == -FDT_ERR_NOSPACE)
			return res;
	}
	return 0;
}

static int add_subtree(struct guest_dt *g, int dev)
{
	int node, depth = 0, res = add_node(g, dev, GN_PROPS | GN_SUBTREE | GN_DEVICE);

	for (node = fdt_next_node(g->host, dev, &depth); !res && node >= 0 && depth > 0;
	     node = fdt_next_node(g->host, node, &depth))
		res = add_node(g, node, GN_PROPS | GN_SUBTREE);
	return res;
}

static int close_references(struct guest_dt *g)
{
	bool changed = true;
	unsigned int i;
	int res;

	while (changed) {
		changed = false;
		for (i = 0; i < g->nr_nodes; i++) {
			struct guest_node *e = &g->node[i];
			u8 flags = e->flags;

			if (e->scanned == flags)
				continue;
			res = scan_node(g, e->host, flags & GN_PROPS);
			if (res)
				return res;
			g->node[i].scanned = flags;
			changed = true;
		}
	}
	return 0;
}

/* Host tree order, so phandle numbers do not depend on discovery order. */
static void sort_nodes(struct guest_dt *g)
{
	unsigned int i, j;

	for (i = 1; i < g->nr_nodes; i++) {
		struct guest_node e = g->node[i];

		for (j = i; j > 0 && g->node[j - 1].host > e.host; j--)
			g->node[j] = g->node[j - 1];
		g->node[j] = e;
	}
}

int guest_dt_select(struct guest_dt *g)
{
	unsigned int i;
	int res = 0;

	g->nr_nodes = 0;
	for (i = 0; !res && i < g->vm->nr_devices; i++)
		res = add_subtree(g, g->vm->device[i]);
	if (!res)
		res = close_references(g);
	if (res)
		return res;
	sort_nodes(g);
	for (i = 0; i < g->nr_nodes; i++)
		if (g->node[i].flags & GN_TARGET)
			g->node[i].phandle = g->next_phandle++;
	return 0;
}

u32 guest_dt_map_phandle(const struct guest_dt *g, int host)
{
	unsigned int i;

	if (host == g->ic_node)
		return g->ic_phandle;
	for (i = 0; i < g->nr_nodes; i++)
		if (g->node[i].host == host)
			return g->node[i].phandle;
	return 0;
}

static int check_mapped(struct guest_dt *g, int target, u8 *cell, void *arg)
{
	return guest_dt_map_phandle(g, target) ? 0 : -FDT_ERR_NOTFOUND;
}

static int rewrite_ref(struct guest_dt *g, int target, u8 *cell, void *arg)
{
	guest_dt_put_cells(cell, 1, guest_dt_map_phandle(g, target));
	return 0;
}

/* A reference property with every phandle renumbered, or nothing if one
 * points at a node the guest does not have. */
static int emit_ref_prop(struct guest_dt *g, const struct ref_prop *rp, const char *name,
			 const u8 *val, int len)
{
	u8 *out;
	int res;

	if (walk_refs(g, rp, val, len, NULL, check_mapped, NULL))
		return 0;
	res = fdt_property_placeholder(g->fdt, name, len, (void **)&out);
	if (res)
		return res;
	memcpy(out, val, len);
	return walk_refs(g, rp, val, len, out, rewrite_ref, NULL);
}

static int emit_props(struct guest_dt *g, const struct guest_node *e)
{
	bool bus_only = !(e->flags & GN_PROPS);
	bool has_ranges = fdt_getprop(g->host, e->host, "ranges", NULL) != NULL;
	const struct ref_prop *rp;
	const char *name;
	const u8 *val;
	int off, len, res = 0;

	fdt_for_each_property_offset (off, g->host, e->host) {
		val = fdt_getprop_by_offset(g->host, off, &name, &len);
		if (!val || in_list(dropped_props, ARRAY_SIZE(dropped_props), name))
			continue;
		/* A passthrough device is enabled for its VM, whatever the host says. */
		if ((e->flags & GN_DEVICE) && !strcmp(name, "status"))
			continue;
		/* Only buses keep their compatible: other ancestors stay unprobed. */
		if (bus_only && !in_list(bus_props, ARRAY_SIZE(bus_props), name) &&
		    !(has_ranges && !strcmp(name, "compatible")))
			continue;
		rp = find_ref_prop(name);
		res = rp ? emit_ref_prop(g, rp, name, val, len)
			 : fdt_property(g->fdt, name, val, len);
		if (res)
			return res;
	}
	if (e->flags & GN_TARGET)
		res = fdt_property_cell(g->fdt, "phandle", e->phandle);
	return res;
}

static int emit_node(struct guest_dt *g, const struct guest_node *e, int depth)
{
	const struct guest_node *c;
	int child, res;

	if (depth > GUEST_DT_MAX_DEPTH)
		return -FDT_ERR_BADSTRUCTURE;
	res = fdt_begin_node(g->fdt, fdt_get_name(g->host, e->host, NULL));
	if (!res)
		res = emit_props(g, e);
	fdt_for_each_subnode (child, g->host, e->host) {
		if (res)
			break;
		c = find_node(g, child);
		if (c)
			res = emit_node(g, c, depth + 1);
	}
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_copied(struct guest_dt *g)
{
	const struct guest_node *e;
	int child, res = 0;

	fdt_for_each_subnode (child, g->host, 0) {
		e = find_node(g, child);
		if (e && (res = emit_node(g, e, 1)))
			break;
	}
	return res;
}
