// SPDX-License-Identifier: GPL-2.0-only
/* Loading DTB fixtures compiled by tests/unit/Makefile. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <libfdt.h>
#include <unit.h>

#ifndef UNIT_FIXTURE_DIR
#define UNIT_FIXTURE_DIR "."
#endif

static const char *fixture_dir(void)
{
	const char *dir = getenv("SHYPER_UNIT_FIXTURES");

	return dir && *dir ? dir : UNIT_FIXTURE_DIR;
}

void *unit_load_dtb(const char *name, size_t extra)
{
	char path[512];
	FILE *f;
	long len;
	void *blob;

	snprintf(path, sizeof(path), "%s/%s.dtb", fixture_dir(), name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	blob = calloc(1, (size_t)len + extra);
	assert_non_null(blob);
	assert_int_equal(fread(blob, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	if (fdt_check_header(blob))
		fail_msg("%s is not a valid DTB", path);
	/* Let fdt_setprop() grow the tree in place into the extra room. */
	if (extra)
		assert_int_equal(fdt_open_into(blob, blob, (int)(len + extra)), 0);
	return blob;
}
