/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A driver comes in two halves, as arch/<arch>/cpu_dt.c and cpu.c do:
 *  - the device-tree half (drivers/<dir>/<name>_dt.c): the match table,
 *    the reading of reg and properties, the summary line. It is pure, and
 *    the offline checker (tools/) links it unchanged. DRIVER_DT_DECLARE()
 *    puts its descriptor in the linker section "shyper_drivers";
 *  - the hardware half (drivers/<dir>/<name>.c): register access, mapping,
 *    registration with core. DRIVER_HW_DECLARE() ties its probe to the
 *    device-tree half in the section "shyper_driver_hw".
 * device_probe_class() walks the device-tree halves and the DTB; for a
 * matching node it calls the hardware probe, or, in host builds (the
 * checker, unit tests), records the device with the device-tree half's
 * summary, the fields only hardware gives printed as "?".
 */
#ifndef SHYPER_DEVICE_H
#define SHYPER_DEVICE_H

#include <shyper/dt.h>
#include <shyper/types.h>

/* Probe order is the order of this enum. */
enum device_class {
	DEVICE_SERIAL,
	DEVICE_IRQCHIP,
	DEVICE_TIMER,
	DEVICE_CLASS_COUNT,
};

/**
 * struct driver_dt - the device-tree half of a driver
 * @name: short name for messages and the summary
 * @class: which probe pass matches it
 * @match: the compatibles it handles
 * @describe: check @node and write its summary line into @buf; @hw is
 *            what the hardware half read (the driver's own struct), NULL
 *            offline, where those fields print as "?". Return: 0, -ENODEV
 *            to decline the node, other -errno when it is malformed.
 */
struct driver_dt {
	const char *name;
	enum device_class class;
	const struct dt_device_id *match;
	int (*describe)(const void *fdt, int node, const struct dt_device_id *id, const void *hw,
			char *buf, size_t len);
};

/**
 * struct driver_hw - the hardware half of a driver
 * @dt: its device-tree half
 * @probe: called for a node @dt matched (@id the entry); 0 on success,
 *         -ENODEV to decline, other -errno on failure (logged with the
 *         node's path)
 */
struct driver_hw {
	const struct driver_dt *dt;
	int (*probe)(const void *fdt, int node, const struct dt_device_id *id);
};

#define DRIVER_DT_DECLARE(ident, drv_name, drv_class, match_table, describe_fn) \
	const struct driver_dt ident                                            \
	    __attribute__((used, section("shyper_drivers"), aligned(8))) = {    \
		.name = drv_name,                                               \
		.class = drv_class,                                             \
		.match = match_table,                                           \
		.describe = describe_fn,                                        \
	}

#define DRIVER_HW_DECLARE(ident, dt_half, probe_fn)                            \
	static const struct driver_hw __driver_hw_##ident                      \
	    __attribute__((used, section("shyper_driver_hw"), aligned(8))) = { \
		.dt = &dt_half,                                                \
		.probe = probe_fn,                                             \
	}

/*
 * The device-tree halves whose match tables core/ reads (each compatible
 * list exists once). Weak: a build without the driver has none (NULL).
 */
extern const struct driver_dt pl011_dt __attribute__((weak));
extern const struct driver_dt ns16550_dt __attribute__((weak));
extern const struct driver_dt bcm2835_aux_dt __attribute__((weak));
extern const struct driver_dt gicv2_dt __attribute__((weak));
extern const struct driver_dt gicv3_dt __attribute__((weak));
extern const struct driver_dt plic_dt __attribute__((weak));
extern const struct driver_dt arch_timer_dt __attribute__((weak));
extern const struct driver_dt riscv_timer_dt __attribute__((weak));

/** driver_match() - @drv's match table, or NULL when @drv is not built. */
static inline const struct dt_device_id *driver_match(const struct driver_dt *drv)
{
	return drv ? drv->match : NULL;
}

/**
 * device_describe() - @drv's summary line for @node into @buf, with what
 * the hardware read (@hw) or "?" for it (@hw NULL)
 * Return: as struct driver_dt's describe.
 */
int device_describe(const struct driver_dt *drv, const void *fdt, int node,
		    const struct dt_device_id *id, const void *hw, char *buf, size_t len);

/**
 * device_add() - record @node as a device of @drv's class with the summary
 * line device_describe() gives; for the hardware halves' probes
 * Return: 0 or the describe error.
 */
int device_add(const struct driver_dt *drv, const void *fdt, int node,
	       const struct dt_device_id *id, const void *hw);

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
