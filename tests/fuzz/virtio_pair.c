// SPDX-License-Identifier: GPL-2.0-only
/*
 * The two-device harness of tests/fuzz/virtio_pair.h. Each VM's RAM is one
 * exact allocation, so ASan sees any byte written outside it.
 */
#include <stdlib.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/vm.h>
#include "virtio_pair.h"

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x4000U
#define MAX_WRITES 64

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};

static void no_line(struct virtio_mmio *dev, bool level)
{
}

/* Apply one device's writes; address registers mostly land in its RAM. */
static const uint8_t *drive(struct virtio_mmio *dev, const uint8_t *p, const uint8_t *end)
{
	size_t n = 0, i;

	if (p < end)
		n = MIN((size_t)*p, (size_t)MAX_WRITES), p++; /* MIN() evaluates twice */

	for (i = 0; i < n && end - p >= 6; i++, p += 6) {
		struct mmio_access acc = {.width = 4, .write = true};
		u64 offset = (p[0] | (u64)p[1] << 8) & 0xfc;

		memcpy(&acc.value, p + 2, 4);
		if (offset >= VIRTIO_MMIO_QUEUE_DESC_LOW &&
		    offset <= VIRTIO_MMIO_QUEUE_DEVICE_HIGH && !(offset & 4) &&
		    (acc.value & 0x80000000U))
			acc.value = (u32)RAM_GPA + (acc.value & (RAM_SIZE - 1));
		virtio_mmio_access(dev, &acc, offset);
	}
	return p;
}

void virtio_pair_run(const uint8_t *data, size_t size, struct virtio_mmio *dev[2],
		     void (*init)(unsigned int i))
{
	static struct vm_config vms[2];
	u8 *ram[2];
	const uint8_t *p = data, *end = data + size;
	size_t left;
	unsigned int i, q;

	console_register(&sink);
	for (i = 0; i < 2; i++) {
		ram[i] = calloc(1, RAM_SIZE);
		if (!ram[i])
			abort();
		vms[i] = (struct vm_config){.nr_mem = 1, .id = i + 1, .label = "fuzz"};
		vms[i].mem[0] =
		    (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)ram[i]};
		*dev[i] = (struct virtio_mmio){.owner = &vms[i], .sub = "dev0", .set_irq = no_line};
		init(i);
		virtio_mmio_attach(dev[i]);
	}
	p = drive(dev[0], p, end);
	p = drive(dev[1], p, end);
	for (i = 0; i < 2 && p < end; i++) {
		left = MIN((size_t)(end - p), (size_t)RAM_SIZE);
		memcpy(ram[i], p, left);
		p += left;
	}
	/* Every queue (the drivers may have notified already, before their rings were filled). */
	for (i = 0; i < 2; i++)
		for (q = 0; q < VIRTIO_MMIO_MAX_QUEUES; q++) {
			struct mmio_access kick = {.width = 4, .write = true, .value = q};

			virtio_mmio_access(dev[i], &kick, VIRTIO_MMIO_QUEUE_NOTIFY);
		}
	for (i = 0; i < 2; i++) {
		virtio_mmio_detach(dev[i]);
		free(ram[i]);
	}
}
