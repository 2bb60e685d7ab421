// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reference properties of the shyper,vm binding. Every property that
 * names host nodes (host-cpus, passthrough) takes either a list of
 * phandles, as an overlay compiled with "dtc -@" writes them, or a list
 * of paths, as a U-Boot "fdt set" user can type them on a DTB without
 * symbols. A value is a path list when it is a well-formed string list
 * starting with '/' or an alias name; phandles are small numbers whose
 * first byte is 0, so the two never meet in practice.
 */
#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include "vm_internal.h"

/* A non-empty list of non-empty printable strings, each NUL-terminated. */
static bool is_string_list(const char *p, int len)
{
	int i;

	if (len <= 0 || p[len - 1] != '\0' || p[0] == '\0')
		return false;
	for (i = 0; i < len; i++) {
		if (p[i] == '\0') {
			if (i + 1 < len && p[i + 1] == '\0')
				return false;
			continue;
		}
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	}
	return true;
}

static int string_count(const char *p, int len)
{
	int i, n = 0;

	for (i = 0; i < len; i++)
		n += p[i] == '\0';
	return n;
}

int vm_ref_count(const void *fdt, int node, const char *prop)
{
	int len;
	const char *p = fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return -ENOENT;
	if (is_string_list(p, len))
		return string_count(p, len);
	if (len == 0 || len % 4)
		return -EINVAL;
	return len / 4;
}

static int resolve_path(const void *fdt, const char *p, int len, int index)
{
	int i, start = 0, n = 0;

	for (i = 0; i < len; i++) {
		if (p[i] != '\0')
			continue;
		if (n++ == index) {
			int off = fdt_path_offset(fdt, p + start);

			return off < 0 ? -ENOENT : off;
		}
		start = i + 1;
	}
	return -ENOENT;
}

int vm_ref_node(const void *fdt, int node, const char *prop, int index)
{
	int len, off;
	const char *p = fdt_getprop(fdt, node, prop, &len);
	u32 phandle;

	if (!p || index < 0)
		return -ENOENT;
	if (is_string_list(p, len))
		return resolve_path(fdt, p, len, index);
	if (dt_read_u32_index(fdt, node, prop, index, &phandle))
		return -ENOENT;
	if (phandle == 0 || phandle == ~0U)
		return -ENOENT;
	off = fdt_node_offset_by_phandle(fdt, phandle);
	return off < 0 ? -ENOENT : off;
}

const char *vm_ref_describe(const void *fdt, int node, const char *prop, int index, char *buf,
			    int size)
{
	int len, i, start = 0, n = 0;
	const char *p = fdt_getprop(fdt, node, prop, &len);
	u32 phandle = 0;

	if (p && is_string_list(p, len)) {
		for (i = 0; i < len; i++) {
			if (p[i] != '\0')
				continue;
			if (n++ == index) {
				fmt_snprintf(buf, size, "\"%s\"", p + start);
				return buf;
			}
			start = i + 1;
		}
	}
	dt_read_u32_index(fdt, node, prop, index, &phandle);
	fmt_snprintf(buf, size, "phandle 0x%x", phandle);
	return buf;
}

int vm_read_addr(const void *fdt, int node, const char *prop, int index, int cells, u64 *out)
{
	int len;
	const u8 *p = fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return -ENOENT;
	if (cells < 1 || cells > 2 || index < 0 || (index + cells) * 4 > len)
		return -EINVAL;
	return dt_read_cells(p + index * 4, cells, out);
}

int vm_node_by_id(const void *fdt, u32 id)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;
	u32 v;

	fdt_for_each_subnode (node, fdt, chosen)
		if (!fdt_node_check_compatible(fdt, node, "shyper,vm") &&
		    dt_is_enabled(fdt, node) && !dt_read_u32(fdt, node, "id", &v) && v == id)
			return node;
	return -FDT_ERR_NOTFOUND;
}
