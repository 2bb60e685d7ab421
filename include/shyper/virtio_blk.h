/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * virtio-blk disks backed by an image the bootloader loaded
 * (core/virtio_blk.c). Each disk is a virtio-blk device (virtio 1.2,
 * section 5.2) of one VM with one request queue. Its capacity is the
 * image's size in 512-byte sectors; a read-only disk offers
 * VIRTIO_BLK_F_RO and fails writes. Requests are served on the CPU of the
 * VM that notified, by copying between the image and the request's
 * checked buffers (core/virtq.c); a request whose chain has no room for
 * its header or status byte puts the device into needs-reset.
 */
#ifndef SHYPER_VIRTIO_BLK_H
#define SHYPER_VIRTIO_BLK_H

#include <shyper/virtio.h>
#include <shyper/virtio_mmio.h>

/* 5.2.1-5.2.6 */
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_BLK_REQQ 0
#define VIRTIO_BLK_SECTOR VIRTIO_DISK_SECTOR
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_ID_BYTES 20
/* The request header: type, reserved, sector (5.2.6). */
#define VIRTIO_BLK_HDR_LEN 16
/* struct virtio_blk_config up to seg_max: capacity, size_max, seg_max. */
#define VIRTIO_BLK_CONFIG_LEN 16

/**
 * struct virtio_blk_stats - what one disk did, for tests and messages
 */
struct virtio_blk_stats {
	u64 reads;
	u64 writes;
	u64 errors;
};

/**
 * struct virtio_blk_disk - one disk: its device, the image (host bytes
 * the hypervisor can read and write), its size and access, its counters
 */
struct virtio_blk_disk {
	struct virtio_mmio dev;
	u8 *image;
	u64 size;
	bool read_only;
	struct virtio_blk_stats stats;
};

/**
 * virtio_blk_disk_init() - make @disk a virtio-blk device serving the
 * @size bytes at @image, read-only if @read_only; the caller fills
 * @disk->dev's owner, names and line first.
 */
void virtio_blk_disk_init(struct virtio_blk_disk *disk, void *image, u64 size, bool read_only);

#endif
