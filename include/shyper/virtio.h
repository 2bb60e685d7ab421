/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * virtio devices that Shyper emulates for its VMs, described as sub-nodes
 * of VM nodes (binding: dt-bindings/shyper,vm.yaml, guide:
 * Documentation/communication.md). Each device is one virtio-mmio
 * register page (include/shyper/virtio_mmio.h) whose guest address and
 * interrupt the VM's layout chooses (struct vm_layout), described to the
 * guest as a "virtio,mmio" node.
 *
 * virtio-net ("shyper,virtio-net"): a port on a virtual L2 switch between
 * every VM that has one; its MAC address is "local-mac-address".
 *
 * virtio-console ("shyper,virtio-console"): one end of a link between two
 * VMs; "peer" is the other VM's id, whose node must have the end naming
 * this VM back.
 */
#ifndef SHYPER_VIRTIO_H
#define SHYPER_VIRTIO_H

#include <shyper/types.h>
#include <shyper/vm_layout.h>

#define VIRTIO_MAC_LEN 6
/* A disk is whole 512-byte sectors (virtio 1.2, 5.2.4: capacity). */
#define VIRTIO_DISK_SECTOR 512

enum virtio_kind {
	VIRTIO_KIND_NET,
	VIRTIO_KIND_CONSOLE,
	VIRTIO_KIND_BLK,
};

/**
 * struct vm_virtio - one emulated device as the VM node describes it
 * @node: its sub-node in the host DTB
 * @sub: the sub-node's name, for messages
 * @kind: its device type, from the compatible
 * @mac: virtio-net: "local-mac-address"
 * @peer: virtio-console: "peer", the VM id of the link's other end
 */
struct vm_virtio {
	int node;
	const char *sub;
	enum virtio_kind kind;
	u8 mac[VIRTIO_MAC_LEN];
	u32 peer;
	paddr_t hpa;
	u64 size;
	bool read_only;
};

struct vm_config;
struct vm_node;
struct vm;

/** virtio_is_node() - @node is a virtio sub-node of a VM node (any type). */
bool virtio_is_node(const void *fdt, int node);

/**
 * virtio_parse() - read virtio sub-node @node into the next free device
 * of @vn's VM
 * Return: 0, or -errno after logging the VM, the sub-node and the property.
 */
int virtio_parse(struct vm_node *vn, int node);

/**
 * virtio_validate() - check @vm's devices against the VMs accepted before
 * it (@vms[0..@count)) and the VM nodes of @fdt: a MAC address is one
 * port's only; a console link's peer is another enabled VM node with an
 * end naming @vm back, and @vm has one link to it at most
 * Return: 0, or -errno after logging.
 */
int virtio_validate(const void *fdt, const struct vm_config *vm, const struct vm_config *vms,
		    unsigned int count);

/**
 * virtio_layout() - choose each device's guest page and interrupt
 * (struct vm_layout), after the rest of the layout: the highest free
 * pages below the VM's lowest memory (above its highest when there is no
 * room below), the lowest interrupt lines the VM does not use otherwise
 * Return: 0, or -errno after logging.
 */
int virtio_layout(const void *fdt, struct vm_config *vm);

/** virtio_kind_name() - "virtio-net", "virtio-console" */
const char *virtio_kind_name(enum virtio_kind kind);

/**
 * virtio_vm_init() - register @vm's devices and claim their interrupts;
 * called once when the VM is built
 * Return: 0, or -errno after logging.
 */
#ifdef CONFIG_VIRTIO
int virtio_vm_init(struct vm *vm);
#else
static inline int virtio_vm_init(struct vm *vm)
{
	return 0; /* no VM has a device: core/virtio_parse.c refuses them */
}
#endif

/**
 * virtio_vm_reset() - every device of @vm back to its reset state, so that
 * nothing writes into the VM's memory until its next driver sets them up:
 * called when the VM is powered off or reset, before its images reload
 */
#ifdef CONFIG_VIRTIO
void virtio_vm_reset(struct vm *vm);
#else
static inline void virtio_vm_reset(struct vm *vm)
{
}
#endif

/** virtio_vm_exit() - take @vm's devices away (an unwound build, a destroyed VM). */
#ifdef CONFIG_VIRTIO
void virtio_vm_exit(struct vm *vm);
#else
static inline void virtio_vm_exit(struct vm *vm)
{
}
#endif

#endif
