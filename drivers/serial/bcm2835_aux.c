// SPDX-License-Identifier: GPL-2.0-only
/*
 * BCM2835 auxiliary mini-UART (BCM2711 ARM Peripherals, 2.2 "Mini UART"):
 * polled transmit, interrupt-driven receive (the console multiplexer
 * routes its interrupt, which the AUX block shares with SPI1/SPI2: only
 * the mini-UART's own IER bit is set, so the line means receive). The
 * firmware has enabled the block (AUX_ENABLES) and set the baud rate;
 * the AUX registers below the UART belong to the node's clock provider
 * and are left alone.
 */
#include <shyper/console.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include "bcm2835_aux_dt.h"

/* Register numbers, 16550 order (AUX_MU_*_REG), before the shift. */
#define MU_IO 0
#define MU_IER 1
#define MU_LSR 5
#define MU_IER_RX (1U << 0) /* receive interrupt (the data sheet's erratum-corrected bit) */
#define MU_LSR_DATA_READY (1U << 0)
#define MU_LSR_TX_EMPTY (1U << 5)

static struct console bcm2835_aux_console;

static paddr_t mu_reg(void *ctx, unsigned int reg)
{
	return (paddr_t)(uintptr_t)ctx + (reg << BCM2835_AUX_REG_SHIFT);
}

static void bcm2835_aux_putc(void *ctx, char c)
{
	while (!(readl(mu_reg(ctx, MU_LSR)) & MU_LSR_TX_EMPTY))
		;
	writel((u8)c, mu_reg(ctx, MU_IO));
}

static int bcm2835_aux_getc(void *ctx)
{
	if (!(readl(mu_reg(ctx, MU_LSR)) & MU_LSR_DATA_READY))
		return -1;
	return (int)(readl(mu_reg(ctx, MU_IO)) & 0xff);
}

static __init int bcm2835_aux_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	paddr_t base;
	u64 size;
	int err = bcm2835_aux_dt_read(fdt, node, &base, &size);

	if (!err)
		err = mm_map_device(base, size);
	if (err)
		return err;
	writel(MU_IER_RX, base + (MU_IER << BCM2835_AUX_REG_SHIFT));
	bcm2835_aux_console = (struct console){
	    .name = "bcm2835-aux",
	    .compatible = id->compatible,
	    .base = base,
	    .putc = bcm2835_aux_putc,
	    .getc = bcm2835_aux_getc,
	    .ctx = (void *)(uintptr_t)base,
	};
	console_register(&bcm2835_aux_console);
	return device_add(&bcm2835_aux_dt, fdt, node, id, NULL);
}

DRIVER_HW_DECLARE(bcm2835_aux, bcm2835_aux_dt, bcm2835_aux_probe);
