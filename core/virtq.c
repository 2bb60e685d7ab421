// SPDX-License-Identifier: GPL-2.0-only
/*
 * The split-virtqueue walker (include/shyper/virtq.h). Nothing the guest
 * wrote is trusted: each value is read once into Shyper's memory and
 * checked before use, so a driver rewriting its ring under our feet can
 * only make its own chain refused. Both architectures Shyper runs on are
 * little-endian, like virtio 1.x rings (2.7), so no byte swapping.
 */
#include <string.h>
#include <shyper/errno.h>
#include <shyper/virtq.h>
#include <shyper/vm_config.h>

/* Areas and alignments of a split queue of @n entries (2.7, table "Virtqueue Part"). */
#define DESC_BYTES(n) (16ULL * (n))
#define AVAIL_BYTES(n) (6ULL + 2ULL * (n))
#define USED_BYTES(n) (6ULL + 8ULL * (n))
#define DESC_ALIGN 16
#define AVAIL_ALIGN 2
#define USED_ALIGN 4

static int refuse(struct virtq_error *err, const char *what, unsigned int index, u64 addr)
{
	*err = (struct virtq_error){.what = what, .index = index, .addr = addr};
	return -EINVAL;
}

/* The host address of guest range [@gpa, @gpa + @size), or NULL outside its RAM. */
static void *guest_ptr(const struct vm_config *owner, u64 gpa, u64 size)
{
	const struct vm_mem *m = vm_ram_range(owner, gpa, size);

	return m ? (void *)(uintptr_t)(m->hpa + (gpa - m->gpa)) : NULL;
}

static bool valid_size(u16 size)
{
	return size && size <= VIRTQ_MAX_SIZE && !(size & (size - 1));
}

void virtq_reset(struct virtq *q)
{
	memset(q, 0, sizeof(*q));
}

int virtq_enable(const struct vm_config *owner, struct virtq *q, struct virtq_error *err)
{
	u8 *avail, *used;

	q->ready = false;
	if (!valid_size(q->size))
		return refuse(err, "queue size is not a power of two up to the maximum", q->size,
			      0);
	if (!IS_ALIGNED(q->desc_gpa, DESC_ALIGN) || !IS_ALIGNED(q->avail_gpa, AVAIL_ALIGN) ||
	    !IS_ALIGNED(q->used_gpa, USED_ALIGN))
		return refuse(err, "ring area misaligned", 0, q->desc_gpa);
	q->desc = guest_ptr(owner, q->desc_gpa, DESC_BYTES(q->size));
	avail = guest_ptr(owner, q->avail_gpa, AVAIL_BYTES(q->size));
	used = guest_ptr(owner, q->used_gpa, USED_BYTES(q->size));
	if (!q->desc)
		return refuse(err, "descriptor table outside the VM's RAM", 0, q->desc_gpa);
	if (!avail)
		return refuse(err, "available ring outside the VM's RAM", 0, q->avail_gpa);
	if (!used)
		return refuse(err, "used ring outside the VM's RAM", 0, q->used_gpa);
	q->avail_idx = (u16 *)(avail + 2);
	q->avail_ring = (u16 *)(avail + 4);
	q->used_idx = (u16 *)(used + 2);
	q->used_ring = (struct virtq_used_elem *)(used + 4);
	/* A fresh queue starts at index 0 on both sides (2.7.6, 2.7.8). */
	q->last_avail = 0;
	q->next_used = 0;
	q->ready = true;
	return 0;
}

