// SPDX-License-Identifier: GPL-2.0-only
/*
 * 16550-compatible UART, the device-tree half (the offline checker links
 * it too): the match table, register spacing and width, the summary line.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include "ns16550_dt.h"

/*
 * snps,dw-apb-uart (DesignWare, Rockchip and others) is a 16550 with extra
 * registers above the standard eight. The console uses only the standard
 * ones; a guest's 8250_dw driver on the virtual 16550 reads the extra
 * ones (CPR, UCV) as 0 and falls back to the DT's values: accepted by both
 * the driver and the vuart.
 */
const struct dt_device_id ns16550_match[] = {
    {"ns16550a", NULL},
    {"ns16550", NULL},
    {"snps,dw-apb-uart", NULL},
    {NULL, NULL},
};

int ns16550_dt_read(const void *fdt, int node, struct ns16550_config *cfg)
{
	*cfg = (struct ns16550_config){.io_width = 1};
	if (dt_read_reg(fdt, node, 0, &cfg->base, &cfg->size))
		return -EINVAL;
	dt_read_u32(fdt, node, "reg-shift", &cfg->reg_shift);
	dt_read_u32(fdt, node, "reg-io-width", &cfg->io_width);
	return cfg->io_width == 1 || cfg->io_width == 4 ? 0 : -EINVAL;
}

static int ns16550_describe(const void *fdt, int node, const struct dt_device_id *id,
			    const void *hw, char *buf, size_t len)
{
	struct ns16550_config cfg;
	int err = ns16550_dt_read(fdt, node, &cfg);

	if (!err)
		fmt_snprintf(buf, len, "ns16550 (%s) at 0x%llx, reg-shift %u, io-width %u",
			     id->compatible, (unsigned long long)cfg.base, cfg.reg_shift,
			     cfg.io_width);
	return err;
}

DRIVER_DT_DECLARE(ns16550_dt, "ns16550", DEVICE_SERIAL, ns16550_match, ns16550_describe);
