/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * virtio-net ports on Shyper's virtual L2 switch (core/virtio_net.c).
 * Each port is a virtio-net device (virtio 1.2, section 5.1) of one VM.
 * When a VM notifies its transmit queue, Shyper copies each frame out of
 * that VM's ring into a receive buffer of the port whose MAC address is
 * the destination (every other port for broadcast and multicast), gives
 * the buffers back and raises both interrupts; no memory is shared.
 */
#ifndef SHYPER_VIRTIO_NET_H
#define SHYPER_VIRTIO_NET_H

#include <shyper/virtio.h>
#include <shyper/virtio_mmio.h>

#define VIRTIO_ID_NET 1
#define VIRTIO_NET_F_MAC 5
/* struct virtio_net_hdr with num_buffers: 12 bytes under VERSION_1 (5.1.6). */
#define VIRTIO_NET_HDR_LEN 12
#define VIRTIO_NET_RXQ 0
#define VIRTIO_NET_TXQ 1
#define VIRTIO_NET_ETH_HLEN 14
/* The largest frame a port takes: no segmentation offload is offered. */
#define VIRTIO_NET_MAX_FRAME (VIRTIO_NET_ETH_HLEN + 4 + 1500)

/**
 * struct virtio_net_stats - what a port did, for tests and messages
 * @tx_frames: frames the switch took from this port
 * @rx_frames: frames delivered into this port's buffers
 * @rx_no_buffer: frames for this port dropped: no receive buffer offered
 * @rx_too_short: frames dropped: the offered buffer was too small
 * @tx_malformed: frames refused: shorter than an Ethernet header or longer than the maximum
 */
struct virtio_net_stats {
	u64 tx_frames;
	u64 rx_frames;
	u64 rx_no_buffer;
	u64 rx_too_short;
	u64 tx_malformed;
};

/**
 * struct virtio_net_port - one port: its device, its address, its counters;
 * on the switch while its device is attached (virtio_mmio_attach())
 */
struct virtio_net_port {
	struct virtio_mmio dev;
	u8 mac[VIRTIO_MAC_LEN];
	struct virtio_net_stats stats;
};

/**
 * virtio_net_port_init() - make @port a virtio-net device with address
 * @mac; the caller fills @port->dev's owner, names and line first
 */
void virtio_net_port_init(struct virtio_net_port *port, const u8 *mac);

#endif
