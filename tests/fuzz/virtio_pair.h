/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two emulated virtio devices of one type, each of its own fake VM (ids 1
 * and 2), both driven by a libFuzzer input (tests/fuzz/virtio_pair.c): the
 * harness of the device-type targets (virtio_net_fuzz.c,
 * virtio_console_fuzz.c), so that one input format and its seeds serve
 * every type.
 */
#ifndef FUZZ_VIRTIO_PAIR_H
#define FUZZ_VIRTIO_PAIR_H

#include <stddef.h>
#include <stdint.h>
#include <shyper/virtio_mmio.h>

/**
 * virtio_pair_run() - one input: @dev[0] and @dev[1] get owner, name and
 * line, then @init(i) makes @dev[i] a device of the type; each is
 * attached, driven by the input's register writes (per device, a count
 * byte and that many 6-byte writes: offset, value), its RAM filled from
 * the rest of the input (both rings hostile), every queue of both
 * notified, and both detached
 */
void virtio_pair_run(const uint8_t *data, size_t size, struct virtio_mmio *dev[2],
		     void (*init)(unsigned int i));

#endif
