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
 * @getc: read one received character, or -1 when none is waiting
 * @ctx: driver data passed back to @putc and @getc
 */
struct console {
	const char *name;
	const char *compatible;
	paddr_t base;
	void (*putc)(void *ctx, char c);
	int (*getc)(void *ctx);
	void *ctx;
};

/* Longest VM label a tagged line shows (dt-bindings: label, at most this). */
#define CONSOLE_LABEL_MAX 32

/**
 * console_format_line() - "[@label] @text\n" into @buf for the console
 * @raw: pass @text's bytes unchanged (the VM has the input focus);
 *       otherwise every byte a terminal would act on instead of printing
 *       (controls, escape sequences, malformed UTF-8) is written "\xNN"
 *
 * A trailing CR of @text is dropped, at most CONSOLE_LABEL_MAX characters
 * of @label are used, and the line always ends with "\n", cutting @text
 * if @size is too small.
 * Return: bytes written (no NUL is added).
 */
size_t console_format_line(char *buf, size_t size, const char *label, const char *text, size_t len,
			   bool raw);

/** console_register() - make @con the hypervisor console. */
void console_register(const struct console *con);

/** console_get() - the registered console, or NULL before any. */
const struct console *console_get(void);

/** console_write() - write @len bytes, turning "\n" into "\r\n". */
void console_write(const char *s, size_t len);

/**
 * console_handle_irq() - the console's receive interrupt: read every
 * waiting character and route it (the VM that has the input focus, or the
 * hypervisor's own console).
 */
void console_handle_irq(void);

/**
 * console_irq() - the console's interrupt (GIC INTID / PLIC source) as its
 * DTB node names it, 0 before console_mux_init() or when it has none.
 */
u32 console_irq(void);

#endif
