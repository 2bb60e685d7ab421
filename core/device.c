// SPDX-License-Identifier: GPL-2.0-only
#define pr_fmt(fmt) "device: " fmt

#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

extern const struct driver_dt __start_shyper_drivers[];
extern const struct driver_dt __stop_shyper_drivers[];
/* Weak: host builds (the checker) may have no hardware half at all. */
extern const struct driver_hw __start_shyper_driver_hw[] __attribute__((weak));
extern const struct driver_hw __stop_shyper_driver_hw[] __attribute__((weak));

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

int device_describe(const struct driver_dt *drv, const void *fdt, int node,
		    const struct dt_device_id *id, const void *hw, char *buf, size_t len)
{
	return drv->describe(fdt, node, id, hw, buf, len);
}

__init int device_add(const struct driver_dt *drv, const void *fdt, int node,
		      const struct dt_device_id *id, const void *hw)
{
	char line[DEVICE_SUMMARY_LEN];
	int err = device_describe(drv, fdt, node, id, hw, line, sizeof(line));

	if (!err)
		platform_add_device(drv->class, node, drv->name, "%s", line);
	return err;
}

static const struct driver_hw *hardware_half(const struct driver_dt *drv)
{
	const struct driver_hw *hw;

	for (hw = __start_shyper_driver_hw; hw && hw < __stop_shyper_driver_hw; hw++)
		if (hw->dt == drv)
			return hw;
	return NULL;
}

/*
 * The hypervisor probes with the hardware half; a device-tree half built
 * without one (its driver is not configured) declines. Host builds record
 * the device with the summary of the device-tree half alone.
 */
static int probe_one(const struct driver_dt *drv, const void *fdt, int node,
		     const struct dt_device_id *id)
{
	const struct driver_hw *hw = hardware_half(drv);

	if (hw)
		return hw->probe(fdt, node, id);
#ifdef __SHYPER__
	return -ENODEV;
#else
	return device_add(drv, fdt, node, id, NULL);
#endif
}

static __init int probe_with(const struct driver_dt *drv, const void *fdt, int node,
			     const struct dt_device_id *id)
{
	char path[128];
	int err = probe_one(drv, fdt, node, id);

	if (err && err != -ENODEV)
		pr_err("%s: %s probe failed (%d)\n", dt_path(fdt, node, path, sizeof(path)),
		       drv->name, err);
	return err;
}

__init int device_probe_node(const void *fdt, int node, enum device_class class)
{
	const struct driver_dt *drv;
	const struct dt_device_id *id;
	int err;

	if (!dt_is_enabled(fdt, node))
		return -ENODEV;
	for_each_driver (drv) {
		if (drv->class != class)
			continue;
		id = dt_match_id(fdt, node, drv->match);
		if (!id)
			continue;
		err = probe_with(drv, fdt, node, id);
		if (err != -ENODEV)
			return err;
	}
	return -ENODEV;
}

int device_probe_class(const void *fdt, enum device_class class)
{
	int node, probed = 0;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (device_probe_node(fdt, node, class) == 0)
			probed++;
	return probed;
}
