// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/virtio_console.c: links between virtio-console ends, each driven
 * here by the fake driver of tests/unit/common/virtio_driver.c in its own
 * fake VM RAM (queue 0 receives, queue 1 transmits, 5.3.2). vm1 and vm2
 * are linked; vm3's end names vm1, whose end names vm2: no link. Bytes
 * reach the peer's buffers in order, across buffers; with no buffer they
 * wait in the link's 4 KiB and go when the peer posts buffers; beyond
 * that they are dropped and counted; a malformed ring stops only the
 * device that owns it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/virtio_console.h>
#include <shyper/vm.h>
#include <unit.h>
#include <virtio_driver.h>

#define RXQ VIRTIO_CONSOLE_RXQ
#define TXQ VIRTIO_CONSOLE_TXQ
/* Transmitted bytes start at buffer 8 and run on for up to 8 buffers (16 KiB). */
#define TX_AREA VD_BUF(8)

struct end {
	struct vdrv d;
	struct virtio_console_port port;
	u16 tx_next;
};

static struct end ends[3];
static const u32 peers[3] = {2, 1, 1};

/* Receive buffer @i (2 KiB slot) of @len bytes, posted and notified. */
static void post_rx(struct end *e, u16 i, u32 len)
{
	vd_desc(&e->d, RXQ, i, VD_BUF(i), len, VIRTQ_DESC_F_WRITE, 0);
	vd_offer(&e->d, RXQ, i);
	vd_wr(&e->d, VIRTIO_MMIO_QUEUE_NOTIFY, RXQ);
}

/* Byte @n of the test stream that @e sends: its VM id in the top bits. */
static u8 stream(const struct end *e, u32 n)
{
	return (u8)(n * 7 + e->d.vm.id * 64);
}

/* @len bytes of @e's stream from @from, in two readable descriptors (as a driver may). */
static void send(struct end *e, u32 from, u32 len)
{
	u8 *buf = vd_gpa(&e->d, TX_AREA);
	u16 i = (u16)(2 * (e->tx_next++ % 4));
	u32 n, half = len / 2;

	assert_true(len <= 8 * 0x800);
	for (n = 0; n < len; n++)
		buf[n] = stream(e, from + n);
	vd_desc(&e->d, TXQ, i, TX_AREA, half, VIRTQ_DESC_F_NEXT, i + 1);
	vd_desc(&e->d, TXQ, i + 1, TX_AREA + half, len - half, 0, 0);
	vd_offer(&e->d, TXQ, i);
	vd_wr(&e->d, VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
}

/* Receive buffer @slot of @to holds @len bytes of @from's stream from @at. */
static void assert_got(struct end *to, u16 slot, struct end *from, u32 at, u32 len)
{
	const u8 *got = vd_gpa(&to->d, VD_BUF(slot));
	u32 n;

	for (n = 0; n < len; n++)
		assert_int_equal(got[n], stream(from, at + n));
}

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	unit_capture_start();
	for (i = 0; i < ARRAY_SIZE(ends); i++) {
		struct end *e = &ends[i];

		if (e->port.dev.attached)
			virtio_mmio_detach(&e->port.dev);
		e->tx_next = 0;
		vd_init(&e->d, &e->port.dev, i + 1, "con0");
		virtio_console_port_init(&e->port, peers[i]);
		assert_int_equal(virtio_mmio_attach(&e->port.dev), 0);
		vd_up(&e->d, 0);
	}
	return 0;
}

