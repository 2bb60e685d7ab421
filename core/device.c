// SPDX-License-Identifier: GPL-2.0-only
#define pr_fmt(fmt) "device: " fmt

#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/printk.h>

extern const struct driver __start_shyper_drivers[];
extern const struct driver __stop_shyper_drivers[];

#define for_each_driver(d) for (d = __start_shyper_drivers; d < __stop_shyper_drivers; d++)

static const char *const class_names[DEVICE_CLASS_COUNT] = {
    [DEVICE_SERIAL] = "serial",
    [DEVICE_IRQCHIP] = "irqchip",
    [DEVICE_TIMER] = "timer",
};

const char *device_class_name(enum device_class class)
{
	return class < DEVICE_CLASS_COUNT ? class_names[class] : "?";
}

static __init int probe_with(const struct driver *drv, const void *fdt, int node,
			     const char *compat)
{
	char path[128];
	int err = drv->probe(fdt, node, compat);

	if (err && err != -ENODEV)
		pr_err("%s: %s probe failed (%d)\n", dt_path(fdt, node, path, sizeof(path)),
		       drv->name, err);
	return err;
}

__init int device_probe_node(const void *fdt, int node, enum device_class class)
{
	const struct driver *drv;
	const char *compat;
	int err;

	if (!dt_is_enabled(fdt, node))
		return -ENODEV;
	for_each_driver (drv) {
		if (drv->class != class)
			continue;
		compat = dt_match(fdt, node, drv->compatible);
		if (!compat)
			continue;
		err = probe_with(drv, fdt, node, compat);
		if (err != -ENODEV)
			return err;
	}
	return -ENODEV;
}

__init int device_probe_class(const void *fdt, enum device_class class)
{
	int node, probed = 0;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (device_probe_node(fdt, node, class) == 0)
			probed++;
	return probed;
}
