// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/virtio_net.c: the switch between virtio-net ports, each driven
 * here by a small virtio driver in its own fake VM RAM (queue 0 receive,
 * queue 1 transmit, 5.1.2). Frames reach exactly the port their
 * destination names (every other port for broadcast), with the header
 * the driver expects; a frame with no receive buffer is dropped and
 * counted; a malformed ring stops only the device that owns it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/errno.h>
#include <shyper/virtio_net.h>
#include <shyper/vm.h>
#include <unit.h>
#include <virtio_driver.h>

struct fake {
	struct vdrv d;
	struct virtio_net_port port;
};

static struct fake vms[3];

/* One receive buffer of @len bytes in descriptor @i. */
static void post_rx(struct fake *f, u16 i, u32 len)
{
	vd_desc(&f->d, VIRTIO_NET_RXQ, i, VD_BUF(i), len, VIRTQ_DESC_F_WRITE, 0);
	vd_offer(&f->d, VIRTIO_NET_RXQ, i);
}

/* A frame to @dst: header and frame in two descriptors, as Linux without ANY_LAYOUT tricks. */
static void send(struct fake *f, u16 i, const u8 *dst, u32 len)
{
	u8 *frame = vd_gpa(&f->d, VD_BUF(8 + i) + 0x100);
	u32 n;

	memset(vd_gpa(&f->d, VD_BUF(8 + i)), 0, VIRTIO_NET_HDR_LEN);
	memcpy(frame, dst, 6);
	memcpy(frame + 6, f->port.mac, 6);
	for (n = 12; n < len; n++)
		frame[n] = (u8)(n ^ i);
	vd_desc(&f->d, VIRTIO_NET_TXQ, 2 * i, VD_BUF(8 + i), VIRTIO_NET_HDR_LEN, VIRTQ_DESC_F_NEXT,
		2 * i + 1);
	vd_desc(&f->d, VIRTIO_NET_TXQ, 2 * i + 1, VD_BUF(8 + i) + 0x100, len, 0, 0);
	vd_offer(&f->d, VIRTIO_NET_TXQ, 2 * i);
	vd_wr(&f->d, VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
}

static const u8 bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	unit_capture_start();
	for (i = 0; i < ARRAY_SIZE(vms); i++) {
		struct fake *f = &vms[i];
		const u8 mac[6] = {0x02, 0, 0, 0, 0, (u8)(i + 1)};

		if (f->port.dev.attached)
			virtio_mmio_detach(&f->port.dev);
		vd_init(&f->d, &f->port.dev, i + 1, "net0");
		virtio_net_port_init(&f->port, mac);
		assert_int_equal(virtio_mmio_attach(&f->port.dev), 0);
		vd_up(&f->d, 1ULL << VIRTIO_NET_F_MAC);
	}
	return 0;
}

