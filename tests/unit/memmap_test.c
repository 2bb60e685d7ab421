// SPDX-License-Identifier: GPL-2.0-only
/* core/memmap.c: sorted insert, cutting holes, lookups and allocation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/memmap.h>

static struct memmap map;

static int reset(void **state)
{
	(void)state;
	memset(&map, 0, sizeof(map));
	return 0;
}

static void assert_region(unsigned int i, paddr_t base, u64 size)
{
	assert_true(i < map.count);
	assert_int_equal(map.region[i].base, base);
	assert_int_equal(map.region[i].size, size);
}

static void test_add_keeps_sorted(void **state)
{
	(void)state;
	assert_int_equal(memmap_add(&map, 0x80000000, 0x1000, "c"), 0);
	assert_int_equal(memmap_add(&map, 0x1000, 0x1000, "a"), 0);
	assert_int_equal(memmap_add(&map, 0x40000000, 0x1000, "b"), 0);
	assert_int_equal(map.count, 3);
	assert_region(0, 0x1000, 0x1000);
	assert_region(1, 0x40000000, 0x1000);
	assert_region(2, 0x80000000, 0x1000);
	assert_string_equal(map.region[1].name, "b");
	assert_int_equal(memmap_total(&map), 0x3000);
}

static void test_add_rejects_empty_and_wrapping(void **state)
{
	(void)state;
	assert_int_equal(memmap_add(&map, 0x1000, 0, "empty"), -EINVAL);
	assert_int_equal(memmap_add(&map, ~0ULL - 0xfff, 0x2000, "wrap"), -EINVAL);
	/* Ending exactly at 2^64 cannot be represented by base + size either. */
	assert_int_equal(memmap_add(&map, ~0ULL - 0xfff, 0x1000, "top"), -EINVAL);
	assert_int_equal(memmap_add(&map, ~0ULL - 0x1fff, 0x1000, "below-top"), 0);
	assert_int_equal(map.count, 1);
}

static void test_full_map(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < CONFIG_MAX_MEM_REGIONS; i++)
		assert_int_equal(memmap_add(&map, (u64)i * 0x10000, 0x1000, "r"), 0);
	assert_int_equal(memmap_add(&map, 0x10000000, 0x1000, "one too many"), -ENOSPC);
	assert_int_equal(map.count, CONFIG_MAX_MEM_REGIONS);
	/* Splitting a region needs a free slot. */
	assert_int_equal(memmap_remove(&map, 0x400, 0x100), -ENOSPC);
	/* Trimming an end or dropping a whole region does not. */
	assert_int_equal(memmap_remove(&map, 0x0, 0x100), 0);
	assert_region(0, 0x100, 0xf00);
	assert_int_equal(memmap_remove(&map, 0x10000, 0x1000), 0);
	assert_int_equal(map.count, CONFIG_MAX_MEM_REGIONS - 1);
}

/* Ranges given back merge with their neighbours of the same name, on both sides. */
static void test_give_back_merges(void **state)
{
	unsigned int i;

	(void)state;
	memmap_add(&map, 0x100000, 0x100000, "ram");
	for (i = 0; i < 100; i++) {
		assert_int_equal(memmap_remove(&map, 0x140000, 0x20000), 0);
		assert_int_equal(map.count, 2);
		assert_int_equal(memmap_give_back(&map, 0x140000, 0x20000, "ram"), 0);
		assert_int_equal(map.count, 1);
		assert_region(0, 0x100000, 0x100000);
	}
	/* Touching the low end only, the high end only, and another name. */
	assert_int_equal(memmap_give_back(&map, 0x200000, 0x1000, "ram"), 0);
	assert_int_equal(memmap_give_back(&map, 0xff000, 0x1000, "ram"), 0);
	assert_int_equal(map.count, 1);
	assert_region(0, 0xff000, 0x102000);
	assert_int_equal(memmap_give_back(&map, 0x201000, 0x1000, "shyper-data"), 0);
	assert_int_equal(map.count, 2);
	assert_int_equal(memmap_give_back(&map, 0x1000, 0, "ram"), -EINVAL);
}

