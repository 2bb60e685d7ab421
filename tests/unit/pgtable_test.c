// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/pgtable.c with the arm64 descriptor formats (arch/arm64/pgtable.c):
 * EL2 stage 1 and stage 2; tests/unit/pgtable_riscv_test.c has RISC-V's.
 * Tables live in host memory; addresses are the host's, which the walker
 * treats as physical, as Shyper's identity map does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/pgtable.h>

#include <asm/pgtable.h>

#include "unit.h"

static struct pt arm64_pt(unsigned int pa_bits)
{
	struct pt pt = {.alloc = unit_table_alloc, .invalidate = unit_count_invalidation};

	arm64_el2_layout(pa_bits, &pt);
	pt.root = unit_table_alloc();
	return pt;
}

static void lookup(const struct pt *pt, u64 va, u64 *pte, unsigned int *level)
{
	assert_int_equal(pt_lookup(pt, va, pte, level), 0);
}

/* Bits of the arm64 descriptor (Arm ARM D8.3). */
#define XN (1ULL << 54)
#define AP_RO (1ULL << 7)
#define ATTR(pte) (((pte) >> 2) & 7)

static void test_arm64_layout(void **state)
{
	struct pt a = arm64_pt(40), b = arm64_pt(39), c = arm64_pt(48);

	assert_int_equal(a.fmt->levels, 4);
	assert_int_equal(a.root_entries, 2); /* 40 bits: 2 entries of 512 GiB */
	assert_int_equal(b.fmt->levels, 3);
	assert_int_equal(b.root_entries, 512);
	assert_int_equal(c.root_entries, 512);
	assert_int_equal(a.limit, 1ULL << 40);
}

static void test_arm64_blocks_pages_and_wx(void **state)
{
	struct pt pt = arm64_pt(40);
	u64 pte;
	unsigned int level;

	/* 1 GiB + 2 MiB + 4 KiB, all aligned: one block of each size. */
	assert_int_equal(pt_map(&pt, 0x40000000, 0x40000000, 0x40201000, PT_READ | PT_WRITE), 0);
	lookup(&pt, 0x40000000, &pte, &level);
	assert_int_equal(level, 2);
	lookup(&pt, 0x80000000, &pte, &level);
	assert_int_equal(level, 1);
	lookup(&pt, 0x80200000, &pte, &level);
	assert_int_equal(level, 0);
	assert_int_equal(pte & 3, 3); /* a page descriptor */
	assert_int_equal(pte & 0x0000fffffffff000ULL, 0x80200000);
	assert_true(pte & XN); /* writable: never executable */
	assert_false(pte & AP_RO);
	assert_int_equal(ATTR(pte), MAIR_IDX_NORMAL);
	assert_int_equal(pt_lookup(&pt, 0x80201000, &pte, &level), -ENOENT);

	assert_int_equal(pt_map(&pt, 0x9000000, 0x9000000, 0x1000, PT_READ | PT_WRITE | PT_DEVICE),
			 0);
	lookup(&pt, 0x9000000, &pte, &level);
	assert_int_equal(ATTR(pte), MAIR_IDX_DEVICE);
	assert_true(pte & XN);
	assert_int_equal(pt_map(&pt, 0x100000, 0x100000, 0x1000, PT_READ | PT_EXEC), 0);
	lookup(&pt, 0x100000, &pte, &level);
	assert_false(pte & XN);
	assert_true(pte & AP_RO);
	/* Executable and writable at once is not offered: W wins, X goes. */
	assert_int_equal(pt_map(&pt, 0x200000, 0x200000, 0x1000, PT_READ | PT_WRITE | PT_EXEC), 0);
	lookup(&pt, 0x200000, &pte, &level);
	assert_true(pte & XN);
}

/* A finer mapping made first survives a coarser one over the same range. */
static void test_existing_pages_survive(void **state)
{
	struct pt pt = arm64_pt(40);
	u64 pte;
	unsigned int level;

	assert_int_equal(pt_map(&pt, 0x40201000, 0x40201000, 0x2000, PT_READ | PT_EXEC), 0);
	assert_int_equal(pt_map(&pt, 0x40000000, 0x40000000, 0x40000000, PT_READ | PT_WRITE), 0);
	lookup(&pt, 0x40201000, &pte, &level);
	assert_int_equal(level, 0);
	assert_false(pte & XN);
	lookup(&pt, 0x40203000, &pte, &level);
	assert_int_equal(level, 0);
	assert_true(pte & XN);
	lookup(&pt, 0x40400000, &pte, &level);
	assert_int_equal(level, 1); /* the rest still uses 2 MiB blocks */
	lookup(&pt, 0x40000000, &pte, &level);
	assert_int_equal(level, 1);
}