static void test_config_space(void **state)
{
	struct mmio_access acc = {.width = 1};

	(void)state;
	assert_int_equal(vd_rd(&vms[0].d, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_NET);
	assert_int_equal(virtio_mmio_access(&vms[1].port.dev, &acc, VIRTIO_MMIO_CONFIG + 5), 0);
	assert_int_equal(acc.value, 2); /* 02:00:00:00:00:02 */
}

static void test_unicast(void **state)
{
	const u8 *got;
	u32 n;

	(void)state;
	post_rx(&vms[1], 0, 2048);
	post_rx(&vms[2], 0, 2048);
	send(&vms[0], 0, vms[1].port.mac, 100);
	/* vm2 has it, with a header of num_buffers 1 in front (5.1.6.4). */
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 1);
	assert_int_equal(vd_used(&vms[1].d, VIRTIO_NET_RXQ, 0).id, 0);
	assert_int_equal(vd_used(&vms[1].d, VIRTIO_NET_RXQ, 0).len, VIRTIO_NET_HDR_LEN + 100);
	got = vd_gpa(&vms[1].d, VD_BUF(0));
	assert_int_equal(got[10], 1);
	assert_int_equal(got[0], 0);
	assert_memory_equal(got + VIRTIO_NET_HDR_LEN, vd_gpa(&vms[0].d, VD_BUF(8) + 0x100), 100);
	for (n = 12; n < 100; n++)
		assert_int_equal(got[VIRTIO_NET_HDR_LEN + n], (u8)n);
	assert_true(vms[1].d.line);
	assert_int_equal(vd_rd(&vms[1].d, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED_BUFFER);
	/* vm3 not: the destination is vm2's. */
	assert_int_equal(vd_used_idx(&vms[2].d, VIRTIO_NET_RXQ), 0);
	assert_false(vms[2].d.line);
	/* The sender's buffer is given back, nothing written into it. */
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_TXQ), 1);
	assert_int_equal(vd_used(&vms[0].d, VIRTIO_NET_TXQ, 0).len, 0);
	assert_true(vms[0].d.line);
	assert_int_equal(vms[0].port.stats.tx_frames, 1);
	assert_int_equal(vms[1].port.stats.rx_frames, 1);
}

static void test_broadcast(void **state)
{
	(void)state;
	post_rx(&vms[0], 0, 2048);
	post_rx(&vms[1], 0, 2048);
	post_rx(&vms[2], 0, 2048);
	send(&vms[1], 0, bcast, 60);
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_RXQ), 1);
	assert_int_equal(vd_used_idx(&vms[2].d, VIRTIO_NET_RXQ), 1);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0); /* not back to the sender */
	assert_memory_equal(vd_gpa(&vms[2].d, VD_BUF(0)) + VIRTIO_NET_HDR_LEN, bcast, 6);
}

static void test_unknown_destination(void **state)
{
	static const u8 nobody[6] = {0x02, 0, 0, 0, 0, 0x77};

	(void)state;
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 0, nobody, 60);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0);
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_TXQ), 1);
}

static void test_no_rx_buffer(void **state)
{
	(void)state;
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vms[1].port.stats.rx_no_buffer, 1);
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_TXQ), 1); /* the sender goes on */
	/* The next frame, once a buffer is there, arrives. */
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 1, vms[1].port.mac, 60);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 1);
	assert_int_equal(vms[1].port.stats.rx_frames, 1);
}

static void test_rx_buffer_too_short(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 64);
	send(&vms[0], 0, vms[1].port.mac, 100);
	assert_int_equal(vms[1].port.stats.rx_too_short, 1);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 1);
	assert_int_equal(vd_used(&vms[1].d, VIRTIO_NET_RXQ, 0).len, 0);
}

static void test_receiver_not_running(void **state)
{
	(void)state;
	vd_wr(&vms[1].d, VIRTIO_MMIO_STATUS, 0); /* its driver went away */
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vms[1].port.stats.rx_no_buffer, 1);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0);
}

static void test_runt_and_giant(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 0, vms[1].port.mac, 13);
	assert_int_equal(vms[0].port.stats.tx_malformed, 1);
	send(&vms[0], 1, vms[1].port.mac, VIRTIO_NET_MAX_FRAME + 1);
	assert_int_equal(vms[0].port.stats.tx_malformed, 2);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0);
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_TXQ), 2);
}

