// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/virtio_blk.c: a disk of 64 sectors over a host buffer, driven by
 * the fake driver of tests/unit/common/virtio_driver.c. Reads and writes
 * reach the image at their sector, across segments; a read-only disk
 * offers VIRTIO_BLK_F_RO and fails writes with IOERR, leaving the image
 * as it was; requests past the end or of partial sectors fail; unknown
 * types are UNSUPP; a chain without header or status byte puts the device
 * into needs-reset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/virtio_blk.h>
#include <shyper/vm.h>
#include <unit.h>
#include <virtio_driver.h>

#define Q VIRTIO_BLK_REQQ
#define SECTORS 64
#define HDR VD_BUF(0)
#define DATA VD_BUF(1) /* two 2 KiB slots: up to 8 sectors */
#define STATUS VD_BUF(5)

static struct vdrv drv;
static struct virtio_blk_disk disk;
static u8 image[SECTORS * VIRTIO_BLK_SECTOR];

static void up(bool read_only)
{
	unsigned int i;

	unit_capture_start();
	for (i = 0; i < sizeof(image); i++)
		image[i] = (u8)(i * 13 + i / VIRTIO_BLK_SECTOR);
	vd_init(&drv, &disk.dev, 1, "disk0");
	virtio_blk_disk_init(&disk, image, sizeof(image), read_only);
	vd_up(&drv, 0);
}

static int setup_rw(void **state)
{
	(void)state;
	up(false);
	return 0;
}

static int setup_ro(void **state)
{
	(void)state;
	up(true);
	return 0;
}

