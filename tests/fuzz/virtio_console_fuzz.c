// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over a virtio-console link (core/virtio_console.c)
 * with the transport and the walker under it: the two ends, each in its
 * own guest RAM, driven by the input through tests/fuzz/virtio_pair.c, so
 * that the sender's transmit ring, the receiver's receive ring and the
 * link's buffer between them all see hostile input. Each input starts
 * from empty links, so that a crash replays from its input alone.
 */
#include <shyper/virtio_console.h>
#include "virtio_pair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct virtio_console_port ends[2];

static void init(unsigned int i)
{
	virtio_console_port_init(&ends[i], 2 - i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtio_mmio *dev[2] = {&ends[0].dev, &ends[1].dev};

	virtio_pair_run(data, size, dev, init);
	return 0;
}
