// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtio-mmio register model (include/shyper/virtio_mmio.h), for
 * every device type. It runs on the CPU of the vCPU that accessed the
 * page; the caller holds the lock that serialises virtio emulation.
 */
#define pr_fmt(fmt) "virtio: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/guest_fault.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/virtio_mmio.h>
#include <shyper/vm.h>

static void update_line(struct virtio_mmio *dev)
{
	bool level = dev->int_status != 0;

	if (level == dev->level)
		return;
	dev->level = level;
	dev->set_irq(dev, level);
}

void virtio_mmio_interrupt(struct virtio_mmio *dev, u32 bits)
{
	dev->int_status |= bits;
	update_line(dev);
}

static void report(struct virtio_mmio *dev, unsigned int queue, const struct virtq_error *err)
{
	const struct vm_config *vm = dev->owner;
	u64 told = 0;
	enum ratelimit_verdict v = ratelimit_event(&dev->report, timer_ticks(),
						   GUEST_FAULT_WINDOW_S * timer_freq(), &told);

	if (v == RATELIMIT_FIRST)
		pr_warn("vm%u (%s): %s (%s): queue %u refused: %s (index %u, address 0x%llx); "
			"device needs reset, further ones are counted\n",
			vm->id, vm->label, dev->sub, dev->ops->name, queue, err->what, err->index,
			(unsigned long long)err->addr);
	else if (v == RATELIMIT_SUMMARY)
		pr_warn("vm%u (%s): %s (%s): %llu more rings refused, last: %s\n", vm->id,
			vm->label, dev->sub, dev->ops->name, (unsigned long long)told, err->what);
}

void virtio_mmio_refuse(struct virtio_mmio *dev, unsigned int queue, const struct virtq_error *err)
{
	dev->refused++;
	report(dev, queue, err);
	if (dev->status & VIRTIO_STATUS_NEEDS_RESET)
		return;
	dev->status |= VIRTIO_STATUS_NEEDS_RESET;
	/* 2.1.2: a driver that is running hears of it as a configuration change. */
	if (dev->status & VIRTIO_STATUS_DRIVER_OK)
		virtio_mmio_interrupt(dev, VIRTIO_INT_CONFIG);
}

int virtio_mmio_pop(struct virtio_mmio *dev, unsigned int queue, struct virtq_chain *chain)
{
	struct virtq_error err;
	int res = virtq_pop(dev->owner, &dev->vq[queue], chain, &err);

	if (res < 0)
		virtio_mmio_refuse(dev, queue, &err);
	return res;
}

/* Status 0: everything back to its reset value (2.4, 4.2.3.1). */
static void device_reset(struct virtio_mmio *dev)
{
	unsigned int i;

	dev->status = 0;
	dev->device_features_sel = dev->driver_features_sel = 0;
	dev->driver_features = 0;
	dev->queue_sel = 0;
	dev->int_status = 0;
	for (i = 0; i < VIRTIO_MMIO_MAX_QUEUES; i++)
		virtq_reset(&dev->vq[i]);
	update_line(dev);
	if (dev->ops->reset)
		dev->ops->reset(dev);
}

static u64 offered(const struct virtio_mmio *dev)
{
	return dev->ops->features | (1ULL << VIRTIO_F_VERSION_1);
}

/*
 * FEATURES_OK is kept only for a subset of what is offered that includes
 * VERSION_1 (a legacy driver is not served); otherwise the driver reads
 * it back clear and gives up (2.2.2, 3.1.1).
 */
static void write_status(struct virtio_mmio *dev, u32 val)
{
	u64 f = dev->driver_features;

	if (!val) {
		device_reset(dev);
		return;
	}
	if ((val & VIRTIO_STATUS_FEATURES_OK) && !(dev->status & VIRTIO_STATUS_FEATURES_OK) &&
	    ((f & ~offered(dev)) || !(f & (1ULL << VIRTIO_F_VERSION_1))))
		val &= ~VIRTIO_STATUS_FEATURES_OK;
	dev->status =
	    (val & 0xff & ~VIRTIO_STATUS_NEEDS_RESET) | (dev->status & VIRTIO_STATUS_NEEDS_RESET);
}

static struct virtq *selected(struct virtio_mmio *dev)
{
	return dev->queue_sel < dev->ops->nr_queues ? &dev->vq[dev->queue_sel] : NULL;
}

static void set_half(u64 *reg, bool high, u32 val)
{
	*reg = high ? (*reg & 0xffffffffULL) | ((u64)val << 32) : (*reg & ~0xffffffffULL) | val;
}

static void write_ready(struct virtio_mmio *dev, struct virtq *q, u32 val)
{
	struct virtq_error err;

	if (!val) {
		q->ready = false;
		return;
	}
	if (q->ready || (dev->status & VIRTIO_STATUS_NEEDS_RESET))
		return;
	if (virtq_enable(dev->owner, q, &err))
		virtio_mmio_refuse(dev, dev->queue_sel, &err);
}