static void test_give_back_full_map(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < CONFIG_MAX_MEM_REGIONS; i++)
		memmap_add(&map, (u64)i * 0x10000, 0x1000, "r");
	assert_int_equal(memmap_give_back(&map, 0x8000, 0x1000, "r"), -ENOSPC);
	assert_int_equal(memmap_give_back(&map, 0x1000, 0x1000, "r"), 0);
	assert_region(0, 0, 0x2000);
	assert_int_equal(memmap_give_back(&map, 0x1f000, 0x1000, "r"), 0);
	assert_region(1, 0x10000, 0x1000);
	assert_region(2, 0x1f000, 0x2000);
	/* Filling the gap between two ranges frees a slot. */
	assert_int_equal(memmap_give_back(&map, 0x2000, 0xe000, "r"), 0);
	assert_int_equal(map.count, CONFIG_MAX_MEM_REGIONS - 1);
	assert_region(0, 0, 0x11000);
}

static void test_remove_cases(void **state)
{
	(void)state;
	memmap_add(&map, 0x1000, 0x9000, "ram"); /* [0x1000, 0xa000) */

	/* Middle: split in two, both keep the name. */
	assert_int_equal(memmap_remove(&map, 0x4000, 0x1000), 0);
	assert_int_equal(map.count, 2);
	assert_region(0, 0x1000, 0x3000);
	assert_region(1, 0x5000, 0x5000);
	assert_string_equal(map.region[1].name, "ram");

	/* Low end, high end, and a hole outside everything. */
	assert_int_equal(memmap_remove(&map, 0x0, 0x2000), 0);
	assert_region(0, 0x2000, 0x2000);
	assert_int_equal(memmap_remove(&map, 0x9000, 0x8000), 0);
	assert_region(1, 0x5000, 0x4000);
	assert_int_equal(memmap_remove(&map, 0x100000, 0x1000), 0);
	assert_int_equal(map.count, 2);

	/* One hole over both regions and the gap between them. */
	assert_int_equal(memmap_remove(&map, 0x3000, 0x3000), 0);
	assert_region(0, 0x2000, 0x1000);
	assert_region(1, 0x6000, 0x3000);

	/* Exactly one whole region. */
	assert_int_equal(memmap_remove(&map, 0x2000, 0x1000), 0);
	assert_int_equal(map.count, 1);
	assert_region(0, 0x6000, 0x3000);
}

static void test_remove_to_top_of_address_space(void **state)
{
	(void)state;
	memmap_add(&map, 0x1000, 0x3000, "ram");
	/* base + size wraps: cut everything from base up. */
	assert_int_equal(memmap_remove(&map, 0x2000, ~0ULL), 0);
	assert_int_equal(map.count, 1);
	assert_region(0, 0x1000, 0x1000);
}

/*
 * Overlapping banks (two memory nodes describing the same RAM) must all
 * lose the hole. A split inserts its upper half after every region that
 * starts below it, which need not be right after the region cut.
 */
static void test_remove_from_overlapping_regions(void **state)
{
	(void)state;
	memmap_add(&map, 0x0, 0x100000, "big");
	memmap_add(&map, 0x60000, 0x10000, "inner");
	assert_int_equal(memmap_remove(&map, 0x50000, 0x30000), 0);
	assert_null(memmap_find_overlap(&map, 0x50000, 0x30000));
	assert_int_equal(memmap_total(&map), 0x100000 - 0x30000);
}

static void test_subtract(void **state)
{
	struct memmap holes = {0};

	(void)state;
	memmap_add(&map, 0x40000000, 0x40000000, "ram");
	memmap_add(&map, 0x100000000, 0x40000000, "ram");
	memmap_add(&holes, 0x40000000, 0x200000, "fw");
	memmap_add(&holes, 0x48000000, 0x400000, "initrd");
	memmap_add(&holes, 0x13ff00000, 0x200000, "straddles end");
	assert_int_equal(memmap_subtract(&map, &holes), 0);
	assert_int_equal(map.count, 3);
	assert_region(0, 0x40200000, 0x07e00000);
	assert_region(1, 0x48400000, 0x37c00000);
	assert_region(2, 0x100000000, 0x3ff00000);
	assert_int_equal(memmap_total(&map), 0x80000000 - 0x200000 - 0x400000 - 0x100000);
}

