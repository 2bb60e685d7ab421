// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vm_crash.c: what a crash does under each "on-crash", and the
 * "restart-limit" window: count restarts within seconds are allowed, the
 * next crash in the window is a crash loop; the window slides.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/vm_crash.h>

#define FREQ 1000ULL /* ticks per second, for readable times */

static struct vm_config cfg;
static struct vm_crash_log log_;

static enum vm_crash_verdict crash_at(u64 seconds)
{
	return vm_crash_decide(&log_, &cfg, seconds * FREQ, FREQ);
}

static void restart_within(u32 count, u32 seconds)
{
	cfg.on_crash = VM_ACTION_RESTART;
	cfg.restart_limit.count = count;
	cfg.restart_limit.seconds = seconds;
}

static int setup(void **state)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(&log_, 0, sizeof(log_));
	return 0;
}

static void test_policies(void **state)
{
	static const struct {
		enum vm_action action;
		enum vm_crash_verdict verdict;
	} cases[] = {
	    {VM_ACTION_DEFAULT, VM_CRASH_STOP},
	    {VM_ACTION_STOP, VM_CRASH_STOP},
	    {VM_ACTION_DESTROY, VM_CRASH_DESTROY},
	    {VM_ACTION_RESTART, VM_CRASH_RESTART},
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfg.on_crash = cases[i].action;
		assert_int_equal(crash_at(i), cases[i].verdict);
	}
	/* A limit only bounds restarts. */
	cfg.on_crash = VM_ACTION_STOP;
	cfg.restart_limit.count = 1;
	cfg.restart_limit.seconds = 60;
	assert_int_equal(crash_at(10), VM_CRASH_STOP);
	assert_int_equal(crash_at(11), VM_CRASH_STOP);
	assert_int_equal(log_.used, 0);
}

static void test_restart_without_limit(void **state)
{
	unsigned int i;

	cfg.on_crash = VM_ACTION_RESTART;
	for (i = 0; i < 1000; i++)
		assert_int_equal(crash_at(0), VM_CRASH_RESTART);
}

static void test_limit_stops_a_loop(void **state)
{
	restart_within(2, 60);
	assert_int_equal(crash_at(0), VM_CRASH_RESTART);
	assert_int_equal(crash_at(1), VM_CRASH_RESTART);
	/* A third crash within 60 s of the first restart: more than 2. */
	assert_int_equal(crash_at(2), VM_CRASH_LOOP);
	/* A loop is not a restart: it stays one (the management VM may start it). */
	assert_int_equal(crash_at(3), VM_CRASH_LOOP);
}

static void test_window_slides(void **state)
{
	restart_within(2, 60);
	assert_int_equal(crash_at(0), VM_CRASH_RESTART);
	assert_int_equal(crash_at(30), VM_CRASH_RESTART);
	/* The restart at 0 left the window: 30 and 60 are two in it. */
	assert_int_equal(crash_at(60), VM_CRASH_RESTART);
	assert_int_equal(crash_at(89), VM_CRASH_LOOP); /* 30, 60 and this within 60 s */
	assert_int_equal(crash_at(90), VM_CRASH_RESTART); /* 30 is out */
	assert_int_equal(crash_at(200), VM_CRASH_RESTART);
	assert_int_equal(crash_at(210), VM_CRASH_RESTART);
	assert_int_equal(crash_at(259), VM_CRASH_LOOP); /* 200, 210 */
}

static void test_largest_limit(void **state)
{
	unsigned int i;

	restart_within(VM_RESTART_LIMIT_MAX, VM_RESTART_WINDOW_MAX);
	for (i = 0; i < VM_RESTART_LIMIT_MAX; i++)
		assert_int_equal(crash_at(i), VM_CRASH_RESTART);
	assert_int_equal(crash_at(VM_RESTART_WINDOW_MAX - 1), VM_CRASH_LOOP);
	assert_int_equal(crash_at(VM_RESTART_WINDOW_MAX), VM_CRASH_RESTART);
}

static void test_kind_names(void **state)
{
	assert_string_equal(vm_crash_kind_name(VM_CRASH_WATCHDOG), "watchdog");
	assert_string_equal(vm_crash_kind_name(VM_CRASH_FAULTED), "all vCPUs faulted");
	assert_string_equal(vm_crash_kind_name(VM_CRASH_SYSFAIL), "system failure");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_policies, setup),
	    cmocka_unit_test_setup(test_restart_without_limit, setup),
	    cmocka_unit_test_setup(test_limit_stops_a_loop, setup),
	    cmocka_unit_test_setup(test_window_slides, setup),
	    cmocka_unit_test_setup(test_largest_limit, setup),
	    cmocka_unit_test_setup(test_kind_names, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