/* 5.3: device id 3, no feature besides VERSION_1, a zero configuration space. */
static void test_device(void **state)
{
	struct mmio_access acc = {.width = 4};

	(void)state;
	assert_int_equal(vd_rd(&ends[0].d, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_CONSOLE);
	vd_wr(&ends[0].d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	assert_int_equal(vd_rd(&ends[0].d, VIRTIO_MMIO_DEVICE_FEATURES), 0);
	assert_int_equal(virtio_mmio_access(&ends[0].port.dev, &acc, VIRTIO_MMIO_CONFIG + 8), 0);
	assert_int_equal(acc.value, 0);
}

static void test_line_both_ways(void **state)
{
	(void)state;
	post_rx(&ends[1], 0, 2048);
	send(&ends[0], 0, 33);
	assert_int_equal(vd_used_idx(&ends[1].d, RXQ), 1);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 0).len, 33);
	assert_got(&ends[1], 0, &ends[0], 0, 33);
	assert_true(ends[1].d.line);
	/* The sender's chain comes back empty, with its interrupt. */
	assert_int_equal(vd_used_idx(&ends[0].d, TXQ), 1);
	assert_int_equal(vd_used(&ends[0].d, TXQ, 0).len, 0);
	assert_true(ends[0].d.line);
	/* And back. */
	post_rx(&ends[0], 0, 2048);
	send(&ends[1], 0, 20);
	assert_int_equal(vd_used(&ends[0].d, RXQ, 0).len, 20);
	assert_got(&ends[0], 0, &ends[1], 0, 20);
	assert_int_equal(ends[0].port.stats.tx_bytes, 33);
	assert_int_equal(ends[1].port.stats.rx_bytes, 33);
	assert_int_equal(ends[0].port.stats.dropped + ends[1].port.stats.dropped, 0);
	/* vm3's end names vm1, whose end names vm2: nothing of it reached vm1. */
	send(&ends[2], 0, 10);
	assert_int_equal(vd_used_idx(&ends[0].d, RXQ), 1);
}

/* Buffers smaller than what came: filled in order, the rest into the next. */
static void test_across_buffers(void **state)
{
	(void)state;
	post_rx(&ends[1], 0, 4);
	post_rx(&ends[1], 1, 4);
	post_rx(&ends[1], 2, 4);
	send(&ends[0], 0, 10);
	assert_int_equal(vd_used_idx(&ends[1].d, RXQ), 3);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 0).len, 4);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 1).len, 4);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 2).len, 2);
	assert_got(&ends[1], 0, &ends[0], 0, 4);
	assert_got(&ends[1], 1, &ends[0], 4, 4);
	assert_got(&ends[1], 2, &ends[0], 8, 2);
}

/* No buffer: the bytes wait in the link until the peer posts one. */
static void test_waits_for_buffer(void **state)
{
	(void)state;
	send(&ends[0], 0, 100);
	send(&ends[0], 100, 50);
	assert_int_equal(vd_used_idx(&ends[1].d, RXQ), 0);
	assert_int_equal(vd_used_idx(&ends[0].d, TXQ), 2); /* the sender goes on */
	assert_int_equal(ends[0].port.count, 150);
	post_rx(&ends[1], 0, 2048);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 0).len, 150);
	assert_got(&ends[1], 0, &ends[0], 0, 150);
	assert_int_equal(ends[0].port.count, 0);
}

/* Past the link's end of room and back to its start, in order. */
static void test_buffer_wraps(void **state)
{
	(void)state;
	send(&ends[0], 0, 3000);
	post_rx(&ends[1], 0, 2048);
	post_rx(&ends[1], 1, 2048);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 1).len, 952);
	send(&ends[0], 3000, 3000); /* 1096 to the end of the buffer, 1904 from its start */
	post_rx(&ends[1], 2, 2048);
	post_rx(&ends[1], 3, 2048);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 2).len, 2048);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 3).len, 952);
	assert_got(&ends[1], 2, &ends[0], 3000, 2048);
	assert_got(&ends[1], 3, &ends[0], 5048, 952);
	assert_int_equal(ends[0].port.stats.dropped, 0);
}

/* More than the link holds while the peer has no buffer: the rest is dropped, counted. */
static void test_overflow_dropped(void **state)
{
	(void)state;
	send(&ends[0], 0, 3000);
	send(&ends[0], 3000, 3000);
	assert_int_equal(ends[0].port.count, VIRTIO_CONSOLE_LINK_BUF);
	assert_int_equal(ends[0].port.stats.dropped, 6000 - VIRTIO_CONSOLE_LINK_BUF);
	assert_int_equal(vd_used_idx(&ends[0].d, TXQ), 2);
	post_rx(&ends[1], 0, 2048);
	post_rx(&ends[1], 1, 2048);
	assert_got(&ends[1], 0, &ends[0], 0, 2048);
	assert_got(&ends[1], 1, &ends[0], 2048, 2048);
	/* Room again: the next bytes go through. */
	post_rx(&ends[1], 2, 2048);
	send(&ends[0], 9000, 10);
	assert_got(&ends[1], 2, &ends[0], 9000, 10);
}

