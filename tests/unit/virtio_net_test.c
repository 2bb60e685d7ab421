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

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x10000U
#define QSIZE 8
/* Driver layout in its RAM: queue n's rings at 0x1000 + n * 0x3000, buffers from 0x8000. */
#define RING(q) (RAM_GPA + 0x1000 + (q)*0x3000)
#define BUF(n) (RAM_GPA + 0x8000 + (n)*0x800)

struct fake {
	struct vm_config vm;
	struct virtio_net_port port;
	u8 ram[RAM_SIZE] __attribute__((aligned(4096)));
	u16 avail[2];
	bool line;
};

static struct fake vms[3];

static void *gpa(struct fake *f, u64 a)
{
	return f->ram + (a - RAM_GPA);
}

static void set_line(struct virtio_mmio *dev, bool level)
{
	struct fake *f = (struct fake *)((u8 *)dev - offsetof(struct fake, port.dev));

	f->line = level;
}

static u32 rd(struct fake *f, u64 off)
{
	struct mmio_access acc = {.width = 4};

	assert_int_equal(virtio_mmio_access(&f->port.dev, &acc, off), 0);
	return (u32)acc.value;
}

static void wr(struct fake *f, u64 off, u32 val)
{
	struct mmio_access acc = {.width = 4, .write = true, .value = val};

	assert_int_equal(virtio_mmio_access(&f->port.dev, &acc, off), 0);
}

static void queue_up(struct fake *f, u32 q)
{
	wr(f, VIRTIO_MMIO_QUEUE_SEL, q);
	wr(f, VIRTIO_MMIO_QUEUE_NUM, QSIZE);
	wr(f, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)RING(q));
	wr(f, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)RING(q) + 0x1000);
	wr(f, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)RING(q) + 0x2000);
	wr(f, VIRTIO_MMIO_QUEUE_READY, 1);
}

