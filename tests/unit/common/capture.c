// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fake console for core/console.c: tests read back what printk() wrote,
 * so messages such as "the CPU node path that was left out" are checked
 * through the real printk and vsnprintf code.
 */
#include <string.h>
#include <shyper/console.h>
#include <unit.h>

#define CAPTURE_SIZE 16384

static char text[CAPTURE_SIZE];
static size_t text_len;

static void capture_putc(void *ctx, char c)
{
	(void)ctx;
	/* console.c turns "\n" into "\r\n"; keep the record plain. */
	if (c == '\r' || text_len + 1 >= CAPTURE_SIZE)
		return;
	text[text_len++] = c;
	text[text_len] = '\0';
}

static const struct console capture_console = {
    .name = "capture",
    .compatible = "shyper,unit-capture",
    .putc = capture_putc,
};

void unit_capture_start(void)
{
	console_register(&capture_console);
	unit_capture_clear();
}

void unit_capture_clear(void)
{
	text_len = 0;
	text[0] = '\0';
}

const char *unit_capture_text(void)
{
	return text;
}

bool unit_capture_has(const char *needle)
{
	return strstr(text, needle) != NULL;
}
