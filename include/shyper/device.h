/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Drivers declare themselves with DRIVER_DECLARE(); the declaration is a
 * const descriptor in the linker section "shyper_drivers" (a C identifier,
 * so the linker provides __start_/__stop_ symbols on host builds too).
 * device_probe_class() walks that table and the DTB, and calls probe for
 * every enabled node whose compatible a driver lists.
 */
#ifndef SHYPER_DEVICE_H
#define SHYPER_DEVICE_H

#include <shyper/types.h>

/* Probe order is the order of this enum. */
enum device_class {
	DEVICE_SERIAL,
	DEVICE_IRQCHIP,
	DEVICE_TIMER,
	DEVICE_CLASS_COUNT,
};

/**
 * struct driver - a driver's constant descriptor
 * @name: short name for messages and the summary
 * @class: which probe pass calls it
 * @compatible: NULL-terminated list of compatible strings it handles
 * @probe: called with the matched node; 0 on success, -ENODEV to decline,
 *         other -errno on failure (logged with the node's path)
 */
struct driver {
	const char *name;
	enum device_class class;
	const char *const *compatible;
	int (*probe)(const void *fdt, int node, const char *compatible);
};

#define DRIVER_DECLARE(ident, drv_name, drv_class, compat_list, probe_fn)    \
	static const struct driver __driver_##ident                          \
	    __attribute__((used, section("shyper_drivers"), aligned(8))) = { \
		.name = drv_name,                                            \
		.class = drv_class,                                          \
		.compatible = compat_list,                                   \
		.probe = probe_fn,                                           \
	}

/**
 * device_probe_class() - probe every enabled node matched by a driver of
 * @class, in DTB order
 * Return: number of devices probed successfully.
 */
int device_probe_class(const void *fdt, enum device_class class);

/**
 * device_probe_node() - probe one node with the first driver of @class
 * that matches it
 * Return: 0, -ENODEV when no driver matches or all decline, or -errno.
 */
int device_probe_node(const void *fdt, int node, enum device_class class);

/** device_class_name() - "serial", "irqchip" or "timer". */
const char *device_class_name(enum device_class class);

#endif