static void notify(struct virtio_mmio *dev, u32 queue)
{
	struct virtq_error err = {"notification for a queue that is not ready", queue, 0};

	if (dev->status & VIRTIO_STATUS_NEEDS_RESET)
		return;
	if (queue >= dev->ops->nr_queues || !dev->vq[queue].ready) {
		virtio_mmio_refuse(dev, queue, &err);
		return;
	}
	if (dev->ops->notify[queue])
		dev->ops->notify[queue](dev);
}

/* Queue registers of the selected queue; a ready queue's layout is fixed (4.2.2.2). */
static void write_queue(struct virtio_mmio *dev, u64 offset, u32 val)
{
	struct virtq *q = selected(dev);

	if (!q)
		return;
	if (offset == VIRTIO_MMIO_QUEUE_READY) {
		write_ready(dev, q, val);
		return;
	}
	if (q->ready)
		return;
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_NUM:
		q->size = val > 0xffff ? 0 : (u16)val; /* 0: refused at QueueReady */
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		set_half(&q->desc_gpa, offset == VIRTIO_MMIO_QUEUE_DESC_HIGH, val);
		break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
		set_half(&q->avail_gpa, offset == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, val);
		break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		set_half(&q->used_gpa, offset == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, val);
		break;
	}
}

static void write_reg(struct virtio_mmio *dev, u64 offset, u32 val)
{
	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		dev->device_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		dev->driver_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		/* Negotiation is over once FEATURES_OK is set (3.1.1). */
		if (dev->driver_features_sel < 2 && !(dev->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&dev->driver_features, dev->driver_features_sel == 1, val);
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		dev->queue_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		notify(dev, val);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		dev->int_status &= ~val;
		update_line(dev);
		break;
	case VIRTIO_MMIO_STATUS:
		write_status(dev, val);
		break;
	default:
		write_queue(dev, offset, val);
		break;
	}
}

static u32 read_queue(struct virtio_mmio *dev, u64 offset)
{
	struct virtq *q = selected(dev);

	if (!q)
		return 0; /* QueueNumMax 0: the queue does not exist */
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return VIRTQ_MAX_SIZE;
	case VIRTIO_MMIO_QUEUE_NUM:
		return q->size;
	case VIRTIO_MMIO_QUEUE_READY:
		return q->ready;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
		return (u32)q->desc_gpa;
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		return (u32)(q->desc_gpa >> 32);
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
		return (u32)q->avail_gpa;
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
		return (u32)(q->avail_gpa >> 32);
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
		return (u32)q->used_gpa;
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		return (u32)(q->used_gpa >> 32);
	default:
		return 0;
	}
}

static u32 read_reg(struct virtio_mmio *dev, u64 offset)
{
	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return VIRTIO_MMIO_MAGIC;
	case VIRTIO_MMIO_VERSION:
		return VIRTIO_MMIO_VERSION_MODERN;
	case VIRTIO_MMIO_DEVICE_ID:
		return dev->ops->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return VIRTIO_MMIO_VENDOR;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return dev->device_features_sel < 2
			   ? (u32)(offered(dev) >> (32 * dev->device_features_sel))
			   : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return dev->int_status;
	case VIRTIO_MMIO_STATUS:
		return dev->status;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return dev->config_generation;
	default:
		/* No shared memory regions: their length reads as all ones (4.2.2). */
		if (offset >= VIRTIO_MMIO_SHM_LEN_LOW && offset <= VIRTIO_MMIO_SHM_BASE_HIGH)
			return ~0U;
		return read_queue(dev, offset);
	}
}

/* Any width inside the configuration space; writes are ignored (read-only fields). */
static int config_access(struct virtio_mmio *dev, struct mmio_access *acc, u64 offset)
{
	u64 at = offset - VIRTIO_MMIO_CONFIG, val = 0;

	if (acc->write)
		return 0;
	if (at < dev->config_size && acc->width <= dev->config_size - at)
		memcpy(&val, dev->config + at, acc->width);
	acc->value = val;
	return 0;
}

int virtio_mmio_access(struct virtio_mmio *dev, struct mmio_access *acc, u64 offset)
{
	if (offset >= VIRTIO_MMIO_CONFIG)
		return config_access(dev, acc, offset);
	if (acc->width != 4 || offset & 3)
		return -EINVAL;
	if (acc->write)
		write_reg(dev, offset, (u32)acc->value);
	else
		acc->value = read_reg(dev, offset);
	return 0;
}

/* The devices of every running VM, for the types that connect them. */
static struct virtio_mmio *attached[VIRTIO_MMIO_MAX_DEVICES];

int virtio_mmio_attach(struct virtio_mmio *dev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attached); i++)
		if (!attached[i]) {
			attached[i] = dev;
			dev->attached = true;
			return 0;
		}
	return -ENOSPC;
}

void virtio_mmio_detach(struct virtio_mmio *dev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attached); i++)
		if (attached[i] == dev)
			attached[i] = NULL;
	dev->attached = false;
}

struct virtio_mmio *virtio_mmio_next(const struct virtio_device_ops *ops, unsigned int *at)
{
	struct virtio_mmio *dev;

	while (*at < ARRAY_SIZE(attached)) {
		dev = attached[(*at)++];
		if (dev && dev->ops == ops)
			return dev;
	}
	return NULL;
}
