/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device-tree access helpers. Everything in Shyper reads the DTB through
 * these; nothing else calls fdt32_to_cpu() on property data.
 */
#ifndef SHYPER_DT_H
#define SHYPER_DT_H

#include <shyper/types.h>

/** dt_check() - 0 if @fdt is a DTB libfdt accepts, else -EINVAL. */
int dt_check(const void *fdt);

/**
 * dt_read_string() - a string property, only if NUL-terminated within it
 * Return: the string or NULL.
 */
const char *dt_read_string(const void *fdt, int node, const char *prop);

/**
 * dt_unknown_property() - the first property of @node whose name is not
 * one of the @n names in @allowed ("?" for a name libfdt cannot read), or
 * NULL when every property is allowed: the binding checks of sub-nodes.
 */
const char *dt_unknown_property(const void *fdt, int node, const char *const *allowed,
				unsigned int n);

/** dt_is_enabled() - true unless the node's status says otherwise. */
bool dt_is_enabled(const void *fdt, int node);

/**
 * dt_read_u32() - read a one-cell property
 * Return: 0, -ENOENT when absent, -EINVAL when not exactly one cell.
 */
int dt_read_u32(const void *fdt, int node, const char *prop, u32 *out);

/**
 * dt_read_u32_index() - read cell @index of a property
 * Return: 0, -ENOENT when absent, -ERANGE when the property is shorter.
 */
int dt_read_u32_index(const void *fdt, int node, const char *prop, int index, u32 *out);

/**
 * dt_read_cells() - read @cells big-endian cells (1 or 2) at @p into @out
 * Return: 0, or -EINVAL for more than two cells.
 */
int dt_read_cells(const void *p, int cells, u64 *out);

/** dt_addr_cells() - #address-cells that applies to @node's reg. */
int dt_addr_cells(const void *fdt, int node);

/** dt_size_cells() - #size-cells that applies to @node's reg. */
int dt_size_cells(const void *fdt, int node);

/** dt_reg_count() - number of (address, size) entries in reg, or -errno. */
int dt_reg_count(const void *fdt, int node);

/**
 * dt_read_reg() - entry @index of @node's reg, translated to a CPU address
 * through the ranges of every parent bus
 * Return: 0, -ENOENT past the last entry, -EINVAL when malformed or not
 * translatable.
 */
int dt_read_reg(const void *fdt, int node, int index, paddr_t *addr, u64 *size);

/**
 * dt_read_reg_raw() - entry @index of reg as written, without translation
 * (for nodes whose reg is not a bus address, such as /chosen modules)
 * Return: 0, -ENOENT past the last entry, -EINVAL when malformed.
 */
int dt_read_reg_raw(const void *fdt, int node, int index, u64 *addr, u64 *size);

/**
 * dt_translate() - map a bus address of @node's parent to a CPU address
 * Return: 0 or -EINVAL when a parent's ranges does not cover it.
 */
int dt_translate(const void *fdt, int node, u64 *addr);

/**
 * struct dt_device_id - one entry of a match table, in the shape of
 * Linux's of_device_id; a table ends with a NULL compatible
 * @compatible: the compatible string
 * @data: what the driver needs per compatible (NULL when all are alike)
 */
struct dt_device_id {
	const char *compatible;
	const void *data;
};

/**
 * dt_match_id() - the first entry of @table whose compatible @node has
 * Return: the entry, or NULL.
 */
const struct dt_device_id *dt_match_id(const void *fdt, int node, const struct dt_device_id *table);

/** dt_match() - the first of @compats (NULL-terminated) @node matches, or NULL. */
const char *dt_match(const void *fdt, int node, const char *const *compats);

/** dt_node_within() - @node is @top or lies under it. */
bool dt_node_within(const void *fdt, int node, int top);

/**
 * dt_is_system_node() - @node describes the system rather than a device:
 * the root, memory, or anything under /cpus, /chosen, /reserved-memory,
 * /aliases, /__symbols__
 */
bool dt_is_system_node(const void *fdt, int node);

/**
 * dt_stdout_node() - the node /chosen/stdout-path names (alias or path,
 * options after ':' ignored)
 * Return: node offset or -ENOENT.
 */
int dt_stdout_node(const void *fdt);

/** dt_path() - @node's full path in @buf (for messages); "?" on error. */
const char *dt_path(const void *fdt, int node, char *buf, int len);

#endif
