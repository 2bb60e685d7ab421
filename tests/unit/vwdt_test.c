// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual watchdogs' register logic (core/vwdt_sp805.c,
 * core/vwdt_sunxi.c, core/vwdt_model.c), driven as Linux's sp805_wdt and
 * sunxi_wdt drive them, with the counter given by hand: what the guest
 * reads, when each model's deadline falls, when it bites.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/vwdt.h>

#define FREQ 62500000ULL /* QEMU virt's arm64 counter */
#define SEC FREQ

static struct vwdt w;

static void setup_model(const struct vwdt_ops *ops)
{
	memset(&w, 0, sizeof(w));
	w.ops = ops;
	w.freq = FREQ;
	w.now = 1000;
	ops->reset(&w);
}

static u32 rd(u64 off)
{
	u32 v = 0xdeadbeef;

	assert_int_equal(w.ops->read(&w, off, &v), 0);
	return v;
}

static void wr(u64 off, u32 val)
{
	assert_int_equal(w.ops->write(&w, off, val), 0);
}

/* ---- SP805 ---- */

#define LOAD 0x000
#define VALUE 0x004
#define CONTROL 0x008
#define INTCLR 0x00c
#define RIS 0x010
#define MIS 0x014
#define LOCK 0xc00
#define UNLOCK 0x1acce551
#define HZ VWDT_SP805_HZ

/* sp805_wdt's wdt_setload() for @timeout seconds: two periods per timeout. */
static u32 linux_load(u32 timeout)
{
	return HZ / 2 * timeout - 1;
}

/* sp805_wdt's wdt_config(): unlock, load, clear, enable (not on a ping), lock. */
static void linux_config(u32 load, bool ping)
{
	wr(LOCK, UNLOCK);
	wr(LOAD, load);
	wr(INTCLR, 1);
	if (!ping)
		wr(CONTROL, 3);
	wr(LOCK, 0);
	assert_int_equal(rd(LOCK), 1);
}

static void test_sp805_ids(void **state)
{
	static const u8 periph[] = {0x05, 0x18, 0x14, 0x00}, cell[] = {0x0d, 0xf0, 0x05, 0xb1};
	unsigned int i;

	setup_model(&vwdt_sp805_ops);
	for (i = 0; i < 4; i++) {
		assert_int_equal(rd(0xfe0 + 4 * i), periph[i]);
		assert_int_equal(rd(0xff0 + 4 * i), cell[i]);
	}
	/* The AMBA bus's id, masked as sp805_wdt's amba_id (0x001fffff) matches it. */
	assert_int_equal((rd(0xfe0) | rd(0xfe4) << 8 | rd(0xfe8) << 16 | rd(0xfec) << 24) &
			     0x001fffff,
			 0x00141805);
}

static void test_sp805_reset_state(void **state)
{
	u32 v;

	setup_model(&vwdt_sp805_ops);
	assert_int_equal(rd(LOAD), 0xffffffff);
	assert_int_equal(rd(CONTROL), 0);
	assert_int_equal(rd(LOCK), 0);
	assert_int_equal(rd(RIS), 0);
	assert_int_equal(w.deadline, 0);
	assert_int_equal(w.ops->read(&w, 0x800, &v), -EINVAL);
	assert_int_equal(w.ops->write(&w, 0x800, 0), -EINVAL);
}

static void test_sp805_bites_after_two_periods(void **state)
{
	u32 load = linux_load(3);
	u64 period = (u64)(load + 1) * FREQ / HZ, start = w.now;
	u32 v;

	setup_model(&vwdt_sp805_ops);
	start = w.now;
	linux_config(load, false);
	assert_int_equal(w.deadline, start + period);
	/* Half a period in, the counter read back is half down. */
	vwdt_advance(&w, start + period / 2);
	assert_in_range(rd(VALUE), load / 2 - 1, load / 2 + 1);
	/* First zero: the interrupt is raised, the count starts again. */
	vwdt_advance(&w, start + period);
	assert_false(w.bitten);
	assert_int_equal(rd(RIS), 1);
	assert_int_equal(rd(MIS), 1);
	assert_int_equal(w.deadline, start + 2 * period);
	vwdt_advance(&w, start + 2 * period - 1);
	assert_false(w.bitten);
	/* Second zero with RIS still set: reset. Three seconds after the start. */
	vwdt_advance(&w, start + 2 * period);
	assert_true(w.bitten);
	assert_int_equal(w.deadline, 0);
	assert_int_equal(2 * period, 3 * SEC);
	/* In reset: a late pet from another vCPU changes nothing. */
	v = load;
	assert_int_equal(vwdt_access(&w, LOAD, true, &v, w.now + 1), 0);
	assert_true(w.bitten);
	assert_int_equal(w.deadline, 0);
}

static void test_sp805_pets_keep_it_alive(void **state)
{
	u32 load = linux_load(3);
	unsigned int i;

	setup_model(&vwdt_sp805_ops);
	linux_config(load, false);
	for (i = 0; i < 100; i++) {
		vwdt_advance(&w, w.now + SEC); /* busybox watchdog -t 1 */
		linux_config(load, true);
		assert_int_equal(rd(RIS), 0);
	}
	assert_false(w.bitten);
	assert_int_equal(w.deadline, w.now + 3 * SEC / 2);
}

