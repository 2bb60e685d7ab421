// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the virtio-net switch (core/virtio_net.c) with the
 * transport and the walker under it: two ports, each in its own guest RAM,
 * driven by the input through tests/fuzz/virtio_pair.c, so that both the
 * sender's transmit ring and the receiver's receive ring are hostile.
 */
#include <shyper/virtio_net.h>
#include "virtio_pair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct virtio_net_port ports[2];

static void init(unsigned int i)
{
	const u8 mac[6] = {2, 0, 0, 0, 0, (u8)(i + 1)};

	virtio_net_port_init(&ports[i], mac);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtio_mmio *dev[2] = {&ports[0].dev, &ports[1].dev};

	virtio_pair_run(data, size, dev, init);
	return 0;
}
