// SPDX-License-Identifier: GPL-2.0-only
/*
 * String, number and file helpers for the libc-less guest tools, and the
 * process entry point: the kernel starts _start with the stack holding
 * argc, then argv (System V ABI, as Linux does it on arm64 and riscv64).
 */
#include <stdarg.h>
#include "sys.h"
#include "util.h"

int main(int argc, char **argv);
void start_c(long *sp) __attribute__((noreturn, used));
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#if defined(__aarch64__)
__asm__(".globl _start\n_start:\n\tmov x0, sp\n\tbl start_c\n");
#else
__asm__(".globl _start\n_start:\n\t.option push\n\t.option norelax\n\tla gp, __global_pointer$\n"
	"\t.option pop\n\tmv a0, sp\n\tcall start_c\n");
#endif

void start_c(long *sp)
{
	sys_exit(main((int)sp[0], (char **)(sp + 1)));
}

/* GCC may emit calls to these even in freestanding code. */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *a = d;
	const unsigned char *b = s;

	while (n--)
		*a++ = *b++;
	return d;
}

size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int str_starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

void str_copy(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int parse_u64(const char *s, uint64_t *out)
{
	unsigned int base = 10, d;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned int)((*s | 0x20) - 'a' + 10);
		else
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

char *fmt_u64(char *buf, uint64_t v, int hex)
{
	char tmp[24];
	int n = 0, i = 0;

	do {
		tmp[n++] = "0123456789abcdef"[hex ? v % 16 : v % 10];
		v = hex ? v / 16 : v / 10;
	} while (v);
	if (hex) {
		buf[i++] = '0';
		buf[i++] = 'x';
	}
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

void out(const char *s, ...)
{
	char line[512];
	size_t n = 0, len;
	va_list ap;

	va_start(ap, s);
	for (; s; s = va_arg(ap, const char *)) {
		len = str_len(s);
		if (n + len >= sizeof(line) - 1)
			len = sizeof(line) - 2 - n;
		memcpy(line + n, s, len);
		n += len;
	}
	va_end(ap);
	line[n++] = '\n';
	sys_call(SYS_write, 1, line, n);
}

long read_file(const char *path, void *buf, size_t size)
{
	long fd = sys_call6(SYS_openat, AT_FDCWD, (long)path, O_RDONLY, 0, 0, 0), n, got = 0;

	if (fd < 0)
		return -1;
	while ((size_t)got < size &&
	       (n = sys_call(SYS_read, fd, (char *)buf + got, size - (size_t)got)) > 0)
		got += n;
	sys_call(SYS_close, fd, 0, 0);
	return got;
}

void sys_exit(int code)
{
	for (;;)
		sys_call(SYS_exit_group, code, 0, 0);
}

void sleep_ms(uint64_t ms)
{
	struct k_timespec ts = {(long)(ms / 1000), (long)(ms % 1000) * 1000000};

	sys_call(SYS_nanosleep, &ts, 0, 0);
}

#define DT "/proc/device-tree/"

struct dirent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

uint32_t be32(const void *p)
{
	const unsigned char *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t be64(const void *p)
{
	return (uint64_t)be32(p) << 32 | be32((const unsigned char *)p + 4);
}

long dt_prop(const char *node, const char *prop, void *buf, size_t size)
{
	char path[256];

	str_copy(path, DT, sizeof(path));
	str_copy(path + str_len(path), node, sizeof(path) - str_len(path));
	str_copy(path + str_len(path), "/", sizeof(path) - str_len(path));
	str_copy(path + str_len(path), prop, sizeof(path) - str_len(path));
	return read_file(path, buf, size);
}

int dt_find_node(const char *prefix, int (*match)(const char *node, void *ctx), void *ctx)
{
	char buf[2048];
	long fd = sys_call(SYS_openat, AT_FDCWD, (long)DT, O_RDONLY), n, off;
	int found = -1;

	if (fd < 0)
		return -1;
	while (found && (n = sys_call(SYS_getdents64, fd, (long)buf, sizeof(buf))) > 0)
		for (off = 0; found && off < n; off += ((struct dirent64 *)(buf + off))->reclen) {
			const char *name = ((struct dirent64 *)(buf + off))->name;

			if (str_starts(name, prefix) && !match(name, ctx))
				found = 0;
		}
	sys_call(SYS_close, fd, 0, 0);
	return found;
}