/* 3.1.1, as Linux does it: reset, negotiate VERSION_1 + MAC, queues, DRIVER_OK. */
static void driver_up(struct fake *f)
{
	memset(f->ram, 0, sizeof(f->ram));
	memset(f->avail, 0, sizeof(f->avail));
	wr(f, VIRTIO_MMIO_STATUS, 0);
	wr(f, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES, 1U << VIRTIO_NET_F_MAC);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES, 1U << (VIRTIO_F_VERSION_1 - 32));
	wr(f, VIRTIO_MMIO_STATUS, rd(f, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_FEATURES_OK);
	assert_true(rd(f, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK);
	queue_up(f, VIRTIO_NET_RXQ);
	queue_up(f, VIRTIO_NET_TXQ);
	wr(f, VIRTIO_MMIO_STATUS, rd(f, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
}

static void set_desc(struct fake *f, u32 q, u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
	struct virtq_desc *d = gpa(f, RING(q));

	d[i] = (struct virtq_desc){addr, len, flags, next};
}

static void offer(struct fake *f, u32 q, u16 head)
{
	u16 *avail = gpa(f, RING(q) + 0x1000);

	avail[2 + f->avail[q] % QSIZE] = head;
	avail[1] = ++f->avail[q];
}

static u16 used_idx(struct fake *f, u32 q)
{
	return ((u16 *)gpa(f, RING(q) + 0x2000))[1];
}

static struct virtq_used_elem used(struct fake *f, u32 q, u16 n)
{
	return ((struct virtq_used_elem *)gpa(f, RING(q) + 0x2004))[n % QSIZE];
}

/* One receive buffer of @len bytes in descriptor @i. */
static void post_rx(struct fake *f, u16 i, u32 len)
{
	set_desc(f, VIRTIO_NET_RXQ, i, BUF(i), len, VIRTQ_DESC_F_WRITE, 0);
	offer(f, VIRTIO_NET_RXQ, i);
}

/* A frame to @dst: header and frame in two descriptors, as Linux without ANY_LAYOUT tricks. */
static void send(struct fake *f, u16 i, const u8 *dst, u32 len)
{
	u8 *frame = gpa(f, BUF(8 + i) + 0x100);
	u32 n;

	memset(gpa(f, BUF(8 + i)), 0, VIRTIO_NET_HDR_LEN);
	memcpy(frame, dst, 6);
	memcpy(frame + 6, f->port.mac, 6);
	for (n = 12; n < len; n++)
		frame[n] = (u8)(n ^ i);
	set_desc(f, VIRTIO_NET_TXQ, 2 * i, BUF(8 + i), VIRTIO_NET_HDR_LEN, VIRTQ_DESC_F_NEXT,
		 2 * i + 1);
	set_desc(f, VIRTIO_NET_TXQ, 2 * i + 1, BUF(8 + i) + 0x100, len, 0, 0);
	offer(f, VIRTIO_NET_TXQ, 2 * i);
	wr(f, VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
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

		if (f->port.attached)
			virtio_net_detach(&f->port);
		memset(f, 0, sizeof(*f));
		f->vm = (struct vm_config){.nr_mem = 1, .id = i + 1, .label = "vm"};
		f->vm.mem[0] =
		    (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)f->ram};
		f->port.dev =
		    (struct virtio_mmio){.owner = &f->vm, .sub = "net0", .set_irq = set_line};
		virtio_net_port_init(&f->port, mac);
		assert_int_equal(virtio_net_attach(&f->port), 0);
		driver_up(f);
	}
	return 0;
}

static void test_config_space(void **state)
{
	struct mmio_access acc = {.width = 1};

	(void)state;
	assert_int_equal(rd(&vms[0], VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_NET);
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
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 1);
	assert_int_equal(used(&vms[1], VIRTIO_NET_RXQ, 0).id, 0);
	assert_int_equal(used(&vms[1], VIRTIO_NET_RXQ, 0).len, VIRTIO_NET_HDR_LEN + 100);
	got = gpa(&vms[1], BUF(0));
	assert_int_equal(got[10], 1);
	assert_int_equal(got[0], 0);
	assert_memory_equal(got + VIRTIO_NET_HDR_LEN, gpa(&vms[0], BUF(8) + 0x100), 100);
	for (n = 12; n < 100; n++)
		assert_int_equal(got[VIRTIO_NET_HDR_LEN + n], (u8)n);
	assert_true(vms[1].line);
	assert_int_equal(rd(&vms[1], VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED_BUFFER);
	/* vm3 not: the destination is vm2's. */
	assert_int_equal(used_idx(&vms[2], VIRTIO_NET_RXQ), 0);
	assert_false(vms[2].line);
	/* The sender's buffer is given back, nothing written into it. */
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_TXQ), 1);
	assert_int_equal(used(&vms[0], VIRTIO_NET_TXQ, 0).len, 0);
	assert_true(vms[0].line);
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
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_RXQ), 1);
	assert_int_equal(used_idx(&vms[2], VIRTIO_NET_RXQ), 1);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0); /* not back to the sender */
	assert_memory_equal(gpa(&vms[2], BUF(0)) + VIRTIO_NET_HDR_LEN, bcast, 6);
}

static void test_unknown_destination(void **state)
{
	static const u8 nobody[6] = {0x02, 0, 0, 0, 0, 0x77};

	(void)state;
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 0, nobody, 60);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0);
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_TXQ), 1);
}

static void test_no_rx_buffer(void **state)
{
	(void)state;
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vms[1].port.stats.rx_no_buffer, 1);
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_TXQ), 1); /* the sender goes on */
	/* The next frame, once a buffer is there, arrives. */
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 1, vms[1].port.mac, 60);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 1);
	assert_int_equal(vms[1].port.stats.rx_frames, 1);
}

static void test_rx_buffer_too_short(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 64);
	send(&vms[0], 0, vms[1].port.mac, 100);
	assert_int_equal(vms[1].port.stats.rx_too_short, 1);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 1);
	assert_int_equal(used(&vms[1], VIRTIO_NET_RXQ, 0).len, 0);
}

static void test_receiver_not_running(void **state)
{
	(void)state;
	wr(&vms[1], VIRTIO_MMIO_STATUS, 0); /* its driver went away */
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(vms[1].port.stats.rx_no_buffer, 1);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0);
}