static void test_sp805_locked_and_disabled(void **state)
{
	setup_model(&vwdt_sp805_ops);
	linux_config(linux_load(3), false);
	/* Locked: a write is ignored. */
	wr(CONTROL, 0);
	assert_int_equal(rd(CONTROL), 3);
	/* sp805_wdt's wdt_disable(): unlock, control 0, lock. */
	wr(LOCK, UNLOCK);
	wr(CONTROL, 0);
	wr(LOCK, 0);
	assert_int_equal(w.deadline, 0);
	vwdt_advance(&w, w.now + 3600 * SEC);
	assert_false(w.bitten);
	assert_int_equal(rd(VALUE), linux_load(3)); /* stopped: the counter holds */
	/* Reset without the reset enabled: interrupts only, never a bite. */
	wr(LOCK, UNLOCK);
	wr(CONTROL, 1);
	vwdt_advance(&w, w.now + 3600 * SEC);
	assert_false(w.bitten);
	assert_int_equal(rd(RIS), 1);
}

static unsigned int expiries;

static void counted_expire(struct vwdt *dog)
{
	expiries++;
	vwdt_sp805_ops.expire(dog);
}

/* A tiny period, interrupts only, an hour without an access: two expiries, the same state. */
static void test_sp805_long_gap_bounded(void **state)
{
	struct vwdt_ops counted = vwdt_sp805_ops;
	u64 start, period;

	(void)state;
	counted.expire = counted_expire;
	setup_model(&counted);
	wr(LOAD, 0);
	wr(CONTROL, 1);
	start = w.start;
	period = w.deadline - start;
	expiries = 0;
	vwdt_advance(&w, start + 3600 * SEC + period / 2);
	assert_int_equal(expiries, 2);
	assert_false(w.bitten);
	assert_int_equal(rd(RIS), 1);
	assert_true(w.deadline > w.now && w.deadline <= w.now + period);
	assert_int_equal((w.deadline - start) % period, 0);
	assert_int_equal(w.deadline - w.start, period);
}

/* ---- Allwinner A31 ---- */

#define IRQ_STA 0x04
#define CTRL 0x10
#define CFG 0x14
#define MODE 0x18
#define RELOAD 0x14af
#define D1_KEY 0x16aa0000

/* sunxi_wdt_start() for @timeout's interval index @idx (wdt_timeout_map). */
static void linux_start(u32 idx, u32 key)
{
	wr(MODE, (rd(MODE) & ~0xf0U) | idx << 4 | key);
	wr(CTRL, RELOAD);
	wr(CFG, (rd(CFG) & ~3U) | 1 | key);
	wr(MODE, rd(MODE) | 1 | key);
}

static void test_sunxi_start_ping_bite(void **state)
{
	u64 start;
	unsigned int i;

	setup_model(&vwdt_sunxi_ops);
	assert_int_equal(w.deadline, 0);
	start = w.now;
	linux_start(3, 0); /* 3 s */
	assert_int_equal(w.deadline, start + 3 * SEC);
	for (i = 0; i < 50; i++) {
		vwdt_advance(&w, w.now + SEC);
		wr(CTRL, RELOAD); /* sunxi_wdt_ping() */
	}
	assert_false(w.bitten);
	/* A write without the key is no ping. */
	start = w.deadline;
	vwdt_advance(&w, w.now + SEC);
	wr(CTRL, 1);
	assert_int_equal(w.deadline, start);
	vwdt_advance(&w, start);
	assert_true(w.bitten);
}

static void test_sunxi_intervals_and_key(void **state)
{
	static const struct {
		u32 idx;
		u64 ticks;
	} cases[] = {{0, SEC / 2}, {1, SEC}, {7, 8 * SEC}, {11, 16 * SEC}, {15, 16 * SEC}};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setup_model(&vwdt_sunxi_ops);
		linux_start(cases[i].idx, D1_KEY); /* the D1's key bits are ignored */
		assert_int_equal(w.deadline - w.now, cases[i].ticks);
		assert_int_equal(rd(CFG), 1);
	}
}

static void test_sunxi_stop_and_interrupt_only(void **state)
{
	u32 v;

	setup_model(&vwdt_sunxi_ops);
	linux_start(1, 0);
	wr(MODE, 0); /* sunxi_wdt_stop() */
	assert_int_equal(w.deadline, 0);
	vwdt_advance(&w, w.now + 3600 * SEC);
	assert_false(w.bitten);
	/* Interrupt only (CFG 2): the status bit, no bite. */
	linux_start(1, 0);
	wr(CFG, 2);
	vwdt_advance(&w, w.now + 10 * SEC);
	assert_false(w.bitten);
	assert_int_equal(rd(IRQ_STA), 1);
	wr(IRQ_STA, 1);
	assert_int_equal(rd(IRQ_STA), 0);
	assert_int_equal(w.ops->read(&w, 0x0c, &v), -EINVAL);
	assert_int_equal(w.ops->write(&w, 0x1c, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sp805_ids),
	    cmocka_unit_test(test_sp805_reset_state),
	    cmocka_unit_test(test_sp805_bites_after_two_periods),
	    cmocka_unit_test(test_sp805_pets_keep_it_alive),
	    cmocka_unit_test(test_sp805_locked_and_disabled),
	    cmocka_unit_test(test_sp805_long_gap_bounded),
	    cmocka_unit_test(test_sunxi_start_ping_bite),
	    cmocka_unit_test(test_sunxi_intervals_and_key),
	    cmocka_unit_test(test_sunxi_stop_and_interrupt_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
