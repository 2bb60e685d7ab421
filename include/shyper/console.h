/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_CONSOLE_H
#define SHYPER_CONSOLE_H

#include <shyper/types.h>

/**
 * struct console - the physical UART the hypervisor writes to
 * @name: driver name shown in the platform summary
 * @compatible: the compatible string that matched
 * @base: MMIO base from the node's reg
 * @putc: write one character, waiting for room
 * @ctx: driver data passed back to @putc
 */
struct console {
	const char *name;
	const char *compatible;
	paddr_t base;
	void (*putc)(void *ctx, char c);
	void *ctx;
};

/** console_register() - make @con the hypervisor console. */
void console_register(const struct console *con);

/** console_get() - the registered console, or NULL before any. */
const struct console *console_get(void);

/** console_write() - write @len bytes, turning "\n" into "\r\n". */
void console_write(const char *s, size_t len);

#endif
