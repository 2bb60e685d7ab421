// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/console_line.c: a VM's tagged line cannot rewrite the terminal
 * (issue 15.2: escape sequences, CR, backspace, C1 controls), the focus
 * VM's bytes pass unchanged, long labels are cut and every line ends with
 * "\n" (issue 9.5).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/console.h>

static char out[1024];

static const char *format(const char *label, const char *text, size_t len, bool raw)
{
	size_t n = console_format_line(out, sizeof(out), label, text, len, raw);

	assert_true(n < sizeof(out));
	out[n] = '\0';
	return out;
}

#define FMT(label, text, raw) format(label, text, sizeof(text) - 1, raw)

static void test_plain_text_unchanged(void **state)
{
	(void)state;
	assert_string_equal(FMT("linux1", "hello\tworld: 100%", false),
			    "[linux1] hello\tworld: 100%\n");
	/* The CR of a "\r\n" line end is part of the end, not of the text. */
	assert_string_equal(FMT("linux1", "tick 5\r", false), "[linux1] tick 5\n");
	/* Well-formed UTF-8 prints as itself. */
	assert_string_equal(FMT("vm", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", false),
			    "[vm] caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n");
}

static void test_forgery_neutralised(void **state)
{
	(void)state;
	/* The attack of issue 15.2: erase the line, go to column 1, print a fake tag. */
	assert_string_equal(
	    FMT("attacker", "\x1b[2K\x1b[1G[victim] victim: tick 9999 FORGED", false),
	    "[attacker] \\x1b[2K\\x1b[1G[victim] victim: tick 9999 FORGED\n");
	assert_string_equal(FMT("a", "x\r[hyp] vm: fake", false), "[a] x\\x0d[hyp] vm: fake\n");
	assert_string_equal(FMT("a", "abc\b\b\bvm: fake", false),
			    "[a] abc\\x08\\x08\\x08vm: fake\n");
	assert_string_equal(FMT("a", "\x07\x7f\x00z", false), "[a] \\x07\\x7f\\x00z\n");
	/* C1 controls: raw 8-bit CSI, and CSI encoded as UTF-8 (U+009B). */
	assert_string_equal(FMT("a",
				"\x9b"
				"2K",
				false),
			    "[a] \\x9b2K\n");
	assert_string_equal(FMT("a",
				"\xc2\x9b"
				"2K",
				false),
			    "[a] \\xc2\\x9b2K\n");
	/* Malformed UTF-8: truncated, overlong, surrogate. */
	assert_string_equal(FMT("a", "\xe2\x82", false), "[a] \\xe2\\x82\n");
	assert_string_equal(FMT("a", "\xc0\xaf", false), "[a] \\xc0\\xaf\n");
	assert_string_equal(FMT("a", "\xed\xa0\x80", false), "[a] \\xed\\xa0\\x80\n");
}

static void test_focus_passes_controls(void **state)
{
	(void)state;
	assert_string_equal(FMT("linux1", "\x1b[1;32mgreen\x1b[0m\b\r!", true),
			    "[linux1] \x1b[1;32mgreen\x1b[0m\b\r!\n");
}

static void test_long_label_and_small_buffer(void **state)
{
	char label[301], small[16];
	size_t n;

	(void)state;
	memset(label, 'L', 300);
	label[300] = '\0';
	format(label, "text", 4, false);
	assert_int_equal(strlen(out), 1 + CONSOLE_LABEL_MAX + 2 + 4 + 1);
	assert_string_equal(out + 1 + CONSOLE_LABEL_MAX, "] text\n");
	/* Too small a buffer cuts the text, never the line end. */
	n = console_format_line(small, sizeof(small), "vm", "0123456789abcdef", 16, false);
	assert_int_equal(n, sizeof(small));
	assert_memory_equal(small, "[vm] 0123456789\n", 16);
	assert_int_equal(console_format_line(small, 0, "vm", "x", 1, false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_text_unchanged),
	    cmocka_unit_test(test_forgery_neutralised),
	    cmocka_unit_test(test_focus_passes_controls),
	    cmocka_unit_test(test_long_label_and_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
