/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * virtio-console links between two VMs (core/virtio_console.c). Each end
 * is a virtio-console device (virtio 1.2, section 5.3) of one VM with one
 * port and no feature: queue 0 receives, queue 1 transmits. When a VM
 * notifies its transmit queue, Shyper copies the bytes out of that VM's
 * ring into receive buffers of the peer's end; what the peer has no
 * buffer for waits in a bounded buffer of the link (one per direction,
 * held by the sending end) until the peer posts buffers and notifies its
 * receive queue. Bytes that do not fit are dropped and counted. No memory
 * is shared.
 */
#ifndef SHYPER_VIRTIO_CONSOLE_H
#define SHYPER_VIRTIO_CONSOLE_H

#include <shyper/virtio_mmio.h>

#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_CONSOLE_RXQ 0
#define VIRTIO_CONSOLE_TXQ 1
/* struct virtio_console_config (5.3.4): cols, rows, max_nr_ports, emerg_wr; all 0 here. */
#define VIRTIO_CONSOLE_CONFIG_LEN 12
/* Bytes one direction of a link holds for a peer that has no buffer posted. */
#define VIRTIO_CONSOLE_LINK_BUF 4096

/**
 * struct virtio_console_stats - what one end did, for tests and messages
 * @tx_bytes: bytes the link took from this end (delivered or waiting)
 * @rx_bytes: bytes delivered into this end's buffers
 * @dropped: bytes this end sent that the link had no room for
 */
struct virtio_console_stats {
	u64 tx_bytes;
	u64 rx_bytes;
	u64 dropped;
};

/**
 * struct virtio_console_port - one end of a link: its device, the peer's
 * VM id, the bytes sent and not yet delivered (a ring of @count bytes
 * from @head), its counters; linked while its device is attached
 * (virtio_mmio_attach()) and the peer's end is too
 */
struct virtio_console_port {
	struct virtio_mmio dev;
	u32 peer;
	u32 head;
	u32 count;
	u8 pending[VIRTIO_CONSOLE_LINK_BUF];
	struct virtio_console_stats stats;
};

/**
 * virtio_console_port_init() - make @port a virtio-console device, the end
 * of the link to VM @peer; the caller fills @port->dev's owner, names and
 * line first. Nothing is pending.
 */
void virtio_console_port_init(struct virtio_console_port *port, u32 peer);

#endif
