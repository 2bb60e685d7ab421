// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V timer, the device-tree half (the offline checker links it too):
 * the time CSR counts at timebase-frequency (Linux binding riscv/cpus.yaml),
 * in the CPU node or, usually, in /cpus. CPU nodes are compatible with
 * "riscv": the first enabled one stands for the timer, the others are
 * declined.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/timer.h>

const struct dt_device_id riscv_timer_match[] = {
    {"riscv", NULL},
    {NULL, NULL},
};

static bool first_enabled_cpu(const void *fdt, int node)
{
	int n;

	fdt_for_each_subnode (n, fdt, fdt_parent_offset(fdt, node))
		if (dt_match_id(fdt, n, riscv_timer_match) && dt_is_enabled(fdt, n))
			return n == node;
	return false;
}

int riscv_timer_dt_freq(const void *fdt, int node, u32 *freq)
{
	if (!first_enabled_cpu(fdt, node))
		return -ENODEV;
	if (dt_read_u32(fdt, node, "timebase-frequency", freq) &&
	    dt_read_u32(fdt, fdt_parent_offset(fdt, node), "timebase-frequency", freq))
		return -EINVAL;
	return 0;
}

static int riscv_timer_describe(const void *fdt, int node, const struct dt_device_id *id,
				const void *hw, char *buf, size_t len)
{
	u32 freq;
	int err = riscv_timer_dt_freq(fdt, node, &freq);

	if (!err)
		fmt_snprintf(buf, len, "riscv time CSR, timebase %u Hz", freq);
	return err;
}

DRIVER_DT_DECLARE(riscv_timer_dt, "riscv-timer", DEVICE_TIMER, riscv_timer_match,
		  riscv_timer_describe);
