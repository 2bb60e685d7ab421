/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_FMT_H
#define SHYPER_FMT_H

#include <stdarg.h>
#include <stddef.h>

/**
 * fmt_vsnprintf() - format into a buffer, printf style
 * @buf: destination, always NUL-terminated when @size > 0
 * @size: size of @buf
 * @fmt: %d %i %u %x %X %p %s %c %% with optional '-', '0', width and the
 *       length modifiers l, ll, z
 * @ap: arguments
 *
 * Return: the length the full output would have had (like C99 vsnprintf).
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/** fmt_snprintf() - fmt_vsnprintf() with variadic arguments. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