/* Check descriptor @d (index @i) and append it to @c. */
static int add_seg(const struct vm_config *owner, struct virtq_chain *c, const struct virtq_desc *d,
		   unsigned int i, struct virtq_error *err)
{
	bool writable = d->flags & VIRTQ_DESC_F_WRITE;
	u8 *host;

	if (d->flags & VIRTQ_DESC_F_INDIRECT)
		return refuse(err, "indirect descriptor (VIRTIO_F_INDIRECT_DESC not offered)", i,
			      d->addr);
	/* 2.7.4.2: every device-writable descriptor after every readable one. */
	if (!writable && c->nr_out != c->nr)
		return refuse(err, "device-readable descriptor after a writable one", i, d->addr);
	if (d->len > VIRTQ_MAX_CHAIN_BYTES - (c->out_len + c->in_len))
		return refuse(err, "chain longer than the byte bound", i, d->addr);
	host = guest_ptr(owner, d->addr, d->len);
	if (!host)
		return refuse(err, "buffer outside the VM's RAM", i, d->addr);
	c->seg[c->nr++] = (struct virtq_seg){host, d->len};
	if (writable) {
		c->in_len += d->len;
	} else {
		c->out_len += d->len;
		c->nr_out++;
	}
	return 0;
}

/*
 * A chain has at most min(queue size, VIRTQ_MAX_SEGS) descriptors (2.7.5.3.1
 * bounds it by the queue size), so a loop is caught by the count.
 */
static int walk(const struct vm_config *owner, const struct virtq *q, u16 head,
		struct virtq_chain *c, struct virtq_error *err)
{
	unsigned int bound = MIN((unsigned int)q->size, VIRTQ_MAX_SEGS);
	struct virtq_desc d;
	u16 i = head;
	int res;

	c->head = head;
	c->nr = c->nr_out = 0;
	c->out_len = c->in_len = 0;
	for (;;) {
		if (i >= q->size)
			return refuse(err, "descriptor index beyond the queue", i, 0);
		if (c->nr == bound)
			return refuse(err, "chain too long (a loop?)", i, 0);
		memcpy(&d, (const void *)&q->desc[i], sizeof(d));
		res = add_seg(owner, c, &d, i, err);
		if (res)
			return res;
		if (!(d.flags & VIRTQ_DESC_F_NEXT))
			return 0;
		i = d.next;
	}
}

int virtq_pop(const struct vm_config *owner, struct virtq *q, struct virtq_chain *chain,
	      struct virtq_error *err)
{
	u16 avail, head;
	int res;

	if (!q->ready)
		return refuse(err, "notification for a queue that is not ready", 0, 0);
	/* Pairs with the driver's barrier before it publishes idx (2.7.13). */
	avail = __atomic_load_n(q->avail_idx, __ATOMIC_ACQUIRE);
	if (avail == q->last_avail)
		return 0;
	if ((u16)(avail - q->last_avail) > q->size)
		return refuse(err, "available index ahead by more than the queue size", avail, 0);
	head = __atomic_load_n(&q->avail_ring[q->last_avail & (q->size - 1)], __ATOMIC_RELAXED);
	res = walk(owner, q, head, chain, err);
	if (res)
		return res;
	q->last_avail++;
	return 1;
}

void virtq_push(struct virtq *q, u16 head, u32 len)
{
	struct virtq_used_elem *e = &q->used_ring[q->next_used & (q->size - 1)];

	e->id = head;
	e->len = len;
	q->next_used++;
	/* The element is visible before the index that announces it (2.7.8). */
	__atomic_store_n(q->used_idx, q->next_used, __ATOMIC_RELEASE);
}

u32 virtq_copy_out(const struct virtq_chain *chain, u32 skip, void *dst, u32 max)
{
	u32 done = 0, n;
	unsigned int i;

	for (i = 0; i < chain->nr_out && done < max; i++) {
		const struct virtq_seg *s = &chain->seg[i];

		if (skip >= s->len) {
			skip -= s->len;
			continue;
		}
		n = MIN(s->len - skip, max - done);
		memcpy((u8 *)dst + done, s->host + skip, n);
		done += n;
		skip = 0;
	}
	return done;
}

u32 virtq_copy_in(const struct virtq_chain *chain, u32 skip, const void *src, u32 len)
{
	u32 done = 0, n;
	unsigned int i;

	for (i = chain->nr_out; i < chain->nr && done < len; i++) {
		const struct virtq_seg *s = &chain->seg[i];

		if (skip >= s->len) {
			skip -= s->len;
			continue;
		}
		n = MIN(s->len - skip, len - done);
		memcpy(s->host + skip, (const u8 *)src + done, n);
		done += n;
		skip = 0;
	}
	return done;
}