/* A chain bigger than the link goes through whole when the peer takes it as it comes. */
static void test_big_chain_streams(void **state)
{
	u16 i;

	(void)state;
	for (i = 0; i < 4; i++)
		post_rx(&ends[1], i, 2048);
	send(&ends[0], 0, 6000);
	assert_int_equal(ends[0].port.stats.dropped, 0);
	assert_int_equal(ends[1].port.stats.rx_bytes, 6000);
	for (i = 0; i < 3; i++)
		assert_got(&ends[1], i, &ends[0], i * 2048u, i < 2 ? 2048 : 6000 - 4096);
}

/* The peer's driver is not running, or its VM not there: the bytes wait for it. */
static void test_peer_not_running(void **state)
{
	(void)state;
	vd_wr(&ends[1].d, VIRTIO_MMIO_STATUS, 0);
	send(&ends[0], 0, 40);
	virtio_mmio_detach(&ends[1].port.dev);
	send(&ends[0], 40, 40);
	assert_int_equal(ends[0].port.count, 80);
	assert_int_equal(virtio_mmio_attach(&ends[1].port.dev), 0);
	vd_up(&ends[1].d, 0);
	post_rx(&ends[1], 0, 2048);
	assert_int_equal(vd_used(&ends[1].d, RXQ, 0).len, 80);
	assert_got(&ends[1], 0, &ends[0], 0, 80);
}

/* A hostile sender: its own device stops, the link's other direction goes on. */
static void test_hostile_sender(void **state)
{
	(void)state;
	vd_desc(&ends[0].d, TXQ, 0, TX_AREA, 12, VIRTQ_DESC_F_NEXT, 1);
	vd_desc(&ends[0].d, TXQ, 1, TX_AREA, 60, VIRTQ_DESC_F_NEXT, 0); /* loops */
	vd_offer(&ends[0].d, TXQ, 0);
	vd_wr(&ends[0].d, VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
	assert_true(vd_rd(&ends[0].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(unit_capture_has(
	    "vm1 (vm): con0 (virtio-console): queue 1 refused: chain too long (a loop?)"));
	assert_false(vd_rd(&ends[1].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(ends[0].port.count, 0);
	/* vm2 still sends; it waits for vm1's reset. */
	send(&ends[1], 0, 5);
	vd_up(&ends[0].d, 0);
	post_rx(&ends[0], 0, 2048);
	assert_got(&ends[0], 0, &ends[1], 0, 5);
}

/* A hostile receiver: its receive ring points outside its RAM. Only it stops. */
static void test_hostile_receiver(void **state)
{
	(void)state;
	vd_desc(&ends[1].d, RXQ, 0, VD_RAM_GPA + VD_RAM_SIZE - 16, 2048, VIRTQ_DESC_F_WRITE, 0);
	vd_offer(&ends[1].d, RXQ, 0);
	send(&ends[0], 0, 30);
	assert_true(vd_rd(&ends[1].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(unit_capture_has(
	    "vm2 (vm): con0 (virtio-console): queue 0 refused: buffer outside the VM's RAM"));
	assert_false(vd_rd(&ends[0].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(vd_used_idx(&ends[0].d, TXQ), 1);
	assert_true(vd_rd(&ends[1].d, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
	/* The bytes are kept; its driver resets it and gets them. */
	assert_int_equal(ends[0].port.count, 30);
	vd_up(&ends[1].d, 0);
	post_rx(&ends[1], 0, 2048);
	assert_got(&ends[1], 0, &ends[0], 0, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_device, setup),
	    cmocka_unit_test_setup(test_line_both_ways, setup),
	    cmocka_unit_test_setup(test_across_buffers, setup),
	    cmocka_unit_test_setup(test_waits_for_buffer, setup),
	    cmocka_unit_test_setup(test_buffer_wraps, setup),
	    cmocka_unit_test_setup(test_overflow_dropped, setup),
	    cmocka_unit_test_setup(test_big_chain_streams, setup),
	    cmocka_unit_test_setup(test_peer_not_running, setup),
	    cmocka_unit_test_setup(test_hostile_sender, setup),
	    cmocka_unit_test_setup(test_hostile_receiver, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
