// SPDX-License-Identifier: GPL-2.0-only
/*
 * 16550-compatible UART: polled transmit, interrupt-driven receive (the
 * console multiplexer routes its interrupt). Register spacing and access
 * width come from reg-shift and reg-io-width (Linux binding 8250.yaml);
 * register layout as in the TI PC16550D data sheet.
 */
#include <shyper/console.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include "ns16550_dt.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_MCR 4
#define UART_LSR 5
#define UART_IER_ERBFI (1U << 0) /* received data available */
#define UART_MCR_OUT2 (1U << 3) /* gates the interrupt line on PC-style boards */
#define UART_MCR_DTR_RTS 0x3U
#define UART_LSR_DR (1U << 0)
#define UART_LSR_THRE (1U << 5)

static struct ns16550_config ns16550_cfg;
static struct console ns16550_console;

static u32 ns16550_read(const struct ns16550_config *cfg, unsigned int reg)
{
	paddr_t addr = cfg->base + (reg << cfg->reg_shift);

	return cfg->io_width == 4 ? readl(addr) : readb(addr);
}

static void ns16550_write(const struct ns16550_config *cfg, unsigned int reg, u32 val)
{
	paddr_t addr = cfg->base + (reg << cfg->reg_shift);

	if (cfg->io_width == 4)
		writel(val, addr);
	else
		writeb((u8)val, addr);
}

static void ns16550_putc(void *ctx, char c)
{
	const struct ns16550_config *cfg = ctx;

	while (!(ns16550_read(cfg, UART_LSR) & UART_LSR_THRE))
		;
	ns16550_write(cfg, UART_THR, (u8)c);
}

static int ns16550_getc(void *ctx)
{
	const struct ns16550_config *cfg = ctx;

	if (!(ns16550_read(cfg, UART_LSR) & UART_LSR_DR))
		return -1;
	return (int)(ns16550_read(cfg, UART_RBR) & 0xff);
}

static __init int ns16550_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	struct ns16550_config cfg;
	int err = ns16550_dt_read(fdt, node, &cfg);

	if (!err)
		err = mm_map_device(cfg.base, cfg.size);
	if (err)
		return err;
	ns16550_cfg = cfg;
	/* Input is interrupt driven once the console multiplexer routes the line. */
	ns16550_write(&cfg, UART_MCR, UART_MCR_DTR_RTS | UART_MCR_OUT2);
	ns16550_write(&cfg, UART_IER, UART_IER_ERBFI);
	ns16550_console = (struct console){
	    .name = "ns16550",
	    .compatible = id->compatible,
	    .base = cfg.base,
	    .putc = ns16550_putc,
	    .getc = ns16550_getc,
	    .ctx = &ns16550_cfg,
	};
	console_register(&ns16550_console);
	return device_add(&ns16550_dt, fdt, node, id, NULL);
}

DRIVER_HW_DECLARE(ns16550, ns16550_dt, ns16550_probe);
