// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console and printk. Lines printed before the UART driver
 * is probed are kept in a small buffer and replayed when it registers.
 */
#include <stdarg.h>
#include <shyper/console.h>
#include <shyper/fmt.h>
#include <shyper/printk.h>
#include <shyper/spinlock.h>

#define EARLY_BUF_SIZE 2048
#define LINE_SIZE 256

static const struct console *console;
static struct spinlock console_lock;
static char early_buf[EARLY_BUF_SIZE];
static size_t early_len;

static void emit(const char *s, size_t len)
{
	size_t i;

	if (!console) {
		for (i = 0; i < len && early_len < EARLY_BUF_SIZE; i++)
			early_buf[early_len++] = s[i];
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			console->putc(console->ctx, '\r');
		console->putc(console->ctx, s[i]);
	}
}

void console_register(const struct console *con)
{
	spin_lock(&console_lock);
	console = con;
	emit(early_buf, early_len);
	early_len = 0;
	spin_unlock(&console_lock);
}

const struct console *console_get(void)
{
	return console;
}

void console_write(const char *s, size_t len)
{
	spin_lock(&console_lock);
	emit(s, len);
	spin_unlock(&console_lock);
}

/* printk_capture(): where the first error line goes too, while set. */
static char *capture_buf;
static size_t capture_size;

void printk_capture(char *buf, size_t size)
{
	if (buf && size)
		buf[0] = 0;
	__atomic_store_n(&capture_size, buf ? size : 0, __ATOMIC_RELAXED);
	__atomic_store_n(&capture_buf, buf, __ATOMIC_RELEASE);
}

static void capture(const char *line, size_t len)
{
	char *buf = __atomic_load_n(&capture_buf, __ATOMIC_ACQUIRE);
	size_t i;

	if (!buf || buf[0] || !capture_size)
		return;
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	for (i = 0; i < len && i + 1 < capture_size; i++)
		buf[i] = line[i];
	buf[i] = 0;
}

void printk(int level, const char *fmt, ...)
{
	char line[LINE_SIZE];
	va_list ap;
	int len;

	if (level > CONFIG_LOG_LEVEL)
		return;
	va_start(ap, fmt);
	len = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;
	if (level == LOGLEVEL_ERR)
		capture(line, (size_t)len);
	console_write(line, (size_t)len);
}