static void test_runt_and_giant(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	send(&vms[0], 0, vms[1].port.mac, 13);
	assert_int_equal(vms[0].port.stats.tx_malformed, 1);
	send(&vms[0], 1, vms[1].port.mac, VIRTIO_NET_MAX_FRAME + 1);
	assert_int_equal(vms[0].port.stats.tx_malformed, 2);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0);
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_TXQ), 2);
}

/* A hostile sender: its own device stops; the others keep talking. */
static void test_hostile_sender(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	post_rx(&vms[1], 1, 2048);
	set_desc(&vms[0], VIRTIO_NET_TXQ, 0, BUF(8), 12, VIRTQ_DESC_F_NEXT, 1);
	set_desc(&vms[0], VIRTIO_NET_TXQ, 1, BUF(8), 60, VIRTQ_DESC_F_NEXT, 0); /* loops */
	offer(&vms[0], VIRTIO_NET_TXQ, 0);
	wr(&vms[0], VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
	assert_true(rd(&vms[0], VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(
	    unit_capture_has("vm1 (vm): net0 (virtio-net): queue 1 refused: chain too long"));
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0);
	send(&vms[2], 0, vms[1].port.mac, 60);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 1);
	assert_false(rd(&vms[1], VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_false(rd(&vms[2], VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Frames to the stopped port are dropped, counted. */
	send(&vms[2], 1, vms[0].port.mac, 60);
	assert_int_equal(vms[0].port.stats.rx_no_buffer, 1);
	/* Its driver resets it: it works again. */
	driver_up(&vms[0]);
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 2);
}

/* A hostile receiver: its receive ring points outside its RAM. Only it stops. */
static void test_hostile_receiver(void **state)
{
	(void)state;
	set_desc(&vms[1], VIRTIO_NET_RXQ, 0, RAM_GPA + RAM_SIZE - 16, 2048, VIRTQ_DESC_F_WRITE, 0);
	offer(&vms[1], VIRTIO_NET_RXQ, 0);
	post_rx(&vms[2], 0, 2048);
	send(&vms[0], 0, bcast, 60);
	assert_true(rd(&vms[1], VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(
	    unit_capture_has("vm2 (vm): net0 (virtio-net): queue 0 refused: buffer outside"));
	assert_false(rd(&vms[0], VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(used_idx(&vms[0], VIRTIO_NET_TXQ), 1);
	assert_int_equal(used_idx(&vms[2], VIRTIO_NET_RXQ), 1);
	/* 2.1.2: the running driver hears of it. */
	assert_true(rd(&vms[1], VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_INT_CONFIG);
}

/* Header and frame in one descriptor (any layout, VERSION_1). */
static void test_one_descriptor(void **state)
{
	u8 *buf = gpa(&vms[0], BUF(8));

	(void)state;
	post_rx(&vms[1], 0, 2048);
	memset(buf, 0, VIRTIO_NET_HDR_LEN);
	memcpy(buf + VIRTIO_NET_HDR_LEN, vms[1].port.mac, 6);
	memset(buf + VIRTIO_NET_HDR_LEN + 6, 0xab, 54);
	set_desc(&vms[0], VIRTIO_NET_TXQ, 0, BUF(8), VIRTIO_NET_HDR_LEN + 60, 0, 0);
	offer(&vms[0], VIRTIO_NET_TXQ, 0);
	wr(&vms[0], VIRTIO_MMIO_QUEUE_NOTIFY, VIRTIO_NET_TXQ);
	assert_int_equal(used(&vms[1], VIRTIO_NET_RXQ, 0).len, VIRTIO_NET_HDR_LEN + 60);
	assert_memory_equal(gpa(&vms[1], BUF(0)) + VIRTIO_NET_HDR_LEN, buf + VIRTIO_NET_HDR_LEN,
			    60);
}

static void test_detached(void **state)
{
	(void)state;
	post_rx(&vms[1], 0, 2048);
	virtio_net_detach(&vms[1].port);
	send(&vms[0], 0, vms[1].port.mac, 60);
	assert_int_equal(used_idx(&vms[1], VIRTIO_NET_RXQ), 0);
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
