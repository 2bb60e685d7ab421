/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the two halves of the mini-UART driver (bcm2835_aux*.c). */
#ifndef DRIVERS_SERIAL_BCM2835_AUX_DT_H
#define DRIVERS_SERIAL_BCM2835_AUX_DT_H

#include <shyper/bcm2835_aux.h>
#include <shyper/types.h>

/**
 * bcm2835_aux_dt_read() - the mini-UART's registers as the CPU sees them
 * (reg translated through the parents' ranges: on a BCM2711, /soc maps
 * the VideoCore bus's 0x7e...... to the CPU's 0xfe......)
 * Return: 0, or -EINVAL without a usable reg.
 */
int bcm2835_aux_dt_read(const void *fdt, int node, paddr_t *base, u64 *size);

#endif
