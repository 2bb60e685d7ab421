// SPDX-License-Identifier: GPL-2.0-only
/* Arm PL011 UART (PrimeCell UART TRM, DDI 0183): polled transmit. */
#include <shyper/console.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include <shyper/platform.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTIMSC 0x38
#define UARTICR 0x44
#define UARTFR_RXFE (1U << 4)
#define UARTFR_TXFF (1U << 5)
#define UART_INT_RX_RT ((1U << 4) | (1U << 6)) /* receive, receive timeout */

static struct console pl011_console;

static void pl011_putc(void *ctx, char c)
{
	paddr_t base = (paddr_t)(uintptr_t)ctx;

	while (readl(base + UARTFR) & UARTFR_TXFF)
		;
	writel((u8)c, base + UARTDR);
}

static bool rx_empty(paddr_t base)
{
	return readl(base + UARTFR) & UARTFR_RXFE;
}

/*
 * Empty: clear the receive interrupts, then look once more. A character
 * that arrived between the first look and the clear would otherwise sit
 * in the FIFO with its interrupt gone, and QEMU's model raises it again
 * only when the FIFO fills from empty: input stopped for good.
 */
static int pl011_getc(void *ctx)
{
	paddr_t base = (paddr_t)(uintptr_t)ctx;

	if (rx_empty(base)) {
		writel(UART_INT_RX_RT, base + UARTICR);
		if (rx_empty(base))
			return -1;
	}
	return (int)(readl(base + UARTDR) & 0xff);
}

static __init int pl011_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	paddr_t base;
	u64 size;
	int err = dt_read_reg(fdt, node, 0, &base, &size);

	if (!err)
		err = mm_map_device(base, size);
	if (err)
		return err;
	/* Input is interrupt driven once the console multiplexer routes the line. */
	writel(UART_INT_RX_RT, base + UARTIMSC);
	pl011_console = (struct console){
	    .name = "pl011",
	    .compatible = id->compatible,
	    .base = base,
	    .putc = pl011_putc,
	    .getc = pl011_getc,
	    .ctx = (void *)(uintptr_t)base,
	};
	console_register(&pl011_console);
	return device_add(&pl011_dt, fdt, node, id, NULL);
}

DRIVER_HW_DECLARE(pl011, pl011_dt, pl011_probe);
