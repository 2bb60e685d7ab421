// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree helpers over libfdt: cells, reg with address translation
 * (devicetree spec v0.4, 2.3.8 "ranges"), status and stdout-path.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>

/*
 * A blob whose structure block holds nodes after the root's end makes
 * libfdt's fdt_get_path() write out of bounds: count nodes inside the root
 * and in the whole block; they must match.
 */
static bool single_root(const void *fdt)
{
	int node, depth = -1, inside = 0, all = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0 && depth >= 0;
	     node = fdt_next_node(fdt, node, &depth))
		inside++;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0 && all <= inside;
	     node = fdt_next_node(fdt, node, NULL))
		all++;
	return inside == all;
}

int dt_check(const void *fdt)
{
	if (fdt_check_header(fdt) || fdt_off_mem_rsvmap(fdt) % 8 || !single_root(fdt))
		return -EINVAL;
	return 0;
}

const char *dt_read_string(const void *fdt, int node, const char *prop)
{
	int len;
	const char *s = fdt_getprop(fdt, node, prop, &len);

	if (!s || len <= 0 || !memchr(s, '\0', len))
		return NULL;
	return s;
}

bool dt_is_enabled(const void *fdt, int node)
{
	const char *status = dt_read_string(fdt, node, "status");

	if (!fdt_getprop(fdt, node, "status", NULL))
		return true;
	return status && (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

int dt_read_cells(const void *p, int cells, u64 *out)
{
	const u8 *b = p;
	u64 v = 0;
	int i;

	*out = 0;
	if (cells < 0 || cells > 2)
		return -EINVAL;
	for (i = 0; i < cells * 4; i++)
		v = (v << 8) | b[i];
	*out = v;
	return 0;
}

int dt_read_u32(const void *fdt, int node, const char *prop, u32 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, prop, &len);
	u64 v;

	if (!p)
		return -ENOENT;
	if (len != 4)
		return -EINVAL;
	dt_read_cells(p, 1, &v);
	*out = (u32)v;
	return 0;
}

int dt_read_u32_index(const void *fdt, int node, const char *prop, int index, u32 *out)
{
	int len;
	const u8 *p = fdt_getprop(fdt, node, prop, &len);
	u64 v;

	if (!p)
		return -ENOENT;
	if (index < 0 || len / 4 <= index)
		return -ERANGE;
	dt_read_cells(p + index * 4, 1, &v);
	*out = (u32)v;
	return 0;
}

/* #address-cells / #size-cells of @bus, defaulting as the spec says (2, 1). */
static int bus_cells(const void *fdt, int bus, const char *name, int dflt)
{
	u32 v;

	if (bus < 0 || dt_read_u32(fdt, bus, name, &v))
		return dflt;
	return v > 4 ? 4 : (int)v; /* past OF_MAX_ADDR_CELLS: refused later, no overflow */
}

int dt_addr_cells(const void *fdt, int node)
{
	return bus_cells(fdt, fdt_parent_offset(fdt, node), "#address-cells", 2);
}

int dt_size_cells(const void *fdt, int node)
{
	return bus_cells(fdt, fdt_parent_offset(fdt, node), "#size-cells", 1);
}

int dt_reg_count(const void *fdt, int node)
{
	int ac = dt_addr_cells(fdt, node), sc = dt_size_cells(fdt, node);
	int len, entry = (ac + sc) * 4;

	if (!fdt_getprop(fdt, node, "reg", &len))
		return -ENOENT;
	if (entry == 0 || len % entry)
		return -EINVAL;
	return len / entry;
}

/* Look @addr up in one ranges entry list; 0 and updated @addr on a hit. */
static int ranges_lookup(const void *fdt, int bus, u64 *addr)
{
	int child_ac = bus_cells(fdt, bus, "#address-cells", 2);
	int parent_ac = dt_addr_cells(fdt, bus);
	int sc = bus_cells(fdt, bus, "#size-cells", 1);
	int len, entry = (child_ac + parent_ac + sc) * 4;
	const u8 *p = fdt_getprop(fdt, bus, "ranges", &len);
	u64 child = 0, parent = 0, size = 0;

	if (!p)
		return -EINVAL; /* no ranges: not mapped into the parent */
	if (len == 0)
		return 0; /* empty ranges: identity */
	if (child_ac > 2 || parent_ac > 2 || sc > 2 || !entry || len % entry)
		return -EINVAL;
	for (; len >= entry; len -= entry, p += entry) {
		dt_read_cells(p, child_ac, &child);
		dt_read_cells(p + child_ac * 4, parent_ac, &parent);
		dt_read_cells(p + (child_ac + parent_ac) * 4, sc, &size);
		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + parent;
			return 0;
		}
	}
	return -EINVAL;
}