/* A hostile sender: its own device stops; the others keep talking. */
static void test_hostile_sender(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	post_rx(&vms[1], 1, 2048);
	vd_desc(&vms[0].d, VIRTIO_NET_TXQ, 0, VD_BUF(8), 12, VIRTQ_DESC_F_NEXT, 1);
	vd_desc(&vms[0].d, VIRTIO_NET_TXQ, 1, VD_BUF(8), 60, VIRTQ_DESC_F_NEXT, 0); /* loops */
	vd_offer(&vms[0].d, VIRTIO_NET_TXQ, 0);
	vd_wr(&vms[0].d, VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
	assert_true(vd_rd(&vms[0].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(
	    unit_capture_has("vm1 (vm): net0 (virtio-net): queue 1 refused: chain too long"));
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0);
	send(&vms[2], 0, vms[1].port.mac, 60);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 1);
	assert_false(vd_rd(&vms[1].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_false(vd_rd(&vms[2].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Frames to the stopped port are dropped, counted. */
	send(&vms[2], 1, vms[0].port.mac, 60);
	assert_int_equal(vms[0].port.stats.rx_no_buffer, 1);
	/* Its driver resets it: it works again. */
	vd_up(&vms[0].d, 1ULL << VIRTIO_NET_F_MAC);
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 2);
}

/* A hostile receiver: its receive ring points outside its RAM. Only it stops. */
static void test_hostile_receiver(void **state)
{
	(void)state;
	vd_desc(&vms[1].d, VIRTIO_NET_RXQ, 0, VD_RAM_GPA + VD_RAM_SIZE - 16, 2048,
		VIRTQ_DESC_F_WRITE, 0);
	vd_offer(&vms[1].d, VIRTIO_NET_RXQ, 0);
	post_rx(&vms[2], 0, 2048);
	send(&vms[0], 0, bcast, 60);
	assert_true(vd_rd(&vms[1].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(
	    unit_capture_has("vm2 (vm): net0 (virtio-net): queue 0 refused: buffer outside"));
	assert_false(vd_rd(&vms[0].d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(vd_used_idx(&vms[0].d, VIRTIO_NET_TXQ), 1);
	assert_int_equal(vd_used_idx(&vms[2].d, VIRTIO_NET_RXQ), 1);
	/* 2.1.2: the running driver hears of it. */
	assert_true(vd_rd(&vms[1].d, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
}

/* Header and frame in one descriptor (any layout, VERSION_1). */
static void test_one_descriptor(void **state)
{
	u8 *buf = vd_gpa(&vms[0].d, VD_BUF(8));

	(void)state;
	post_rx(&vms[1], 0, 2048);
	memset(buf, 0, VIRTIO_NET_HDR_LEN);
	memcpy(buf + VIRTIO_NET_HDR_LEN, vms[1].port.mac, 6);
	memset(buf + VIRTIO_NET_HDR_LEN + 6, 0xab, 54);
	vd_desc(&vms[0].d, VIRTIO_NET_TXQ, 0, VD_BUF(8), VIRTIO_NET_HDR_LEN + 60, 0, 0);
	vd_offer(&vms[0].d, VIRTIO_NET_TXQ, 0);
	vd_wr(&vms[0].d, VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
	assert_int_equal(vd_used(&vms[1].d, VIRTIO_NET_RXQ, 0).len, VIRTIO_NET_HDR_LEN + 60);
	assert_memory_equal(vd_gpa(&vms[1].d, VD_BUF(0)) + VIRTIO_NET_HDR_LEN,
			    buf + VIRTIO_NET_HDR_LEN, 60);
}

static void test_detached(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	virtio_mmio_detach(&vms[1].port.dev);
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vd_used_idx(&vms[1].d, VIRTIO_NET_RXQ), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_config_space, setup),
	    cmocka_unit_test_setup(test_unicast, setup),
	    cmocka_unit_test_setup(test_broadcast, setup),
	    cmocka_unit_test_setup(test_unknown_destination, setup),
	    cmocka_unit_test_setup(test_no_rx_buffer, setup),
	    cmocka_unit_test_setup(test_rx_buffer_too_short, setup),
	    cmocka_unit_test_setup(test_receiver_not_running, setup),
	    cmocka_unit_test_setup(test_runt_and_giant, setup),
	    cmocka_unit_test_setup(test_hostile_sender, setup),
	    cmocka_unit_test_setup(test_hostile_receiver, setup),
	    cmocka_unit_test_setup(test_one_descriptor, setup),
	    cmocka_unit_test_setup(test_detached, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
