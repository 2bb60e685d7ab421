// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the virtio-mmio register model and the split
 * virtqueue walker (core/virtio_mmio.c, core/virtq.c): the input is a
 * driver's register writes followed by the contents of its RAM, so both
 * the queue set-up and the rings are hostile. A device that drains every
 * queue on notification copies each accepted chain out and in; ASan sees
 * the guest RAM as one exact allocation, so a segment that the walker let
 * out of it is a crash, and every segment is also checked here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/virtio_mmio.h>
#include <shyper/vm.h>

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x8000U
#define MAX_WRITES 96

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};
static u8 *ram;

static void check_chain(const struct virtq_chain *c)
{
	unsigned int i;

	for (i = 0; i < c->nr; i++)
		if (c->seg[i].host < ram || c->seg[i].host + c->seg[i].len > ram + RAM_SIZE)
			abort();
	if (c->out_len + c->in_len > VIRTQ_MAX_CHAIN_BYTES)
		abort();
}

static void drain(struct virtio_mmio *dev, unsigned int queue)
{
	static u8 bounce[2048];
	struct virtq *q = &dev->vq[queue];
	struct virtq_chain chain;
	struct virtq_error err;
	unsigned int n = 0;
	int res;

	while (n++ < 2 * VIRTQ_MAX_SIZE && (res = virtq_pop(dev->owner, q, &chain, &err)) == 1) {
		check_chain(&chain);
		virtq_copy_out(&chain, 0, bounce, sizeof(bounce));
		virtq_push(q, chain.head,
			   virtq_copy_in(&chain, 1, bounce, MIN(chain.in_len, sizeof(bounce))));
	}
	if (res < 0)
		virtio_mmio_refuse(dev, queue, &err);
}

static void drain0(struct virtio_mmio *dev)
{
	drain(dev, 0);
}

static void drain1(struct virtio_mmio *dev)
{
	drain(dev, 1);
}

static void no_line(struct virtio_mmio *dev, bool level)
{
}

static const struct virtio_device_ops fuzz_ops = {.name = "virtio-fuzz",
						  .device_id = 1,
						  .features = 1ULL << 5,
						  .nr_queues = 2,
						  .notify = {drain0, drain1}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vm_config vm = {.nr_mem = 1, .id = 1, .label = "fuzz"};
	struct virtio_mmio dev = {.ops = &fuzz_ops, .owner = &vm, .sub = "dev", .set_irq = no_line};
	size_t writes = size ? MIN((size_t)data[0], (size_t)MAX_WRITES) : 0, i;
	const uint8_t *w = data + 1;

	if (size < 1 + writes * 6)
		return 0;
	console_register(&sink);
	ram = calloc(1, RAM_SIZE);
	if (!ram)
		return 0;
	memcpy(ram, w + writes * 6, MIN(size - 1 - writes * 6, (size_t)RAM_SIZE));
	vm.mem[0] = (struct vm_mem){.gpa = RAM_GPA, .size = RAM_SIZE, .hpa = (uintptr_t)ram};
	for (i = 0; i < writes; i++, w += 6) {
		struct mmio_access acc = {.width = 4, .write = true};
		u64 offset = (w[0] | (u64)w[1] << 8) & 0x1fc;

		memcpy(&acc.value, w + 2, 4);
		/* Address registers: mostly inside the guest, so that the rings get walked. */
		if (offset >= VIRTIO_MMIO_QUEUE_DESC_LOW &&
		    offset <= VIRTIO_MMIO_QUEUE_DEVICE_HIGH && !(offset & 4) &&
		    (acc.value & 0x80000000U))
			acc.value = (u32)RAM_GPA + (acc.value & (RAM_SIZE - 1));
		virtio_mmio_access(&dev, &acc, offset);
	}
	for (i = 0; i < fuzz_ops.nr_queues; i++)
		if (dev.vq[i].ready && !(dev.status & VIRTIO_STATUS_NEEDS_RESET))
			drain(&dev, (unsigned int)i);
	free(ram);
	return 0;
}