int dt_translate(const void *fdt, int node, u64 *addr)
{
	int bus = fdt_parent_offset(fdt, node);

	/* Climb until the root: its children's addresses are CPU addresses. */
	while (bus > 0) {
		if (ranges_lookup(fdt, bus, addr))
			return -EINVAL;
		bus = fdt_parent_offset(fdt, bus);
	}
	return 0;
}

int dt_read_reg_raw(const void *fdt, int node, int index, u64 *addr, u64 *size)
{
	int ac = dt_addr_cells(fdt, node), sc = dt_size_cells(fdt, node);
	int count = dt_reg_count(fdt, node);
	const u8 *p;

	if (count < 0)
		return count == -ENOENT ? -ENOENT : -EINVAL;
	if (index < 0 || index >= count)
		return -ENOENT;
	if (ac > 2 || sc > 2)
		return -EINVAL;
	p = (const u8 *)fdt_getprop(fdt, node, "reg", NULL) + index * (ac + sc) * 4;
	dt_read_cells(p, ac, addr);
	dt_read_cells(p + ac * 4, sc, size);
	return 0;
}

int dt_read_reg(const void *fdt, int node, int index, paddr_t *addr, u64 *size)
{
	u64 a = 0, s = 0;
	int err = dt_read_reg_raw(fdt, node, index, &a, &s);

	if (err)
		return err;
	if (dt_translate(fdt, node, &a))
		return -EINVAL;
	*addr = a;
	*size = s;
	return 0;
}

const char *dt_match(const void *fdt, int node, const char *const *compats)
{
	for (; *compats; compats++)
		if (fdt_node_check_compatible(fdt, node, *compats) == 0)
			return *compats;
	return NULL;
}

const struct dt_device_id *dt_match_id(const void *fdt, int node, const struct dt_device_id *table)
{
	for (; table && table->compatible; table++)
		if (fdt_node_check_compatible(fdt, node, table->compatible) == 0)
			return table;
	return NULL;
}

int dt_stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path, *colon;
	int len, node;

	if (chosen < 0)
		return -ENOENT;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len <= 1)
		return -ENOENT;
	len = strnlen(path, len);
	colon = memchr(path, ':', len);
	if (colon)
		len = colon - path;
	/* fdt_path_offset_namelen() resolves a leading alias name as well. */
	node = fdt_path_offset_namelen(fdt, path, len);
	return node < 0 ? -ENOENT : node;
}

const char *dt_path(const void *fdt, int node, char *buf, int len)
{
	if (fdt_get_path(fdt, node, buf, len))
		return "?";
	return buf;
}

bool dt_node_within(const void *fdt, int node, int top)
{
	int depth = fdt_node_depth(fdt, top);

	return depth >= 0 && fdt_supernode_atdepth_offset(fdt, node, depth, NULL) == top;
}

bool dt_is_system_node(const void *fdt, int node)
{
	static const char *const system[] = {"/cpus", "/chosen", "/reserved-memory", "/aliases",
					     "/__symbols__"};
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);
	unsigned int i;

	if (node <= 0 || (type && !strcmp(type, "memory")))
		return true;
	for (i = 0; i < ARRAY_SIZE(system); i++) {
		int off = fdt_path_offset(fdt, system[i]);

		if (off >= 0 && dt_node_within(fdt, node, off))
			return true;
	}
	return false;
}

const char *dt_unknown_property(const void *fdt, int node, const char *const *allowed,
				unsigned int n)
{
	const char *name;
	unsigned int i;
	int prop;

	fdt_for_each_property_offset (prop, fdt, node) {
		if (!fdt_getprop_by_offset(fdt, prop, &name, NULL) || !name)
			return "?";
		for (i = 0; i < n && strcmp(name, allowed[i]); i++)
			;
		if (i == n)
			return name;
	}
	return NULL;
}
