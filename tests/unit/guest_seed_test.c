// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entropy for guests (core/guest_seed.c, lib/chacha20.c): the ChaCha20
 * block function against RFC 8439's test vector (2.3.2); the key taken
 * from the host's /chosen seeds; seeds that differ per VM, per load and
 * per salt, equal for equal inputs; /chosen/rng-seed put into a finished
 * guest tree, and nothing when the host had no seed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/chacha20.h>
#include <shyper/guest_seed.h>
#include <shyper/timer.h>

static u64 ticks = 0x1122334455667788ULL;

u64 timer_ticks(void)
{
	return ticks++;
}

static void test_rfc8439_block(void **state)
{
	static const u8 expect[64] = {
	    0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3,
	    0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22,
	    0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa,
	    0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1,
	    0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
	const u32 nonce[3] = {0x09000000, 0x4a000000, 0};
	u32 key[8];
	u8 out[64];
	int i;

	(void)state;
	for (i = 0; i < 8; i++) /* key bytes 00 01 .. 1f, little-endian words */
		key[i] = (u32)(4 * i) | (u32)(4 * i + 1) << 8 | (u32)(4 * i + 2) << 16 |
			 (u32)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	assert_memory_equal(out, expect, sizeof(expect));
}

/* A host tree with /chosen and, when @seed_len, an rng-seed of that many bytes. */
static void *host_tree(int seed_len, u8 fill)
{
	void *fdt = malloc(4096);
	u8 seed[64];
	int chosen;

	memset(seed, fill, sizeof(seed));
	assert_int_equal(fdt_create_empty_tree(fdt, 4096), 0);
	chosen = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(chosen >= 0);
	if (seed_len)
		assert_int_equal(fdt_setprop(fdt, chosen, "rng-seed", seed, seed_len), 0);
	return fdt;
}

static void test_key_from_host(void **state)
{
	void *host = host_tree(32, 0x5a);

	(void)state;
	assert_int_equal(guest_seed_init(host), 32);
	free(host);
	host = host_tree(0, 0);
	assert_int_equal(guest_seed_init(host), 0);
	free(host);
}

static void test_seeds_distinct(void **state)
{
	void *host = host_tree(32, 0x5a);
	u8 a[GUEST_SEED_BYTES], b[GUEST_SEED_BYTES];

	(void)state;
	guest_seed_init(host);
	guest_seed_derive(1, 0, 7, a);
	guest_seed_derive(1, 0, 7, b);
	assert_memory_equal(a, b, sizeof(a)); /* a function of its inputs */
	guest_seed_derive(2, 0, 7, b);
	assert_memory_not_equal(a, b, sizeof(a)); /* another VM */
	guest_seed_derive(1, 1, 7, b);
	assert_memory_not_equal(a, b, sizeof(a)); /* the next load of the same VM */
	guest_seed_derive(1, 0, 7ULL << 32, b);
	assert_memory_not_equal(a, b, sizeof(a)); /* another moment */
	free(host);
	host = host_tree(32, 0xa5); /* another host seed: another seed for the same VM */
	guest_seed_init(host);
	guest_seed_derive(1, 0, 7, b);
	assert_memory_not_equal(a, b, sizeof(a));
	free(host);
}

/* A finished guest tree, as the builder leaves it (no free space). */
static void *guest_tree(void)
{
	void *fdt = calloc(1, 8192);

	assert_int_equal(fdt_create_empty_tree(fdt, 8192), 0);
	assert_true(fdt_add_subnode(fdt, 0, "chosen") >= 0);
	assert_int_equal(fdt_pack(fdt), 0);
	return fdt;
}

static void test_set_into_guest(void **state)
{
	void *host = host_tree(32, 0x5a), *g = guest_tree(), *g2 = guest_tree();
	const u8 *p, *p2;
	int len;

	(void)state;
	guest_seed_init(host);
	assert_int_equal(guest_seed_set(g, 8192, 3, 0), 0);
	assert_int_equal(guest_seed_set(g2, 8192, 3, 1), 0);
	p = fdt_getprop(g, fdt_path_offset(g, "/chosen"), "rng-seed", &len);
	assert_non_null(p);
	assert_int_equal(len, GUEST_SEED_BYTES);
	p2 = fdt_getprop(g2, fdt_path_offset(g2, "/chosen"), "rng-seed", &len);
	assert_non_null(p2);
	assert_memory_not_equal(p, p2, GUEST_SEED_BYTES);
	free(host);
	free(g);
	free(g2);
}

static void test_nothing_without_host_seed(void **state)
{
	void *host = host_tree(0, 0), *g = guest_tree();

	(void)state;
	guest_seed_init(host);
	assert_int_equal(guest_seed_set(g, 8192, 3, 0), 0);
	assert_null(fdt_getprop(g, fdt_path_offset(g, "/chosen"), "rng-seed", NULL));
	free(host);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rfc8439_block),
	    cmocka_unit_test(test_key_from_host),
	    cmocka_unit_test(test_seeds_distinct),
	    cmocka_unit_test(test_set_into_guest),
	    cmocka_unit_test(test_nothing_without_host_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
