// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/ratelimit.c: the first event is told, the next ones are counted and
 * told once per window, whatever their rate; a counter that goes back
 * (a restarted CPU) opens a new window instead of silencing the kind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <shyper/ratelimit.h>

static void test_first_then_quiet(void **state)
{
	struct ratelimit rl = {0};
	u64 told = 0;
	int i;

	(void)state;
	assert_int_equal(ratelimit_event(&rl, 100, 1000, &told), RATELIMIT_FIRST);
	for (i = 0; i < 100000; i++)
		assert_int_equal(ratelimit_event(&rl, 100 + i % 900, 1000, &told), RATELIMIT_QUIET);
	assert_int_equal(told, 0);
}

static void test_summary_counts_everything(void **state)
{
	struct ratelimit rl = {0};
	u64 told = 0, now, lines = 0, total = 0;

	(void)state;
	assert_int_equal(ratelimit_event(&rl, 0, 1000, &told), RATELIMIT_FIRST);
	/* A storm: one event per tick for ten windows. */
	for (now = 1; now <= 10000; now++)
		if (ratelimit_event(&rl, now, 1000, &told) == RATELIMIT_SUMMARY) {
			lines++;
			total += told;
		}
	assert_int_equal(lines, 10);
	assert_int_equal(total + rl.count, 10000);
}

static void test_window_zero_never_summarises(void **state)
{
	struct ratelimit rl = {0};
	u64 told = 0;

	(void)state;
	assert_int_equal(ratelimit_event(&rl, 5, 0, &told), RATELIMIT_FIRST);
	assert_int_equal(ratelimit_event(&rl, 1ULL << 62, 0, &told), RATELIMIT_QUIET);
	assert_int_equal(rl.count, 1);
}

static void test_counter_going_back(void **state)
{
	struct ratelimit rl = {0};
	u64 told = 0;

	(void)state;
	assert_int_equal(ratelimit_event(&rl, 5000, 1000, &told), RATELIMIT_FIRST);
	assert_int_equal(ratelimit_event(&rl, 5001, 1000, &told), RATELIMIT_QUIET);
	assert_int_equal(ratelimit_event(&rl, 10, 1000, &told), RATELIMIT_SUMMARY);
	assert_int_equal(told, 2);
	assert_int_equal(ratelimit_event(&rl, 20, 1000, &told), RATELIMIT_QUIET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_then_quiet),
	    cmocka_unit_test(test_summary_counts_everything),
	    cmocka_unit_test(test_window_zero_never_summarises),
	    cmocka_unit_test(test_counter_going_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
