// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-console links between two VMs (include/shyper/virtio_console.h).
 * Everything runs under the caller's virtio lock, on the CPU of the VM
 * that notified: the sender's on its transmit queue, the receiver's on
 * its receive queue when it posts buffers. Bytes go from the sender's
 * checked chain into the link's buffer and from there into the
 * receiver's checked chains, so both rings are only ever read through
 * core/virtq.c, and a malformed ring stops only the device that owns it.
 */
#define pr_fmt(fmt) "virtio-console: " fmt

#include <string.h>
#include <shyper/virtio_console.h>
#include <shyper/vm_config.h>

static const struct virtio_device_ops console_ops;

static struct virtio_console_port *port_of(struct virtio_mmio *dev)
{
	return (struct virtio_console_port *)((u8 *)dev -
					      offsetof(struct virtio_console_port, dev));
}

/* The other end of @p's link: the attached device of VM @p->peer naming @p's VM. */
static struct virtio_console_port *peer_of(const struct virtio_console_port *p)
{
	struct virtio_mmio *dev;
	unsigned int at = 0;

	while ((dev = virtio_mmio_next(&console_ops, &at)))
		if (dev->owner->id == p->peer && port_of(dev)->peer == p->dev.owner->id)
			return port_of(dev);
	return NULL;
}

/* As many pending bytes of @from as @chain's writable part holds, oldest first. */
static u32 give(struct virtio_console_port *from, const struct virtq_chain *chain)
{
	u32 n = MIN(from->count, chain->in_len),
	    first = MIN(n, VIRTIO_CONSOLE_LINK_BUF - from->head);

	virtq_copy_in(chain, 0, from->pending + from->head, first);
	virtq_copy_in(chain, first, from->pending, n - first);
	from->head = (from->head + n) % VIRTIO_CONSOLE_LINK_BUF;
	from->count -= n;
	return n;
}

/* What @from's link holds, into the buffers its peer has posted. */
static void flush(struct virtio_console_port *from)
{
	struct virtio_console_port *to = peer_of(from);
	struct virtq_chain chain;
	bool done = false;
	u32 n;

	if (!to)
		return; /* the peer is not running: the bytes wait */
	while (from->count && virtio_mmio_can_take(&to->dev, VIRTIO_CONSOLE_RXQ) &&
	       virtio_mmio_pop(&to->dev, VIRTIO_CONSOLE_RXQ, &chain) == 1) {
		n = give(from, &chain);
		virtq_push(&to->dev.vq[VIRTIO_CONSOLE_RXQ], chain.head, n);
		to->stats.rx_bytes += n;
		done = true;
	}
	if (done)
		virtio_mmio_interrupt(&to->dev, VIRTIO_INT_USED_BUFFER);
}

/* Bytes of @chain's readable part from @skip on into @p's free room, as much as fits. */
static u32 take(struct virtio_console_port *p, const struct virtq_chain *chain, u32 skip)
{
	u32 tail = (p->head + p->count) % VIRTIO_CONSOLE_LINK_BUF;
	u32 room = VIRTIO_CONSOLE_LINK_BUF - p->count;
	u32 first = MIN(room, VIRTIO_CONSOLE_LINK_BUF - tail);
	u32 got = virtq_copy_out(chain, skip, p->pending + tail, first);

	if (got == first && room > first)
		got += virtq_copy_out(chain, skip + got, p->pending, room - first);
	p->count += got;
	return got;
}

/* One transmitted chain: into the link and on to the peer, the rest dropped when full. */
static void send_chain(struct virtio_console_port *p, const struct virtq_chain *chain)
{
	u32 off = 0;

	while (off < chain->out_len) {
		off += take(p, chain, off);
		flush(p);
		if (p->count == VIRTIO_CONSOLE_LINK_BUF)
			break; /* the peer takes no more now */
	}
	p->stats.tx_bytes += off;
	p->stats.dropped += chain->out_len - off;
}

static void transmit(struct virtio_mmio *dev)
{
	struct virtio_console_port *p = port_of(dev);
	struct virtq_chain chain;
	bool done = false;

	while (virtio_mmio_pop(dev, VIRTIO_CONSOLE_TXQ, &chain) == 1) {
		send_chain(p, &chain);
		virtq_push(&dev->vq[VIRTIO_CONSOLE_TXQ], chain.head, 0);
		done = true;
	}
	if (done)
		virtio_mmio_interrupt(dev, VIRTIO_INT_USED_BUFFER);
}

/* The receiver posted buffers: what its peer's end holds for it goes in. */
static void receive(struct virtio_mmio *dev)
{
	struct virtio_console_port *from = peer_of(port_of(dev));

	if (from)
		flush(from);
}

static const struct virtio_device_ops console_ops = {
    .name = "virtio-console",
    .device_id = VIRTIO_ID_CONSOLE,
    .nr_queues = 2,
    .notify = {[VIRTIO_CONSOLE_RXQ] = receive, [VIRTIO_CONSOLE_TXQ] = transmit},
};

void virtio_console_port_init(struct virtio_console_port *port, u32 peer)
{
	port->dev.ops = &console_ops;
	port->dev.config_size = VIRTIO_CONSOLE_CONFIG_LEN;
	memset(port->dev.config, 0, VIRTIO_CONSOLE_CONFIG_LEN);
	port->peer = peer;
	port->head = port->count = 0;
	memset(&port->stats, 0, sizeof(port->stats));
}
