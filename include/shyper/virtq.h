/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Split virtqueues (virtio 1.2, section 2.7) read and written by Shyper
 * on behalf of an emulated device. The rings sit in the guest's RAM and
 * the guest may rewrite them at any time, so every descriptor is copied
 * once, checked against the owner's memory map (struct vm_config's RAM
 * ranges) and only then used: a chain that loops, leaves the VM's RAM,
 * overflows a length, breaks the readable-then-writable order or exceeds
 * a bound is refused with the reason, and the device enters "needs reset"
 * (core/virtio_mmio.c). Indirect descriptors (VIRTIO_F_INDIRECT_DESC) are
 * not offered, so a descriptor flagged indirect is refused too.
 */
#ifndef SHYPER_VIRTQ_H
#define SHYPER_VIRTQ_H

#include <shyper/types.h>

/* The largest queue a device offers (QueueNumMax); a power of two. */
#define VIRTQ_MAX_SIZE 256
/* Descriptors in one chain Shyper accepts (less than the queue size: a bound of its own). */
#define VIRTQ_MAX_SEGS 64
/* Bytes in one chain: far above a 64 KiB frame, far below a wrap of u32. */
#define VIRTQ_MAX_CHAIN_BYTES (1U << 20)

/* struct virtq_desc.flags (2.7.5) */
#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_DESC_F_INDIRECT 4

/* The rings as the guest lays them out (2.7.5, 2.7.6, 2.7.8), little-endian. */
struct virtq_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct virtq_used_elem {
	u32 id;
	u32 len;
};

/**
 * struct virtq - one queue of a device, as its driver configured it
 * @size: QueueNum: entries, a power of two up to VIRTQ_MAX_SIZE
 * @ready: QueueReady, accepted by virtq_enable()
 * @desc_gpa: QueueDesc, the descriptor table
 * @avail_gpa: QueueDriver, the available ring
 * @used_gpa: QueueDevice, the used ring
 * @desc: host address of the descriptor table (set by virtq_enable())
 * @avail_idx: host address of the available ring's idx; @avail_ring of its ring[]
 * @used_idx: host address of the used ring's idx; @used_ring of its ring[]
 * @last_avail: the next available entry Shyper takes
 * @next_used: the used index Shyper publishes next
 */
struct virtq {
	u16 size;
	bool ready;
	u64 desc_gpa;
	u64 avail_gpa;
	u64 used_gpa;
	struct virtq_desc *desc;
	u16 *avail_idx;
	u16 *avail_ring;
	u16 *used_idx;
	struct virtq_used_elem *used_ring;
	u16 last_avail;
	u16 next_used;
};

/**
 * struct virtq_seg - one checked descriptor: host address and length
 */
struct virtq_seg {
	u8 *host;
	u32 len;
};

/**
 * struct virtq_chain - one checked descriptor chain
 * @head: its head index, given back in the used ring
 * @nr_out: the first @nr_out segments are device-readable
 * @nr: all segments; the ones after @nr_out are device-writable
 * @out_len: bytes of the readable segments; @in_len of the writable ones
 */
struct virtq_chain {
	u16 head;
	unsigned int nr_out;
	unsigned int nr;
	u32 out_len;
	u32 in_len;
	struct virtq_seg seg[VIRTQ_MAX_SEGS];
};

/**
 * struct virtq_error - why a queue was refused, for the one report
 * @what: the reason ("descriptor outside the VM's RAM", ...)
 * @index: the descriptor or ring index concerned
 * @addr: the guest address concerned, or 0
 */
struct virtq_error {
	const char *what;
	unsigned int index;
	u64 addr;
};

struct vm_config;

/**
 * virtq_enable() - QueueReady = 1: check @q's size, alignment (2.7) and
 * that its three areas each lie in one RAM range of @owner, then cache
 * their host addresses and start at the rings' current indices
 * Return: 0, or -EINVAL with @err filled and @q left not ready.
 */
int virtq_enable(const struct vm_config *owner, struct virtq *q, struct virtq_error *err);

/** virtq_reset() - a queue back to its reset values (2.7, 4.2.2: all zero). */
void virtq_reset(struct virtq *q);

/**
 * virtq_pop() - take the next available chain of @q and check it
 * Return: 1 with @chain filled, 0 when the driver offered nothing new,
 * -EINVAL with @err filled when the ring or the chain is malformed (the
 * caller puts the device into needs-reset; @q is left as it was).
 */
int virtq_pop(const struct vm_config *owner, struct virtq *q, struct virtq_chain *chain,
	      struct virtq_error *err);

/**
 * virtq_push() - give chain @head back in the used ring, @len bytes
 * written into its device-writable part (2.7.8), then publish the index
 */
void virtq_push(struct virtq *q, u16 head, u32 len);

/**
 * virtq_copy_out() - gather up to @max bytes of @chain's readable part,
 * from byte @skip on, into @dst
 * Return: the bytes copied.
 */
u32 virtq_copy_out(const struct virtq_chain *chain, u32 skip, void *dst, u32 max);

/**
 * virtq_copy_in() - scatter @len bytes of @src into @chain's writable
 * part from byte @skip on
 * Return: the bytes copied (less than @len when the part is shorter).
 */
u32 virtq_copy_in(const struct virtq_chain *chain, u32 skip, const void *src, u32 len);

#endif
