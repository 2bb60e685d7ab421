// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-net and the L2 switch between the ports (include/shyper/virtio_net.h).
 * Everything runs on the sender's CPU, in the trap of its transmit
 * notification, under the caller's virtio lock: the frame is read once
 * from the sender's checked chain into a buffer of Shyper's, then written
 * into each receiver's checked chain. A receiver's malformed ring puts
 * the receiver's device into needs-reset, never the sender's.
 */
#define pr_fmt(fmt) "virtio-net: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/virtio_net.h>

static const struct virtio_device_ops net_ops;
static u8 frame[VIRTIO_NET_MAX_FRAME];

static struct virtio_net_port *port_of(struct virtio_mmio *dev)
{
	return (struct virtio_net_port *)((u8 *)dev - offsetof(struct virtio_net_port, dev));
}

/* One frame into one receive buffer of @to (5.1.6.4): header, then the frame. */
static void deliver(struct virtio_net_port *to, u32 len)
{
	/* flags 0, gso_type VIRTIO_NET_HDR_GSO_NONE, ..., num_buffers 1 (5.1.6.4.1). */
	static const u8 hdr[VIRTIO_NET_HDR_LEN] = {[10] = 1};
	struct virtq *q = &to->dev.vq[VIRTIO_NET_RXQ];
	struct virtq_chain chain;
	int res = 0;

	if (virtio_mmio_can_take(&to->dev, VIRTIO_NET_RXQ))
		res = virtio_mmio_pop(&to->dev, VIRTIO_NET_RXQ, &chain);
	if (res <= 0) {
		to->stats.rx_no_buffer += !res; /* a refused ring was reported */
		return;
	}
	if (chain.in_len < VIRTIO_NET_HDR_LEN + len) {
		to->stats.rx_too_short++;
		virtq_push(q, chain.head, 0); /* the driver drops an empty buffer */
	} else {
		virtq_copy_in(&chain, 0, hdr, sizeof(hdr));
		virtq_copy_in(&chain, sizeof(hdr), frame, len);
		virtq_push(q, chain.head, VIRTIO_NET_HDR_LEN + len);
		to->stats.rx_frames++;
	}
	virtio_mmio_interrupt(&to->dev, VIRTIO_INT_USED_BUFFER);
}

/* The destination address's group bit: broadcast and multicast go to every port. */
static void forward(const struct virtio_net_port *from, u32 len)
{
	bool group = frame[0] & 1;
	struct virtio_mmio *dev;
	unsigned int at = 0;

	while ((dev = virtio_mmio_next(&net_ops, &at))) {
		struct virtio_net_port *to = port_of(dev);

		if (to != from && (group || !memcmp(frame, to->mac, VIRTIO_MAC_LEN)))
			deliver(to, len);
	}
}

static void transmit(struct virtio_mmio *dev)
{
	struct virtio_net_port *p = port_of(dev);
	struct virtq *q = &p->dev.vq[VIRTIO_NET_TXQ];
	struct virtq_chain chain;
	bool done = false;
	u32 len;

	while (virtio_mmio_pop(dev, VIRTIO_NET_TXQ, &chain) == 1) {
		len = chain.out_len - MIN(chain.out_len, (u32)VIRTIO_NET_HDR_LEN);
		if (len < VIRTIO_NET_ETH_HLEN || len > VIRTIO_NET_MAX_FRAME) {
			p->stats.tx_malformed++;
		} else {
			virtq_copy_out(&chain, VIRTIO_NET_HDR_LEN, frame, len);
			p->stats.tx_frames++;
			forward(p, len);
		}
		virtq_push(q, chain.head, 0);
		done = true;
	}
	if (done)
		virtio_mmio_interrupt(&p->dev, VIRTIO_INT_USED_BUFFER);
}

/*
 * Receive buffers are taken when a frame comes, so a notification of the
 * receive queue has nothing to do.
 */
static const struct virtio_device_ops net_ops = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .features = 1ULL << VIRTIO_NET_F_MAC,
    .nr_queues = 2,
    .notify = {[VIRTIO_NET_TXQ] = transmit},
};

void virtio_net_port_init(struct virtio_net_port *port, const u8 *mac)
{
	port->dev.ops = &net_ops;
	memcpy(port->mac, mac, VIRTIO_MAC_LEN);
	/* struct virtio_net_config (5.1.4): mac is its first field, all the driver reads. */
	memcpy(port->dev.config, mac, VIRTIO_MAC_LEN);
	port->dev.config_size = VIRTIO_MAC_LEN;
	memset(&port->stats, 0, sizeof(port->stats));
}
