/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtio-mmio transport, modern interface (virtio 1.2, section 4.2.2:
 * Version 2, VIRTIO_F_VERSION_1 always offered): one register page per
 * emulated device of a VM (core/virtio_mmio.c). The device types
 * (core/virtio_net.c, ...) supply a struct virtio_device_ops; the model
 * keeps the status, feature and queue registers, the interrupt status
 * and the device-needs-reset state (2.1.2) that any malformed ring puts
 * the device into, reported once per device and then counted.
 */
#ifndef SHYPER_VIRTIO_MMIO_H
#define SHYPER_VIRTIO_MMIO_H

#include <shyper/ratelimit.h>
#include <shyper/types.h>
#include <shyper/virtq.h>
#include <shyper/vm_layout.h>

/* Registers (4.2.2, table "MMIO Device Register Layout"). */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_SHM_SEL 0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW 0x0b0
#define VIRTIO_MMIO_SHM_BASE_HIGH 0x0bc
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

#define VIRTIO_MMIO_MAGIC 0x74726976 /* "virt" */
#define VIRTIO_MMIO_VERSION_MODERN 2
#define VIRTIO_MMIO_VENDOR 0x50594853 /* "SHYP" */
#define VIRTIO_MMIO_SIZE 0x200

/* Device status (2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* InterruptStatus bits (4.2.2). */
#define VIRTIO_INT_USED_BUFFER 1
#define VIRTIO_INT_CONFIG 2

#define VIRTIO_F_VERSION_1 32

#define VIRTIO_MMIO_MAX_QUEUES 2
#define VIRTIO_CONFIG_MAX 32

struct virtio_mmio;
struct vm;

/**
 * struct virtio_device_ops - one device type
 * @name: for messages ("virtio-net")
 * @device_id: DeviceID (5, "Device Types")
 * @features: offered besides VIRTIO_F_VERSION_1
 * @nr_queues: its virtqueues
 * @notify: per queue, what the driver's notification of that queue
 *	(ready, not in needs-reset) makes the device do; NULL: nothing
 *	(buffers the device takes when it needs them)
 * @reset: the driver wrote 0 to Status (optional)
 */
struct virtio_device_ops {
	const char *name;
	u32 device_id;
	u64 features;
	unsigned int nr_queues;
	void (*notify[VIRTIO_MMIO_MAX_QUEUES])(struct virtio_mmio *dev);
	void (*reset)(struct virtio_mmio *dev);
};

/**
 * struct virtio_mmio - one emulated device of one VM
 * @ops: its type
 * @owner: the VM whose memory its rings are in
 * @sub: its DT sub-node's name, for messages
 * @set_irq: raise or lower the device's interrupt line
 * @config: device configuration space (read-only for the driver), its
 *	first @config_size bytes
 * @status, @driver_features, @int_status, @queue_sel, ...: the registers
 * @vq: the virtqueues
 * @report: reports of refused rings, once then counted
 * @refused: rings refused since boot
 * @attached: in the table of devices that reach each other (virtio_mmio_attach())
 * @vm: the running VM (hypervisor only; the model does not use it)
 * @irq: the device's line (hypervisor only)
 */
struct virtio_mmio {
	const struct virtio_device_ops *ops;
	const struct vm_config *owner;
	const char *sub;
	void (*set_irq)(struct virtio_mmio *dev, bool level);
	u8 config[VIRTIO_CONFIG_MAX];
	u32 config_size;
	u32 status;
	u32 device_features_sel;
	u32 driver_features_sel;
	u64 driver_features;
	u32 queue_sel;
	u32 int_status;
	u32 config_generation;
	bool level;
	struct virtq vq[VIRTIO_MMIO_MAX_QUEUES];
	struct ratelimit report;
	u64 refused;
	bool attached;
	struct vm *vm;
	u32 irq;
};

struct mmio_access;

/**
 * virtio_mmio_access() - a 32-bit register access, or any access of the
 * configuration space, at @offset in @dev's page
 * Return: 0, or -EINVAL for an access the transport forbids (4.2.2.2:
 * control registers are 32-bit aligned words): the guest gets an abort.
 */
int virtio_mmio_access(struct virtio_mmio *dev, struct mmio_access *acc, u64 offset);

/** virtio_mmio_interrupt() - set InterruptStatus @bits and raise the line. */
void virtio_mmio_interrupt(struct virtio_mmio *dev, u32 bits);

/**
 * virtio_mmio_refuse() - queue @queue of @dev is malformed (@err): the
 * device enters needs-reset (2.1.2) and stops using its rings until the
 * driver resets it; reported once, later ones counted
 */
void virtio_mmio_refuse(struct virtio_mmio *dev, unsigned int queue, const struct virtq_error *err);

/**
 * virtio_mmio_pop() - the next available chain of queue @queue of @dev,
 * checked (virtq_pop()); a malformed ring is refused (virtio_mmio_refuse())
 * Return: 1 with *@chain filled, 0 when the driver offered none, or
 * -EINVAL when the ring was refused.
 */
int virtio_mmio_pop(struct virtio_mmio *dev, unsigned int queue, struct virtq_chain *chain);

/* Devices that can reach each other: every VM's, of every type. */
#define VIRTIO_MMIO_MAX_DEVICES (CONFIG_MAX_VMS * VM_MAX_VIRTIO)

/**
 * virtio_mmio_attach() - put @dev in the table of devices the device types
 * look their peers up in (the switch's ports, a console link's ends)
 * Return: 0, or -ENOSPC when the table is full.
 */
int virtio_mmio_attach(struct virtio_mmio *dev);

/** virtio_mmio_detach() - take @dev out of the table (its VM is gone). */
void virtio_mmio_detach(struct virtio_mmio *dev);

/**
 * virtio_mmio_next() - the next attached device of type @ops from table
 * slot *@at on, *@at moved past it; NULL after the last. Every device of a
 * type, once each: for (at = 0; (d = virtio_mmio_next(ops, &at));)
 */
struct virtio_mmio *virtio_mmio_next(const struct virtio_device_ops *ops, unsigned int *at);

/** virtio_mmio_live() - @dev's driver is running (DRIVER_OK) and no reset is needed. */
static inline bool virtio_mmio_live(const struct virtio_mmio *dev)
{
	return (dev->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET)) ==
	       VIRTIO_STATUS_DRIVER_OK;
}

/** virtio_mmio_can_take() - @dev is live and its queue @queue set up: buffers may be taken. */
static inline bool virtio_mmio_can_take(const struct virtio_mmio *dev, unsigned int queue)
{
	return virtio_mmio_live(dev) && dev->vq[queue].ready;
}

#endif
