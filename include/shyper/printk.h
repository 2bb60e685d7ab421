/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_PRINTK_H
#define SHYPER_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

#define LOGLEVEL_ERR 0
#define LOGLEVEL_WARN 1
#define LOGLEVEL_INFO 2
#define LOGLEVEL_DEBUG 3

/**
 * printk() - print one log line (or part of one) on the console
 * @level: LOGLEVEL_*; lines above CONFIG_LOG_LEVEL are dropped
 * @fmt: format, see fmt_vsnprintf()
 *
 * Each call is written atomically with respect to other CPUs.
 */
void printk(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * printk_capture() - also copy the first error line printed from now on
 * (without its newline, NUL-terminated, cut to @size) into @buf; NULL
 * stops. For the management VM's commands, whose refusals are the
 * messages the boot prints (core/vm_create.c).
 */
void printk_capture(char *buf, size_t size);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_err(fmt, ...) printk(LOGLEVEL_ERR, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(LOGLEVEL_WARN, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(LOGLEVEL_INFO, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(LOGLEVEL_DEBUG, pr_fmt(fmt), ##__VA_ARGS__)

#endif
