/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The BCM2835 mini-UART's register spacing, shared by its driver and the
 * virtual UART that models it for guests.
 */
#ifndef SHYPER_BCM2835_AUX_H
#define SHYPER_BCM2835_AUX_H

/*
 * The mini-UART's registers follow the 16550 order, one per 32-bit word
 * (BCM2711 ARM Peripherals, 2.2 "Mini UART": AUX_MU_IO_REG at +0x00 ...
 * AUX_MU_LSR_REG at +0x14): reg-shift 2 and 32-bit access, fixed by the
 * hardware rather than by DT properties (the Linux binding
 * brcm,bcm2835-aux-uart.yaml has none).
 */
#define BCM2835_AUX_REG_SHIFT 2
#define BCM2835_AUX_IO_WIDTH 4

#endif