static void test_unmap_splits_block(void **state)
{
	struct pt pt = arm64_pt(40);
	u64 pte, before;
	unsigned int level;

	assert_int_equal(pt_map(&pt, 0x40000000, 0x40000000, 0x40000000, PT_READ | PT_WRITE), 0);
	lookup(&pt, 0x40000000, &before, &level);
	assert_int_equal(level, 2);
	assert_int_equal(pt_unmap_page(&pt, 0x40345000), 0);
	assert_int_equal(pt_lookup(&pt, 0x40345000, &pte, &level), -ENOENT);
	/* Its neighbours keep the block's attributes, now as pages. */
	lookup(&pt, 0x40344000, &pte, &level);
	assert_int_equal(level, 0);
	assert_int_equal(pte & 0x0000fffffffff000ULL, 0x40344000);
	assert_int_equal(pte & ~0x0000fffffffff002ULL, before & ~0x0000fffffffff002ULL);
	lookup(&pt, 0x40600000, &pte, &level);
	assert_int_equal(level, 1);
	assert_int_equal(pte & 0x0000fffffffff000ULL, 0x40600000);
	/* Break-before-make: the 1 GiB, then the 2 MiB block, then the page. */
	assert_int_equal(unit_invalidations, 3);
	assert_int_equal(pt_unmap_page(&pt, 0x40345000), -ENOENT);
}

static void test_limits_and_pool(void **state)
{
	struct pt pt = arm64_pt(40);

	assert_int_equal(pt_map(&pt, 1ULL << 40, 1ULL << 40, 0x1000, PT_READ), -ERANGE);
	assert_int_equal(pt_map(&pt, ~0ULL - 0xfff, 0, 0x2000, PT_READ), -ERANGE);
	unit_table_pool_exhaust();
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0x1000, PT_READ), -ENOMEM);
}

/* Stage 2 (Arm ARM D8.4.2): S2AP at [7:6], MemAttr at [5:2], XN at 54. */
static void test_stage2_ram_and_devices(void **state)
{
	struct pt pt = {.alloc = unit_table_alloc};
	u64 pte;
	unsigned int level;

	arm64_s2_layout(40, &pt);
	pt.root = unit_table_alloc();
	assert_int_equal(pt.root_entries, 2);
	assert_int_equal(
	    pt_map(&pt, 0x40000000, 0x48000000, 0x10000000, PT_READ | PT_WRITE | PT_EXEC), 0);
	lookup(&pt, 0x40000000, &pte, &level);
	assert_int_equal(level, 1); /* 0x48000000 is not 1 GiB aligned: 2 MiB blocks */
	assert_int_equal(pte & 0x0000fffffffff000ULL, 0x48000000);
	assert_int_equal(pte & (3ULL << 6), 3ULL << 6);
	assert_int_equal((pte >> 2) & 0xf, 0xf);
	assert_false(pte & XN); /* guest RAM holds code */
	assert_int_equal(pt_map(&pt, 0x9000000, 0x9000000, 0x1000, PT_READ | PT_WRITE | PT_DEVICE),
			 0);
	lookup(&pt, 0x9000000, &pte, &level);
	assert_int_equal(level, 0);
	assert_int_equal((pte >> 2) & 0xf, 0x1); /* Device-nGnRE */
	assert_true(pte & XN); /* a device is never executable */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    UNIT_POOL_TEST(test_arm64_layout),
	    UNIT_POOL_TEST(test_arm64_blocks_pages_and_wx),
	    UNIT_POOL_TEST(test_existing_pages_survive),
	    UNIT_POOL_TEST(test_unmap_splits_block),
	    UNIT_POOL_TEST(test_limits_and_pool),
	    UNIT_POOL_TEST(test_stage2_ram_and_devices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