/* Request @type at @sector with @len data bytes (readable for OUT, else writable): its status. */
static u8 request(u32 type, u64 sector, u32 len)
{
	u8 *hdr = vd_gpa(&drv, HDR), *status = vd_gpa(&drv, STATUS);
	u16 used = vd_used_idx(&drv, Q);
	u16 data_flags = type == VIRTIO_BLK_T_OUT ? 0 : VIRTQ_DESC_F_WRITE;

	memset(hdr, 0, VIRTIO_BLK_HDR_LEN);
	memcpy(hdr, &type, 4);
	memcpy(hdr + 8, &sector, 8);
	*status = 0xee;
	vd_desc(&drv, Q, 0, HDR, VIRTIO_BLK_HDR_LEN, VIRTQ_DESC_F_NEXT, 1);
	if (len) {
		/* Split in two segments, as a driver may. */
		vd_desc(&drv, Q, 1, DATA, len / 2, data_flags | VIRTQ_DESC_F_NEXT, 2);
		vd_desc(&drv, Q, 2, DATA + len / 2, len - len / 2, data_flags | VIRTQ_DESC_F_NEXT,
			3);
		vd_desc(&drv, Q, 3, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
	} else {
		vd_desc(&drv, Q, 1, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
	}
	vd_offer(&drv, Q, 0);
	vd_wr(&drv, VIRTIO_MMIO_QUEUE_NOTIFY, Q);
	assert_int_equal(vd_used_idx(&drv, Q), (u16)(used + 1));
	return *status;
}

static u32 used_len(void)
{
	return vd_used(&drv, Q, (u16)(vd_used_idx(&drv, Q) - 1)).len;
}

static u32 cfg32(u64 off)
{
	return vd_rd(&drv, VIRTIO_MMIO_CONFIG + off);
}

/* 5.2: device id 2, capacity in sectors, seg_max, FLUSH; RO only when read-only. */
static void test_device(void **state)
{
	(void)state;
	assert_int_equal(vd_rd(&drv, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_BLOCK);
	assert_int_equal(cfg32(0), SECTORS);
	assert_int_equal(cfg32(4), 0);
	assert_int_equal(cfg32(12), VIRTQ_MAX_SEGS - 2);
	vd_wr(&drv, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	assert_int_equal(vd_rd(&drv, VIRTIO_MMIO_DEVICE_FEATURES),
			 1U << VIRTIO_BLK_F_SEG_MAX | 1U << VIRTIO_BLK_F_FLUSH);
}

static void test_read(void **state)
{
	(void)state;
	assert_int_equal(request(VIRTIO_BLK_T_IN, 3, 2 * VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
	assert_memory_equal(vd_gpa(&drv, DATA), image + 3 * VIRTIO_BLK_SECTOR,
			    2 * VIRTIO_BLK_SECTOR);
	assert_int_equal(used_len(), 2 * VIRTIO_BLK_SECTOR + 1);
	assert_true(drv.line);
	/* The last sector is readable, the one after is not. */
	assert_int_equal(request(VIRTIO_BLK_T_IN, SECTORS - 1, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
	assert_int_equal(request(VIRTIO_BLK_T_IN, SECTORS - 1, 2 * VIRTIO_BLK_SECTOR),
			 VIRTIO_BLK_S_IOERR);
	assert_int_equal(request(VIRTIO_BLK_T_IN, ~0ULL, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_IOERR);
	assert_int_equal(request(VIRTIO_BLK_T_IN, 0, 100), VIRTIO_BLK_S_IOERR);
	assert_int_equal(used_len(), 1);
	assert_int_equal(disk.stats.reads, 2);
	assert_int_equal(disk.stats.errors, 3);
}

static void test_write(void **state)
{
	u8 *data = vd_gpa(&drv, DATA);
	u8 before[VIRTIO_BLK_SECTOR];

	(void)state;
	memset(data, 0x5a, 4 * VIRTIO_BLK_SECTOR);
	memcpy(before, image + 9 * VIRTIO_BLK_SECTOR, sizeof(before));
	assert_int_equal(request(VIRTIO_BLK_T_OUT, 5, 4 * VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
	assert_int_equal(used_len(), 1);
	assert_int_equal(image[5 * VIRTIO_BLK_SECTOR], 0x5a);
	assert_int_equal(image[9 * VIRTIO_BLK_SECTOR - 1], 0x5a);
	assert_memory_equal(image + 9 * VIRTIO_BLK_SECTOR, before, sizeof(before));
	/* Read back through the device. */
	memset(data, 0, 4 * VIRTIO_BLK_SECTOR);
	assert_int_equal(request(VIRTIO_BLK_T_IN, 6, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
	assert_int_equal(data[0], 0x5a);
	/* Past the end: nothing written. */
	assert_int_equal(request(VIRTIO_BLK_T_OUT, SECTORS, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_IOERR);
	assert_int_equal(disk.stats.writes, 1);
}

static void test_flush_id_unsupp(void **state)
{
	(void)state;
	assert_int_equal(request(VIRTIO_BLK_T_FLUSH, 0, 0), VIRTIO_BLK_S_OK);
	assert_int_equal(request(VIRTIO_BLK_T_GET_ID, 0, VIRTIO_BLK_ID_BYTES), VIRTIO_BLK_S_OK);
	assert_string_equal((char *)vd_gpa(&drv, DATA), "disk0");
	assert_int_equal(used_len(), VIRTIO_BLK_ID_BYTES + 1);
	assert_int_equal(request(11 /* DISCARD, not offered */, 0, 0), VIRTIO_BLK_S_UNSUPP);
}

static void test_read_only(void **state)
{
	u8 copy[sizeof(image)];

	(void)state;
	vd_wr(&drv, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	assert_true(vd_rd(&drv, VIRTIO_MMIO_DEVICE_FEATURES) & 1U << VIRTIO_BLK_F_RO);
	memcpy(copy, image, sizeof(image));
	memset(vd_gpa(&drv, DATA), 0x77, VIRTIO_BLK_SECTOR);
	assert_int_equal(request(VIRTIO_BLK_T_OUT, 0, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_IOERR);
	assert_memory_equal(image, copy, sizeof(image));
	assert_int_equal(request(VIRTIO_BLK_T_IN, 0, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
	assert_memory_equal(vd_gpa(&drv, DATA), image, VIRTIO_BLK_SECTOR);
}

/* No status byte, or a short header: the device stops and says why. */
static void test_malformed(void **state)
{
	(void)state;
	vd_desc(&drv, Q, 0, HDR, VIRTIO_BLK_HDR_LEN, 0, 0);
	vd_offer(&drv, Q, 0);
	vd_wr(&drv, VIRTIO_MMIO_QUEUE_NOTIFY, Q);
	assert_true(vd_rd(&drv, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	assert_true(unit_capture_has(
	    "vm1 (vm): disk0 (virtio-blk): queue 0 refused: request without a status byte"));
	vd_up(&drv, 0);
	vd_desc(&drv, Q, 0, HDR, 8, VIRTQ_DESC_F_NEXT, 1);
	vd_desc(&drv, Q, 1, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
	vd_offer(&drv, Q, 0);
	vd_wr(&drv, VIRTIO_MMIO_QUEUE_NOTIFY, Q);
	assert_true(vd_rd(&drv, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
	/* Reset, it serves again. */
	vd_up(&drv, 0);
	assert_int_equal(request(VIRTIO_BLK_T_IN, 0, VIRTIO_BLK_SECTOR), VIRTIO_BLK_S_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_device, setup_rw),
	    cmocka_unit_test_setup(test_read, setup_rw),
	    cmocka_unit_test_setup(test_write, setup_rw),
	    cmocka_unit_test_setup(test_flush_id_unsupp, setup_rw),
	    cmocka_unit_test_setup(test_read_only, setup_ro),
	    cmocka_unit_test_setup(test_malformed, setup_rw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
