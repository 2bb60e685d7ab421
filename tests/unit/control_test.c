// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/control_regs.c: the control page's register decoder as the
 * management VM sees it (include/shyper/control_abi.h). Identification
 * registers, the argument / result / data banks, reserved offsets, and a
 * store to CTL_CMD running exactly the command of the table it names
 * with the arguments written before, its status and results readable
 * after; unknown commands end with CTL_EINVAL and run nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/control.h>
#include <shyper/errno.h>

static struct ctl_bank bank;
static unsigned int calls;
static void *seen_ctx;

static u32 rd(u64 off)
{
	u32 v = 0xdeadbeef;

	assert_int_equal(ctl_reg_read(&bank, off, &v), 0);
	return v;
}

/* Echo: RES(n) = ARG(n) + 1 for every argument; DATA reversed word by word. */
static int cmd_echo(struct ctl_bank *b, void *ctx)
{
	unsigned int i;

	calls++;
	seen_ctx = ctx;
	for (i = 0; i < CTL_NR_ARGS; i++)
		b->res[i] = b->arg[i] + 1;
	b->res[CTL_NR_RES - 1] = b->data[0];
	return 0;
}

static int cmd_fail(struct ctl_bank *b, void *ctx)
{
	calls++;
	b->res[0] = 7; /* cleared by the next command */
	return -EAGAIN;
}

static const ctl_command_fn table[4] = {[1] = cmd_echo, [3] = cmd_fail};

static void wr(u64 off, u32 v)
{
	assert_int_equal(ctl_reg_write(&bank, off, v, table, 4, &bank), 0);
}

static void test_identification(void **state)
{
	(void)state;
	memset(&bank, 0, sizeof(bank));
	assert_int_equal(rd(CTL_MAGIC), CTL_MAGIC_VALUE);
	assert_int_equal(rd(CTL_VERSION), CTL_VERSION_MAJOR << 16 | CTL_VERSION_MINOR);
	/* Identification is read-only. */
	wr(CTL_MAGIC, 0);
	wr(CTL_VERSION, 0);
	assert_int_equal(rd(CTL_MAGIC), CTL_MAGIC_VALUE);
	assert_int_equal(calls, 0);
}

static void test_reserved_and_misaligned(void **state)
{
	u32 v;

	(void)state;
	memset(&bank, 0, sizeof(bank));
	/* Between the banks and past the data: read as zero, ignore stores. */
	wr(0x010, 5);
	wr(0x0c0, 5);
	wr(CTL_DATA + CTL_DATA_SIZE, 5);
	wr(0xffc, 5);
	assert_int_equal(rd(0x010), 0);
	assert_int_equal(rd(0x0c0), 0);
	assert_int_equal(rd(CTL_DATA + CTL_DATA_SIZE), 0);
	assert_int_equal(rd(0xffc), 0);
	/* Results are read-only. */
	wr(CTL_RES(0), 9);
	assert_int_equal(rd(CTL_RES(0)), 0);
	/* Not 32-bit aligned: the guest gets an abort. */
	assert_int_equal(ctl_reg_read(&bank, CTL_ARG(0) + 2, &v), -EINVAL);
	assert_int_equal(ctl_reg_write(&bank, CTL_CMD + 1, 1, table, 4, NULL), -EINVAL);
	assert_int_equal(calls, 0);
}

static void test_command_runs_with_its_arguments(void **state)
{
	unsigned int i;

	(void)state;
	memset(&bank, 0, sizeof(bank));
	calls = 0;
	for (i = 0; i < CTL_NR_ARGS; i++)
		wr(CTL_ARG(i), 100 + i);
	wr(CTL_DATA, 0x64636261); /* "abcd", little-endian */
	wr(CTL_DATA + CTL_DATA_SIZE - 4, 0x11223344);
	assert_int_equal(rd(CTL_ARG(CTL_NR_ARGS - 1)), 100 + CTL_NR_ARGS - 1);
	assert_int_equal(calls, 0); /* nothing runs before the store to CTL_CMD */
	wr(CTL_CMD, 1);
	assert_int_equal(calls, 1);
	assert_ptr_equal(seen_ctx, &bank);
	assert_int_equal(rd(CTL_CMD), 1);
	assert_int_equal(rd(CTL_STATUS), 0);
	for (i = 0; i < CTL_NR_ARGS; i++)
		assert_int_equal(rd(CTL_RES(i)), 101 + i);
	assert_int_equal(rd(CTL_RES(CTL_NR_RES - 1)), 'a');
	assert_int_equal(bank.data[CTL_DATA_SIZE - 1], 0x11);
	assert_int_equal(rd(CTL_DATA), 0x64636261);
}

static void test_status_and_results_reset(void **state)
{
	(void)state;
	calls = 0;
	wr(CTL_CMD, 3);
	assert_int_equal(calls, 1);
	assert_int_equal((s32)rd(CTL_STATUS), CTL_EAGAIN);
	assert_int_equal(rd(CTL_RES(0)), 7);
	/* Unknown: no entry, past the table, far past it. */
	wr(CTL_CMD, 2);
	assert_int_equal((s32)rd(CTL_STATUS), CTL_EINVAL);
	assert_int_equal(rd(CTL_RES(0)), 0); /* the previous results are gone */
	wr(CTL_CMD, 4);
	assert_int_equal((s32)rd(CTL_STATUS), CTL_EINVAL);
	wr(CTL_CMD, 0xffffffff);
	assert_int_equal((s32)rd(CTL_STATUS), CTL_EINVAL);
	wr(CTL_CMD, 0);
	assert_int_equal((s32)rd(CTL_STATUS), CTL_EINVAL);
	assert_int_equal(calls, 1);
}

static void test_put_u64(void **state)
{
	(void)state;
	ctl_put_u64(&bank, 4, 0x123456789abcdef0ULL);
	assert_int_equal(rd(CTL_RES(4)), 0x9abcdef0);
	assert_int_equal(rd(CTL_RES(5)), 0x12345678);
}

/* The ABI's errno values are the hypervisor's own. */
static void test_status_codes(void **state)
{
	(void)state;
	assert_int_equal(CTL_EPERM, -EPERM);
	assert_int_equal(CTL_ENOENT, -ENOENT);
	assert_int_equal(CTL_E2BIG, -E2BIG);
	assert_int_equal(CTL_EAGAIN, -EAGAIN);
	assert_int_equal(CTL_EBUSY, -EBUSY);
	assert_int_equal(CTL_ENODEV, -ENODEV);
	assert_int_equal(CTL_EINVAL, -EINVAL);
	/* The banks fit the page and do not overlap. */
	assert_true(CTL_ARG(CTL_NR_ARGS) <= CTL_RES(0));
	assert_true(CTL_RES(CTL_NR_RES) <= CTL_DATA);
	assert_true(CTL_DATA + CTL_DATA_SIZE <= 4096);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_identification),
	    cmocka_unit_test(test_reserved_and_misaligned),
	    cmocka_unit_test(test_command_runs_with_its_arguments),
	    cmocka_unit_test(test_status_and_results_reset),
	    cmocka_unit_test(test_put_u64),
	    cmocka_unit_test(test_status_codes),
	};

	return cmocka_run_group_tests_name("control", tests, NULL, NULL);
}
