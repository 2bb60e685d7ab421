// SPDX-License-Identifier: GPL-2.0-only
/*
 * One tagged console line: "[label] text\n". A VM's text cannot rewrite
 * what the terminal shows (Documentation/console.md, "Output"): every
 * byte that a terminal would act on rather than print, namely C0 controls
 * but TAB, DEL, C1 controls (raw 0x80..0x9f, or UTF-8 encoded U+0080..
 * U+009F, ECMA-48 5.2) and any byte that is not part of a well-formed
 * UTF-8 sequence, is written as a visible "\xNN". The VM that has the
 * input focus may pass its bytes through unchanged (raw), as it would on
 * a terminal of its own.
 */
#include <shyper/console.h>
#include <shyper/fmt.h>

static const char hex[] = "0123456789abcdef";

struct line_out {
	char *buf;
	size_t cap; /* room for characters, not counting the final "\n" */
	size_t len;
};

static void put(struct line_out *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len++] = c;
}

static void put_escaped(struct line_out *o, u8 b)
{
	put(o, '\\');
	put(o, 'x');
	put(o, hex[b >> 4]);
	put(o, hex[b & 0xf]);
}

/*
 * Length of the well-formed UTF-8 sequence at @s (RFC 3629 section 4),
 * 0 if there is none; C1 controls and overlong forms are not well formed.
 */
static size_t utf8_len(const u8 *s, size_t left)
{
	size_t n, i;
	u32 cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < 0xa0 || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

static void put_text(struct line_out *o, const u8 *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (s[i] == '\t' || (s[i] >= 0x20 && s[i] < 0x7f)) {
			put(o, (char)s[i++]);
			continue;
		}
		n = s[i] >= 0x80 ? utf8_len(s + i, len - i) : 0;
		if (!n) {
			put_escaped(o, s[i++]);
			continue;
		}
		while (n--)
			put(o, (char)s[i++]);
	}
}

size_t console_format_line(char *buf, size_t size, const char *label, const char *text, size_t len,
			   bool raw)
{
	struct line_out o = {buf, size ? size - 1 : 0, 0};
	size_t i;

	if (!size)
		return 0;
	/* A terminal's line ends "\r\n": the CR belongs to the line end. */
	while (len && text[len - 1] == '\r')
		len--;
	put(&o, '[');
	for (i = 0; label[i] && i < CONSOLE_LABEL_MAX; i++)
		put(&o, label[i]);
	put(&o, ']');
	put(&o, ' ');
	if (raw)
		for (i = 0; i < len; i++)
			put(&o, text[i]);
	else
		put_text(&o, (const u8 *)text, len);
	buf[o.len++] = '\n'; /* always: a line never runs into the next one */
	return o.len;
}
