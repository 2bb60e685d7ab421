// SPDX-License-Identifier: GPL-2.0-only
/* Page tables for the walker tests (include/unit.h). */
#include <stdlib.h>
#include <string.h>
#include <shyper/types.h>

#include "unit.h"

static u64 (*pool)[512];
static unsigned int used;
unsigned int unit_invalidations;

u64 *unit_table_alloc(void)
{
	return used < UNIT_TABLE_POOL ? pool[used++] : NULL;
}

void unit_count_invalidation(u64 va)
{
	unit_invalidations++;
}

u64 *unit_table_page(unsigned int i)
{
	return pool[i];
}

void unit_table_pool_exhaust(void)
{
	used = UNIT_TABLE_POOL;
}

int unit_table_pool_setup(void **state)
{
	pool = aligned_alloc(4096, UNIT_TABLE_POOL * 4096);
	memset(pool, 0, UNIT_TABLE_POOL * 4096);
	used = unit_invalidations = 0;
	return 0;
}

int unit_table_pool_teardown(void **state)
{
	free(pool);
	return 0;
}
