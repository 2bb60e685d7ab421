// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/virtio_mmio.c as a driver sees it (virtio 1.2, 4.2.2/4.2.3): the
 * identity registers, feature negotiation that refuses legacy drivers,
 * queue set-up, notifications, the interrupt line, and needs-reset for
 * every malformed queue, reported once per device with the VM and the
 * sub-node, until the driver writes 0 to Status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/errno.h>
#include <shyper/virtio_mmio.h>
#include <shyper/vm.h>
#include <unit.h>

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x10000ULL

static u8 ram[RAM_SIZE] __attribute__((aligned(4096)));
static struct vm_config vm;
static struct virtio_mmio dev;
static unsigned int notified[VIRTIO_MMIO_MAX_QUEUES], resets, irq_changes;
static bool line;

static void echo_notify(struct virtio_mmio *d, unsigned int queue)
{
	notified[queue]++;
	virtio_mmio_interrupt(d, VIRTIO_INT_USED_BUFFER);
}

static void echo_queue0(struct virtio_mmio *d)
{
	echo_notify(d, 0);
}

static void echo_queue1(struct virtio_mmio *d)
{
	echo_notify(d, 1);
}

static void count_reset(struct virtio_mmio *d)
{
	resets++;
}

static const struct virtio_device_ops test_ops = {
    .name = "virtio-test",
    .device_id = 1,
    .features = 1ULL << 5,
    .nr_queues = 2,
    .notify = {echo_queue0, echo_queue1},
    .reset = count_reset,
};

static void set_line(struct virtio_mmio *d, bool level)
{
	line = level;
	irq_changes++;
}

static u32 rd(u64 offset)
{
	struct mmio_access acc = {.addr = offset, .width = 4};

	assert_int_equal(virtio_mmio_access(&dev, &acc, offset), 0);
	return (u32)acc.value;
}

static void wr(u64 offset, u32 val)
{
	struct mmio_access acc = {.addr = offset, .width = 4, .write = true, .value = val};

	assert_int_equal(virtio_mmio_access(&dev, &acc, offset), 0);
}

static int setup(void **state)
{
	(void)state;
	vm = (struct vm_config){.nr_mem = 1, .id = 3, .label = "linux"};
	vm.mem[0] = (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)ram};
	dev = (struct virtio_mmio){
	    .ops = &test_ops, .owner = &vm, .sub = "net0", .set_irq = set_line};
	memcpy(dev.config, "\x02\x00\x00\x00\x00\x07", 6);
	dev.config_size = 6;
	memset(notified, 0, sizeof(notified));
	resets = irq_changes = 0;
	line = false;
	unit_capture_start();
	return 0;
}

/* 3.1.1 steps 1-6: through FEATURES_OK with @features. */
static u32 negotiate(u64 features)
{
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (u32)features);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (u32)(features >> 32));
	wr(VIRTIO_MMIO_STATUS,
	   VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	return rd(VIRTIO_MMIO_STATUS);
}

static void setup_queue(u32 queue, u32 size, u64 desc)
{
	wr(VIRTIO_MMIO_QUEUE_SEL, queue);
	wr(VIRTIO_MMIO_QUEUE_NUM, size);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)desc);
	wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, (u32)(desc >> 32));
	wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)(desc + 0x1000));
	wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (u32)((desc + 0x1000) >> 32));
	wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)(desc + 0x2000));
	wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (u32)((desc + 0x2000) >> 32));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
}

static void bring_up(void)
{
	const u64 f = (1ULL << VIRTIO_F_VERSION_1) | (1ULL << 5);

	assert_true(negotiate(f) & VIRTIO_STATUS_FEATURES_OK);
	setup_queue(0, 64, RAM_GPA);
	setup_queue(1, 64, RAM_GPA + 0x4000);
	wr(VIRTIO_MMIO_STATUS, rd(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
	assert_true(virtio_mmio_live(&dev));
}

static void test_identity(void **state)
{
	(void)state;
	assert_int_equal(rd(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
	assert_int_equal(rd(VIRTIO_MMIO_VERSION), 2);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_ID), 1);
	assert_int_equal(rd(VIRTIO_MMIO_VENDOR_ID), VIRTIO_MMIO_VENDOR);
	assert_int_equal(rd(VIRTIO_MMIO_SHM_LEN_LOW), 0xffffffffU);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), 0);
}

static void test_device_features(void **state)
{
	(void)state;
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 1U << 5);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 1U << (VIRTIO_F_VERSION_1 - 32));
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);
}

static void test_legacy_driver_refused(void **state)
{
	(void)state;
	/* No VERSION_1: FEATURES_OK does not stick (3.1.1 step 6). */
	assert_false(negotiate(1ULL << 5) & VIRTIO_STATUS_FEATURES_OK);
}

static void test_unoffered_feature_refused(void **state)
{
	(void)state;
	assert_false(negotiate((1ULL << VIRTIO_F_VERSION_1) | (1ULL << 6)) &
		     VIRTIO_STATUS_FEATURES_OK);
}

static void test_features_fixed_after_ok(void **state)
{
	(void)state;
	assert_true(negotiate(1ULL << VIRTIO_F_VERSION_1) & VIRTIO_STATUS_FEATURES_OK);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, 0xffffffffU);
	assert_int_equal(dev.driver_features, 1ULL << VIRTIO_F_VERSION_1);
}

