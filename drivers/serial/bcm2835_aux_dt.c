// SPDX-License-Identifier: GPL-2.0-only
/*
 * BCM2835 auxiliary mini-UART (Raspberry Pi), the device-tree half (the
 * offline checker links it too): the match table, the registers, the
 * summary line. Linux binding brcm,bcm2835-aux-uart.yaml.
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include "bcm2835_aux_dt.h"

/*
 * The BCM2711 (Raspberry Pi 4) and BCM2837 (Pi 3) DTBs use the BCM2835
 * compatible for their mini-UART: the block is the same in all three.
 */
const struct dt_device_id bcm2835_aux_match[] = {
    {"brcm,bcm2835-aux-uart", NULL},
    {NULL, NULL},
};

int bcm2835_aux_dt_read(const void *fdt, int node, paddr_t *base, u64 *size)
{
	if (dt_read_reg(fdt, node, 0, base, size) || *size < (6U << BCM2835_AUX_REG_SHIFT))
		return -EINVAL;
	return 0;
}

static int bcm2835_aux_describe(const void *fdt, int node, const struct dt_device_id *id,
				const void *hw, char *buf, size_t len)
{
	paddr_t base;
	u64 size;
	int err = bcm2835_aux_dt_read(fdt, node, &base, &size);

	if (!err)
		fmt_snprintf(buf, len, "bcm2835-aux mini-UART (%s) at 0x%llx", id->compatible,
			     (unsigned long long)base);
	return err;
}

DRIVER_DT_DECLARE(bcm2835_aux_dt, "bcm2835-aux", DEVICE_SERIAL, bcm2835_aux_match,
		  bcm2835_aux_describe);
