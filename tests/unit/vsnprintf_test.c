// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/vsnprintf.c: conversions, flags, widths, length modifiers,
 * truncation and the C99 return value. Where the engine claims C
 * behaviour, the host's snprintf is the oracle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <shyper/fmt.h>

/* Format with both engines and compare text and return value. */
#define assert_like_libc(fmt, ...)                                           \
	do {                                                                 \
		char ours[128], theirs[128];                                 \
		int n1 = fmt_snprintf(ours, sizeof(ours), fmt, __VA_ARGS__); \
		int n2 = snprintf(theirs, sizeof(theirs), fmt, __VA_ARGS__); \
		assert_string_equal(ours, theirs);                           \
		assert_int_equal(n1, n2);                                    \
	} while (0)

static void test_integers(void **state)
{
	(void)state;
	assert_like_libc("%d", 0);
	assert_like_libc("%d", 42);
	assert_like_libc("%d", -42);
	assert_like_libc("%i", INT_MIN);
	assert_like_libc("%d", INT_MAX);
	assert_like_libc("%u", UINT_MAX);
	assert_like_libc("%ld", LONG_MIN);
	assert_like_libc("%lu", ULONG_MAX);
	assert_like_libc("%lld", LLONG_MIN);
	assert_like_libc("%llu", ULLONG_MAX);
	assert_like_libc("%zu", (size_t)SIZE_MAX);
	assert_like_libc("%x", 0xdeadbeefu);
	assert_like_libc("%X", 0xdeadbeefu);
	assert_like_libc("%lx", 0x123456789abcdef0ul);
	assert_like_libc("%llx", 0xfedcba9876543210ull);
	assert_like_libc("[%d|%u|%x]", -1, 1u, 0x10u);
}

static void test_width_and_flags(void **state)
{
	(void)state;
	assert_like_libc("%5d|", 42);
	assert_like_libc("%-5d|", 42);
	assert_like_libc("%05d", 42);
	assert_like_libc("%08x", 0xbeefu);
	assert_like_libc("%016llx", 0x40000000ull);
	assert_like_libc("%-8s|", "ab");
	assert_like_libc("%8s|", "ab");
	assert_like_libc("%2s|", "longer");
	assert_like_libc("%3c|", 'x');
	assert_like_libc("%-3c|", 'x');
	assert_like_libc("%1d", 12345);
	assert_like_libc("%5d", -42);
}

/* "%.*s" prints at most that many characters (VM console lines). */
static void test_string_precision(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "[%.*s]", 3, "abcdef"), 5);
	assert_string_equal(buf, "[abc]");
	fmt_snprintf(buf, sizeof(buf), "[%.2s|%.*s]", "xyz", 0, "q");
	assert_string_equal(buf, "[xy|]");
	fmt_snprintf(buf, sizeof(buf), "[%.9s]", "ab");
	assert_string_equal(buf, "[ab]");
}

/* C puts the sign before zero padding ("-0042"), not after ("00-42"). */
static void test_zero_pad_negative(void **state)
{
	char buf[16];

	(void)state;
	fmt_snprintf(buf, sizeof(buf), "%05d", -42);
	assert_like_libc("%05d", -42);
}

static void test_strings_chars_percent(void **state)
{
	char buf[64];
	/* volatile: keep gcc from proving the NULL and refusing to build. */
	const char *volatile null_str = NULL;

	(void)state;
	assert_like_libc("%s", "hello");
	assert_like_libc("%s-%s", "", "x");
	assert_like_libc("%c%c", 'o', 'k');
	assert_like_libc("100%% %s", "sure");
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%s", null_str), 6);
	assert_string_equal(buf, "(null)");
}

static void test_pointer(void **state)
{
	char buf[64], want[64];
	void *p = (void *)(uintptr_t)0x40001000;

	(void)state;
	fmt_snprintf(buf, sizeof(buf), "%p", p);
	assert_string_equal(buf, "0x40001000");
	fmt_snprintf(buf, sizeof(buf), "%p", NULL);
	assert_string_equal(buf, "0x0");
	snprintf(want, sizeof(want), "0x%lx", (unsigned long)(uintptr_t)&buf);
	fmt_snprintf(buf, sizeof(buf), "%p", (void *)&buf);
	assert_string_equal(buf, want);
}

static void test_unknown_conversion_kept(void **state)
{
	/* Not literals: -Wformat would (rightly) refuse them at compile time. */
	const char *unknown = "a%qb", *trailing = "abc%";
	char buf[16];

	(void)state;
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), unknown, 0), 4);
	assert_string_equal(buf, "a%qb");
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), trailing, 0), 4);
	assert_string_equal(buf, "abc%");
}

static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 5, "hello %s", "world"), 11);
	assert_string_equal(buf, "hell");
	/* Nothing written past size. */
	assert_int_equal(buf[5], 'Z');

	assert_int_equal(fmt_snprintf(buf, 6, "%d", 12345), 5);
	assert_string_equal(buf, "12345");
	assert_int_equal(fmt_snprintf(buf, 5, "%d", 12345), 5);
	assert_string_equal(buf, "1234");

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 1, "%x", 0xabcu), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');
}

static void test_size_zero_writes_nothing(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	assert_int_equal(fmt_snprintf(buf, 0, "%s", "long text"), 9);
	assert_string_equal(buf, "xyz");
	assert_int_equal(fmt_snprintf(NULL, 0, "%d-%d", 10, 20), 5);
}

static int via_va_list(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	/* The callee works on a copy: @ap is still usable here. */
	assert_int_equal(va_arg(ap, int), 7);
	va_end(ap);
	return n;
}

static void test_vsnprintf_leaves_caller_list(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(via_va_list(buf, sizeof(buf), "%d", 7), 1);
	assert_string_equal(buf, "7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_integers),
	    cmocka_unit_test(test_width_and_flags),
	    cmocka_unit_test(test_zero_pad_negative),
	    cmocka_unit_test(test_string_precision),
	    cmocka_unit_test(test_strings_chars_percent),
	    cmocka_unit_test(test_pointer),
	    cmocka_unit_test(test_unknown_conversion_kept),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_size_zero_writes_nothing),
	    cmocka_unit_test(test_vsnprintf_leaves_caller_list),
	};

	return cmocka_run_group_tests_name("vsnprintf", tests, NULL, NULL);
}