static void test_queue_setup(void **state)
{
	(void)state;
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTQ_MAX_SIZE);
	wr(VIRTIO_MMIO_QUEUE_SEL, 2);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0); /* no such queue */
	bring_up();
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 1);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM), 64);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_DESC_LOW), (u32)(RAM_GPA + 0x4000));
	/* A ready queue's layout cannot move under the device. */
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1000);
	wr(VIRTIO_MMIO_QUEUE_NUM, 8);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_DESC_LOW), (u32)(RAM_GPA + 0x4000));
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM), 64);
	assert_ptr_equal(dev.vq[1].desc, ram + 0x4000);
}

static void test_notify_and_interrupt(void **state)
{
	(void)state;
	bring_up();
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	assert_int_equal(notified[1], 1);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED_BUFFER);
	assert_true(line);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	assert_int_equal(irq_changes, 1); /* still high: no second edge */
	wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_USED_BUFFER);
	assert_false(line);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_false(unit_capture_has("refused"));
}

static void assert_needs_reset(const char *why)
{
	assert_true(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(unit_capture_has("vm3 (linux): net0 (virtio-test): queue"));
	assert_true(unit_capture_has(why));
}

static void test_bad_queue_size(void **state)
{
	(void)state;
	assert_true(negotiate(1ULL << VIRTIO_F_VERSION_1) & VIRTIO_STATUS_FEATURES_OK);
	setup_queue(0, 100, RAM_GPA);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 0);
	assert_needs_reset("queue size is not a power of two");
	/* Not live yet: no configuration interrupt. */
	assert_false(line);
}

static void test_ring_outside_ram(void **state)
{
	(void)state;
	assert_true(negotiate(1ULL << VIRTIO_F_VERSION_1) & VIRTIO_STATUS_FEATURES_OK);
	setup_queue(0, 64, RAM_GPA + RAM_SIZE - 0x1000);
	assert_needs_reset("available ring outside the VM's RAM");
}

static void test_notify_unconfigured(void **state)
{
	(void)state;
	assert_true(negotiate(1ULL << VIRTIO_F_VERSION_1) & VIRTIO_STATUS_FEATURES_OK);
	setup_queue(0, 64, RAM_GPA);
	wr(VIRTIO_MMIO_STATUS, rd(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 1); /* queue 1 was never made ready */
	assert_int_equal(notified[1], 0);
	assert_needs_reset("queue 1 refused: notification for a queue that is not ready");
	/* 2.1.2: a running driver hears of it as a configuration change. */
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
	assert_true(line);
}

static void test_notify_nonexistent_queue(void **state)
{
	(void)state;
	bring_up();
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0xffffffffU);
	assert_needs_reset("queue 4294967295 refused");
}

static void test_reported_once_then_reset(void **state)
{
	const char *first;

	(void)state;
	bring_up();
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 7);
	first = strstr(unit_capture_text(), "refused");
	assert_non_null(first);
	assert_null(strstr(first + 1, "refused")); /* once */
	/* Dead until reset: notifications do nothing, the driver's status writes keep the bit. */
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	assert_int_equal(notified[0], 0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 9);
	assert_int_equal(dev.refused, 1);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	assert_true(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Status 0: all back to reset, line down, and the device works again. */
	wr(VIRTIO_MMIO_STATUS, 0);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(resets, 1);
	assert_false(line);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 0);
	bring_up();
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	assert_int_equal(notified[0], 1);
	/* The next malformed queue is counted, not told again. */
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 5);
	assert_int_equal(dev.refused, 2);
	assert_true(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_null(strstr(first + 1, "refused"));
}

static void test_access_widths(void **state)
{
	struct mmio_access acc = {.width = 2};

	(void)state;
	/* Control registers: aligned 32-bit words only (4.2.2.2). */
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_STATUS), -EINVAL);
	acc.width = 4;
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_STATUS + 2), -EINVAL);
	acc.width = 8;
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_MAGIC_VALUE), -EINVAL);
	/* Configuration space: any width, read-only, zero beyond its end. */
	acc = (struct mmio_access){.width = 1};
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_CONFIG + 5), 0);
	assert_int_equal(acc.value, 7);
	acc = (struct mmio_access){.width = 4};
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_CONFIG), 0);
	assert_int_equal(acc.value, 2);
	acc = (struct mmio_access){.width = 4, .value = 0xdead};
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_CONFIG + 4), 0);
	assert_int_equal(acc.value, 0); /* straddles the end */
	acc = (struct mmio_access){.width = 1, .write = true, .value = 9};
	assert_int_equal(virtio_mmio_access(&dev, &acc, VIRTIO_MMIO_CONFIG), 0);
	assert_int_equal(dev.config[0], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_identity, setup),
	    cmocka_unit_test_setup(test_device_features, setup),
	    cmocka_unit_test_setup(test_legacy_driver_refused, setup),
	    cmocka_unit_test_setup(test_unoffered_feature_refused, setup),
	    cmocka_unit_test_setup(test_features_fixed_after_ok, setup),
	    cmocka_unit_test_setup(test_queue_setup, setup),
	    cmocka_unit_test_setup(test_notify_and_interrupt, setup),
	    cmocka_unit_test_setup(test_bad_queue_size, setup),
	    cmocka_unit_test_setup(test_ring_outside_ram, setup),
	    cmocka_unit_test_setup(test_notify_unconfigured, setup),
	    cmocka_unit_test_setup(test_notify_nonexistent_queue, setup),
	    cmocka_unit_test_setup(test_reported_once_then_reset, setup),
	    cmocka_unit_test_setup(test_access_widths, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
