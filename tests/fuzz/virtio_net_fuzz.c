// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the virtio-net switch (core/virtio_net.c) with the
 * transport and the walker under it: two ports, each in its own guest RAM
 * (one exact allocation each, so ASan sees any byte written outside it),
 * each driven by register writes from the input; the RAM contents come
 * from the input too, so both the sender's transmit ring and the
 * receiver's receive ring are hostile. Input: per port, a count byte and
 * that many 6-byte writes (offset, value), then both RAMs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/virtio_net.h>
#include <shyper/vm.h>

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x4000U
#define MAX_WRITES 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};

struct side {
	struct vm_config vm;
	struct virtio_net_port port;
	u8 *ram;
};

static void no_line(struct virtio_mmio *dev, bool level)
{
}

/* Apply one port's writes; address registers mostly land in its RAM. */
static const uint8_t *drive(struct side *s, const uint8_t *p, const uint8_t *end)
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
		virtio_mmio_access(&s->port.dev, &acc, offset);
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 macs[2][6] = {{2, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 2}};
	struct side sides[2];
	const uint8_t *p = data, *end = data + size;
	size_t left;
	int i;

	console_register(&sink);
	memset(sides, 0, sizeof(sides));
	for (i = 0; i < 2; i++) {
		struct side *s = &sides[i];

		s->ram = calloc(1, RAM_SIZE);
		if (!s->ram)
			abort();
		s->vm = (struct vm_config){.nr_mem = 1, .id = (u32)i + 1, .label = "fuzz"};
		s->vm.mem[0] =
		    (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)s->ram};
		s->port.dev =
		    (struct virtio_mmio){.owner = &s->vm, .sub = "net0", .set_irq = no_line};
		virtio_net_port_init(&s->port, macs[i]);
		virtio_mmio_attach(&s->port.dev);
	}
	p = drive(&sides[0], p, end);
	p = drive(&sides[1], p, end);
	for (i = 0; i < 2 && p < end; i++) {
		left = MIN((size_t)(end - p), (size_t)RAM_SIZE);
		memcpy(sides[i].ram, p, left);
		p += left;
	}
	/* Both transmit (the drivers may have notified already, before their rings were filled). */
	for (i = 0; i < 2; i++) {
		struct mmio_access kick = {.width = 4, .write = true, .value = VIRTIO_NET_TXQ};

		virtio_mmio_access(&sides[i].port.dev, &kick, VIRTIO_MMIO_QUEUE_NOTIFY);
	}
	for (i = 0; i < 2; i++) {
		virtio_mmio_detach(&sides[i].port.dev);
		free(sides[i].ram);
	}
	return 0;
}
