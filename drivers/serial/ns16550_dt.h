/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the two halves of the 16550 driver (ns16550.c, ns16550_dt.c). */
#ifndef DRIVERS_SERIAL_NS16550_DT_H
#define DRIVERS_SERIAL_NS16550_DT_H

#include <shyper/types.h>

/* Where and how the registers are (Linux binding 8250.yaml). */
struct ns16550_config {
	paddr_t base;
	u64 size;
	u32 reg_shift;
	u32 io_width;
};

/**
 * ns16550_dt_read() - reg, reg-shift and reg-io-width of @node
 * Return: 0, or -EINVAL without reg or with an io-width other than 1 or 4.
 */
int ns16550_dt_read(const void *fdt, int node, struct ns16550_config *cfg);

#endif
