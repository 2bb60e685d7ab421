// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small printf engine: enough for logs and the platform summary, with
 * no floating point (EL2/HS code never touches FP registers).
 */
#include <stdbool.h>
#include <stdint.h>
#include <shyper/fmt.h>

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
};

struct fmt_spec {
	bool left;
	char pad;
	int width;
	int precision; /* -1 none, -2 taken from the arguments ('*') */
	int length; /* 0 int, 1 long, 2 long long, 3 size_t */
};

static void out_char(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_padded(struct fmt_out *o, const struct fmt_spec *spec, const char *s, int n)
{
	int fill = spec->width > n ? spec->width - n : 0;

	if (!spec->left)
		while (fill-- > 0)
			out_char(o, spec->pad);
	while (n--)
		out_char(o, *s++);
	if (spec->left)
		while (fill-- > 0)
			out_char(o, ' ');
}

static void out_number(struct fmt_out *o, const struct fmt_spec *spec, unsigned long long v,
		       unsigned int base, bool negative, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	struct fmt_spec rest = *spec;

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (negative && spec->pad == '0' && !spec->left) {
		/* The sign goes before zero padding: "-0042". */
		out_char(o, '-');
		rest.width--;
	} else if (negative) {
		tmp[--i] = '-';
	}
	out_padded(o, &rest, &tmp[i], sizeof(tmp) - i);
}

static unsigned long long fetch_unsigned(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long fetch_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (long long)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static const char *parse_spec(const char *f, struct fmt_spec *spec)
{
	*spec = (struct fmt_spec){.pad = ' ', .precision = -1};
	for (;; f++) {
		if (*f == '-')
			spec->left = true;
		else if (*f == '0')
			spec->pad = '0';
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		spec->width = spec->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		spec->precision = 0;
		if (*f == '*') {
			spec->precision = -2;
			f++;
		}
		while (*f >= '0' && *f <= '9')
			spec->precision = spec->precision * 10 + (*f++ - '0');
	}
	for (; *f == 'l'; f++)
		spec->length = spec->length < 2 ? spec->length + 1 : 2;
	if (*f == 'z') {
		spec->length = 3;
		f++;
	}
	return f;
}

/* Length of @s, at most @precision characters when that is not negative. */
static int string_length(const char *s, int precision)
{
	int n = 0;

	while ((precision < 0 || n < precision) && s[n])
		n++;
	return n;
}

static void out_conversion(struct fmt_out *o, struct fmt_spec *spec, char conv, va_list *ap)
{
	const char *s;
	long long sv;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sv = fetch_signed(spec, ap);
		out_number(o, spec, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv, 10,
			   sv < 0, false);
		break;
	case 'u':
		out_number(o, spec, fetch_unsigned(spec, ap), 10, false, false);
		break;
	case 'x':
	case 'X':
		out_number(o, spec, fetch_unsigned(spec, ap), 16, false, conv == 'X');
		break;
	case 'p':
		out_char(o, '0');
		out_char(o, 'x');
		out_number(o, spec, (uintptr_t)va_arg(*ap, void *), 16, false, false);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		s = s ? s : "(null)";
		out_padded(o, spec, s, string_length(s, spec->precision));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		out_padded(o, spec, &c, 1);
		break;
	case '%':
		out_char(o, '%');
		break;
	default:
		out_char(o, '%');
		if (conv)
			out_char(o, conv);
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = {.buf = buf, .size = size};
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec);
		if (spec.precision == -2)
			spec.precision = va_arg(args, int);
		out_conversion(&o, &spec, *fmt, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
