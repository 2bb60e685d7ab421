/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Overlays Shyper applies itself, for bootloaders without `fdt apply`:
 * /chosen nodes compatible "shyper,overlay" whose reg names a compiled
 * .dtbo in memory (dt-bindings/shyper,overlay.yaml).
 */
#ifndef SHYPER_DT_OVERLAY_H
#define SHYPER_DT_OVERLAY_H

#include <shyper/types.h>

/**
 * dt_overlay_apply_all() - apply every overlay /chosen lists to a copy
 * of @fdt, in DTB order
 * @buf, @scratch: two buffers of @size bytes each; the result is in one
 *                 of them, the other one is scratch space
 * @map: where each overlay's bytes can be read, NULL when they cannot
 *       (the hypervisor maps them; the checker finds its -l files); NULL
 *       @map: the bytes are at the address /chosen gives
 * @out: the resulting tree: @fdt itself when no overlay is listed or the
 *       tree does not fit @size
 *
 * An overlay that is not a DTB, or whose fragment targets a path the tree
 * does not have, or that libfdt refuses, is reported by its node (and
 * fragment) and skipped; the tree stays as it was before it, so the VMs
 * of the other overlays still start.
 * Return: the number of overlays applied, or -ENOSPC when @fdt does not fit.
 */
int dt_overlay_apply_all(const void *fdt, void *buf, void *scratch, size_t size,
			 const void *(*map)(paddr_t base, u64 size), const void **out);

/**
 * dt_overlay_apply_one() - apply the .dtbo @blob (@blob_size bytes,
 * consumed) to a copy of @fdt, as dt_overlay_apply_all() applies each one;
 * messages are prefixed with @name
 * @out: the resulting tree, @buf or @scratch
 * Return: 0, -ENOSPC when @fdt does not fit @size, -EINVAL or -ENOENT when
 * the overlay is refused (logged).
 */
int dt_overlay_apply_one(const void *fdt, void *buf, void *scratch, size_t size, const char *name,
			 void *blob, u64 blob_size, void **out);

/**
 * dt_overlay_apply_chosen() - dt_overlay_apply_all() into Shyper's own
 * buffers (CONFIG_DT_OVERLAY_BUF_KIB each), then /chosen moved last when
 * it is not (dt_move_chosen_last())
 * Return: the tree to use from now on.
 */
const void *dt_overlay_apply_chosen(const void *fdt);

#endif