static void test_overlap_and_contains(void **state)
{
	const struct mem_region *r;

	(void)state;
	memmap_add(&map, 0x1000, 0x1000, "a");
	memmap_add(&map, 0x3000, 0x1000, "b");

	assert_null(memmap_find_overlap(&map, 0x2000, 0x1000)); /* the gap, touching both */
	assert_null(memmap_find_overlap(&map, 0x0, 0x1000));
	r = memmap_find_overlap(&map, 0x1fff, 0x2);
	assert_non_null(r);
	assert_string_equal(r->name, "a");
	r = memmap_find_overlap(&map, 0x0, 0x10000);
	assert_string_equal(r->name, "a"); /* the first one */

	assert_true(memmap_contains(&map, 0x1000, 0x1000));
	assert_true(memmap_contains(&map, 0x3800, 0x800));
	assert_false(memmap_contains(&map, 0x1800, 0x1000)); /* runs into the gap */
	assert_false(memmap_contains(&map, 0x1000, 0x3000)); /* spans two */
	assert_false(memmap_contains(&map, 0x1800, ~0ULL)); /* wraps */
}

static void test_alloc_from_top(void **state)
{
	paddr_t at;

	(void)state;
	memmap_add(&map, 0x40000000, 0x100000, "low");
	memmap_add(&map, 0x80001000, 0x3000, "high-small");

	/* Highest range that fits, top of it, aligned down. */
	assert_int_equal(memmap_alloc(&map, 0x1000, 0x1000, &at), 0);
	assert_int_equal(at, 0x80003000);
	assert_region(1, 0x80001000, 0x2000);

	/* Too big for the high range: falls back to the low one. */
	assert_int_equal(memmap_alloc(&map, 0x10000, 0x10000, &at), 0);
	assert_int_equal(at, 0x400f0000);
	assert_false(memmap_contains(&map, at, 0x10000));

	/* Alignment that does not fit in the high range even though size does. */
	assert_int_equal(memmap_alloc(&map, 0x1000, 0x100000, &at), 0);
	assert_int_equal(at, 0x40000000);

	assert_int_equal(memmap_alloc(&map, 0x1000000, 0x1000, &at), -ENOMEM);
}

static void test_alloc_low_from_bottom(void **state)
{
	paddr_t at;

	(void)state;
	memmap_add(&map, 0x40000800, 0x2800, "low-small");
	memmap_add(&map, 0x80000000, 0x100000, "high");

	/* Lowest range that fits, bottom of it, aligned up. */
	assert_int_equal(memmap_alloc_low(&map, 0x1000, 0x1000, &at), 0);
	assert_int_equal(at, 0x40001000);
	assert_region(0, 0x40000800, 0x800);
	assert_region(1, 0x40002000, 0x1000);

	/* Too big for what is left low: the high range. */
	assert_int_equal(memmap_alloc_low(&map, 0x2000, 0x1000, &at), 0);
	assert_int_equal(at, 0x80000000);
	assert_int_equal(memmap_alloc_low(&map, 0x200000, 0x1000, &at), -ENOMEM);
}

static void test_alloc_empty_map(void **state)
{
	paddr_t at = 0x1234;

	(void)state;
	assert_int_equal(memmap_alloc(&map, 0x1000, 0x1000, &at), -ENOMEM);
	assert_int_equal(at, 0x1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_add_keeps_sorted, reset),
	    cmocka_unit_test_setup(test_add_rejects_empty_and_wrapping, reset),
	    cmocka_unit_test_setup(test_full_map, reset),
	    cmocka_unit_test_setup(test_remove_cases, reset),
	    cmocka_unit_test_setup(test_remove_to_top_of_address_space, reset),
	    cmocka_unit_test_setup(test_remove_from_overlapping_regions, reset),
	    cmocka_unit_test_setup(test_subtract, reset),
	    cmocka_unit_test_setup(test_overlap_and_contains, reset),
	    cmocka_unit_test_setup(test_alloc_from_top, reset),
	    cmocka_unit_test_setup(test_alloc_low_from_bottom, reset),
	    cmocka_unit_test_setup(test_alloc_empty_map, reset),
	    cmocka_unit_test_setup(test_give_back_merges, reset),
	    cmocka_unit_test_setup(test_give_back_full_map, reset),
	};

	return cmocka_run_group_tests_name("memmap", tests, NULL, NULL);
}
