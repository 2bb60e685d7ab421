// SPDX-License-Identifier: GPL-2.0-only
/* The checker's console: core/console.c's printk() written to stdout. */
#include <stdio.h>
#include <shyper/console.h>
#include "host.h"

static void stdout_putc(void *ctx, char c)
{
	/* console.c sends "\r\n" for the UART; a terminal wants "\n". */
	if (c != '\r')
		fputc(c, stdout);
}

static const struct console stdout_console = {
    .name = "stdout",
    .compatible = "shyper,host-stdout",
    .putc = stdout_putc,
};

void host_console_init(void)
{
	console_register(&stdout_console);
}
