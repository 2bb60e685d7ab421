// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over virtio-blk request handling (core/virtio_blk.c)
 * with the transport and the walker under it: two disks, one read-write
 * and one read-only, each in its own guest RAM, driven by the input
 * through tests/fuzz/virtio_pair.c, so that headers, sectors, lengths and
 * chain layouts are all hostile. The images sit between guard bytes that
 * must never change, and the read-only one must stay as it was. Each
 * input starts from fresh images, so that a crash replays from its input
 * alone.
 */
#include <stdlib.h>
#include <string.h>
#include <shyper/virtio_blk.h>
#include "virtio_pair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IMAGE (16 * VIRTIO_BLK_SECTOR)
#define GUARD 64

static struct virtio_blk_disk disks[2];
static u8 images[2][GUARD + IMAGE + GUARD];

static u8 pattern(size_t i)
{
	return (u8)(i * 31 + 7);
}

static void init(unsigned int i)
{
	size_t n;

	for (n = 0; n < sizeof(images[i]); n++)
		images[i][n] = pattern(n);
	virtio_blk_disk_init(&disks[i], images[i] + GUARD, IMAGE, i == 1);
}

static void check(unsigned int i, bool whole)
{
	size_t n;

	for (n = 0; n < sizeof(images[i]); n++)
		if ((whole || n < GUARD || n >= GUARD + IMAGE) && images[i][n] != pattern(n))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtio_mmio *dev[2] = {&disks[0].dev, &disks[1].dev};

	virtio_pair_run(data, size, dev, init);
	check(0, false);
	check(1, true);
	return 0;
}
