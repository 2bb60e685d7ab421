// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/pgtable.c with the RISC-V Sv39/Sv48 descriptor format
 * (arch/riscv/pgtable.c), and the Sv39 fallback of arch/riscv/mm.c.
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

static void lookup(const struct pt *pt, u64 va, u64 *pte, unsigned int *level)
{
	assert_int_equal(pt_lookup(pt, va, pte, level), 0);
}

#define SV_R (1ULL << 1)
#define SV_W (1ULL << 2)
#define SV_X (1ULL << 3)
#define SV_PPN(pte) ((((pte) >> 10) & ((1ULL << 44) - 1)) << 12)

static void test_riscv_sv48_and_sv39_share_a_tree(void **state)
{
	struct pt sv48 = {.alloc = unit_table_alloc}, sv39 = {.alloc = unit_table_alloc};
	u64 pte, pte39;
	unsigned int level, level39;

	riscv_sv_layout(4, &sv48);
	sv48.root = unit_table_alloc();
	assert_int_equal(sv48.limit, 1ULL << 47);
	assert_int_equal(pt_map(&sv48, 0x80200000, 0x80200000, 0x3000, PT_READ | PT_EXEC), 0);
	assert_int_equal(pt_map(&sv48, 0x80000000, 0x80000000, 0x40000000, PT_READ | PT_WRITE), 0);
	assert_int_equal(
	    pt_map(&sv48, 0x10000000, 0x10000000, 0x100, PT_READ | PT_WRITE | PT_DEVICE), 0);
	lookup(&sv48, 0x80200000, &pte, &level);
	assert_int_equal(level, 0);
	assert_true((pte & (SV_R | SV_X)) == (SV_R | SV_X));
	assert_false(pte & SV_W);
	lookup(&sv48, 0x80400000, &pte, &level);
	assert_int_equal(level, 1);
	assert_true(pte & SV_W);
	assert_false(pte & SV_X);
	lookup(&sv48, 0x10000000, &pte, &level);
	assert_false(pte & SV_X);

	/* The fallback of arch/riscv/mm.c: root entry 0's table as an Sv39 root. */
	riscv_sv_layout(3, &sv39);
	assert_int_equal(sv39.limit, 1ULL << 38);
	sv39.root = (u64 *)(uintptr_t)SV_PPN(sv48.root[0]);
	for (u64 va = 0x10000000; va < 0xc0000000; va += 0x1000) {
		int a = pt_lookup(&sv48, va, &pte, &level),
		    b = pt_lookup(&sv39, va, &pte39, &level39);

		assert_int_equal(a, b);
		if (!a) {
			assert_int_equal(pte, pte39);
			assert_int_equal(level, level39);
		}
	}
}

static void test_riscv_unmap_splits(void **state)
{
	struct pt pt = {.alloc = unit_table_alloc, .invalidate = unit_count_invalidation};
	u64 pte;
	unsigned int level;

	riscv_sv_layout(3, &pt);
	pt.root = unit_table_alloc();
	assert_int_equal(pt_map(&pt, 0x80000000, 0x80000000, 0x40000000, PT_READ | PT_WRITE), 0);
	assert_int_equal(pt_unmap_page(&pt, 0x80001000), 0);
	assert_int_equal(pt_lookup(&pt, 0x80001000, &pte, &level), -ENOENT);
	lookup(&pt, 0x80002000, &pte, &level);
	assert_int_equal(level, 0);
	assert_int_equal(SV_PPN(pte), 0x80002000);
	lookup(&pt, 0xbfe00000, &pte, &level);
	assert_int_equal(level, 1);
	assert_int_equal(SV_PPN(pte), 0xbfe00000);
}

/* G-stage (8.5.1): U on every leaf, a 2048-entry root reaching 2 more bits. */
static void test_gstage_format(void **state)
{
	struct pt pt = {.alloc = unit_table_alloc};
	u64 pte,
	    *root = unit_table_page(UNIT_TABLE_POOL - 4); /* 16 KiB, aligned: the last pool pages */
	unsigned int level;

	riscv_gstage_layout(3, &pt);
	pt.root = root;
	assert_int_equal(pt.limit, 1ULL << 41);
	assert_int_equal(
	    pt_map(&pt, 0x1ffc0000000ULL, 0x80000000, 0x200000, PT_READ | PT_WRITE | PT_EXEC), 0);
	assert_true(root[2047] & 1); /* beyond the 512 entries of a plain root */
	lookup(&pt, 0x1ffc0000000ULL, &pte, &level);
	assert_int_equal(level, 1);
	assert_true((pte & (SV_R | SV_W | SV_X | (1ULL << 4))) ==
		    (SV_R | SV_W | SV_X | (1ULL << 4)));
	assert_int_equal(
	    pt_map(&pt, 0x10000000, 0x10000000, 0x1000, PT_READ | PT_WRITE | PT_DEVICE), 0);
	lookup(&pt, 0x10000000, &pte, &level);
	assert_false(pte & SV_X);
	assert_int_equal(pt_map(&pt, 1ULL << 41, 0, 0x1000, PT_READ), -ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    UNIT_POOL_TEST(test_riscv_sv48_and_sv39_share_a_tree),
	    UNIT_POOL_TEST(test_riscv_unmap_splits),
	    UNIT_POOL_TEST(test_gstage_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
