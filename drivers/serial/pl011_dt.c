// SPDX-License-Identifier: GPL-2.0-only
/*
 * PL011 UART, the device-tree half (the offline checker links it too):
 * the match table and the summary line. Linux binding arm,pl011.yaml.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/fmt.h>

/*
 * arm,sbsa-uart (SBSA generic UART, Arm DEN0029 appendix B) is a subset
 * of the PL011 registers the console uses (UARTDR, UARTFR, UARTIMSC), and
 * a guest's SBSA driver runs on the virtual PL011 unchanged: accepted by
 * both the driver and the vuart.
 */
const struct dt_device_id pl011_match[] = {
    {"arm,pl011", NULL},
    {"arm,sbsa-uart", NULL},
    {NULL, NULL},
};

static int pl011_describe(const void *fdt, int node, const struct dt_device_id *id, const void *hw,
			  char *buf, size_t len)
{
	paddr_t base;
	u64 size;
	int err = dt_read_reg(fdt, node, 0, &base, &size);

	if (!err)
		fmt_snprintf(buf, len, "pl011 (%s) at 0x%llx", id->compatible,
			     (unsigned long long)base);
	return err;
}

DRIVER_DT_DECLARE(pl011_dt, "pl011", DEVICE_SERIAL, pl011_match, pl011_describe);
