/* SPDX-License-Identifier: GPL-2.0-only */
/* The little of a C library the guest tools need (tools/guest/util.c). */
#ifndef SHM_UTIL_H
#define SHM_UTIL_H

#include <stddef.h>
#include <stdint.h>

size_t str_len(const char *s);
int str_eq(const char *a, const char *b);
int str_starts(const char *s, const char *prefix);
void str_copy(char *dst, const char *src, size_t size);

/** parse_u64() - decimal or 0x-hex @s into *@out; 0 or -1. */
int parse_u64(const char *s, uint64_t *out);

/** out() - write the strings, then a newline, to stdout (NULL ends the list). */
void out(const char *s, ...);
/** fmt_u64() - @v in decimal (@hex: 0x-hex) into @buf (24 bytes). */
char *fmt_u64(char *buf, uint64_t v, int hex);

/** read_file() - up to @size bytes of @path; the length, or -1. */
long read_file(const char *path, void *buf, size_t size);

/*
 * The guest's device tree through /proc/device-tree (the tools' only view
 * of it): big-endian cells, a property of a root node, and the first root
 * node whose name starts with @prefix that @match accepts (0: found, -1).
 */
uint32_t be32(const void *p);
uint64_t be64(const void *p);
long dt_prop(const char *node, const char *prop, void *buf, size_t size);
int dt_find_node(const char *prefix, int (*match)(const char *node, void *ctx), void *ctx);

void sys_exit(int code) __attribute__((noreturn));
void sleep_ms(uint64_t ms);

#endif
