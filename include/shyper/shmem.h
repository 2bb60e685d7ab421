/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static shared memory with doorbells between VMs ("shyper,shmem"
 * sub-nodes of VM nodes; binding: dt-bindings/shyper,vm.yaml, guide:
 * Documentation/communication.md).
 *
 * A region is named; every VM whose node has a sub-node with that name
 * maps the same host range at its own guest address, read-write or
 * read-only (stage-2 / G-stage permissions). Each participant also gets a
 * doorbell page: a store of a peer's VM id to SHMEM_DB_RING raises that
 * peer's doorbell interrupt (a level line, lowered by the peer's store to
 * SHMEM_DB_ACK) and counts the ring in the peer's SHMEM_DB_COUNT.
 */
#ifndef SHYPER_SHMEM_H
#define SHYPER_SHMEM_H

#include <shyper/shmem_abi.h>
#include <shyper/types.h>

#define VM_MAX_SHMEM 4
#define SHMEM_MAX_PEERS 8
#define SHMEM_NAME_MAX 31

/**
 * struct vm_shmem - one region as one VM sees it
 * @node: its sub-node in the host DTB
 * @sub: the sub-node's name, for messages
 * @name: the region's name ("region"), shared by all participants
 * @gpa: guest address of the region ("reg")
 * @size: its size, a multiple of the page size, the same for all
 * @hpa: host backing: "host-memory" when @fixed, else chosen by Shyper
 * @read_only: "access" is "read-only"
 * @doorbell: guest address of the VM's doorbell page ("doorbell")
 * @irq: the interrupt a ring raises ("doorbell-irq"): GIC INTID or PLIC source
 * @peer: VM ids this VM may ring ("peers")
 */
struct vm_shmem {
	int node;
	const char *sub;
	const char *name;
	u64 gpa;
	u64 size;
	paddr_t hpa;
	bool fixed;
	bool read_only;
	u64 doorbell;
	u32 irq;
	unsigned int nr_peers;
	u32 peer[SHMEM_MAX_PEERS];
};

struct vm_config;
struct vm_node;
struct memmap;
struct vm;

/**
 * shmem_is_node() - @node is a "shyper,shmem" sub-node of a VM node
 */
bool shmem_is_node(const void *fdt, int node);

/**
 * shmem_parse() - read the "shyper,shmem" sub-node @node into the next
 * free entry of @vn's VM: syntax and values of each property
 * Return: 0, or -errno after logging the VM, the sub-node and the property.
 */
int shmem_parse(struct vm_node *vn, int node);

/**
 * shmem_validate() - check @vm's regions against its guest layout, its
 * interrupts, the VM nodes named as peers and the VMs accepted before it
 * (@vms[0..@count)); a region first described with "host-memory" is taken
 * out of @pool (free host RAM) here
 * Return: 0, or -errno after logging.
 */
int shmem_validate(const void *fdt, const struct vm_config *vm, const struct vm_config *vms,
		   unsigned int count, struct memmap *pool);

/**
 * shmem_guest_occupant() - what of @vm already occupies guest range
 * [@base, @base + @size): its memory, passthrough MMIO, virtual devices
 * (guest_dt_virt_regions()), a region or a doorbell page
 * Return: its name for messages, or NULL when the range is free.
 */
const char *shmem_guest_occupant(const void *fdt, const struct vm_config *vm, u64 base, u64 size);

/**
 * shmem_place() - host memory of @vms[@self]'s regions that have no
 * "host-memory": the range of the first accepted VM with the same region,
 * else allocated from @pool
 * Return: 0, or -ENOMEM after logging.
 */
int shmem_place(struct vm_config *vms, unsigned int self, struct memmap *pool);

/**
 * shmem_find() - @vm's region named @name
 * Return: its index, or -1.
 */
int shmem_find(const struct vm_config *vm, const char *name);

/**
 * shmem_vm_init() - map @vm's regions, register its doorbell pages and
 * claim its doorbell interrupts; called once when the VM is built
 * Return: 0, or -errno after logging.
 */
int shmem_vm_init(struct vm *vm);

/* Architecture hooks (arch/<arch>/shmem.c). */

/** shmem_arch_claim_irq() - make @irq a virtual line of @vm's interrupt controller. */
int shmem_arch_claim_irq(struct vm *vm, u32 irq);

/** shmem_arch_set_irq() - raise or lower virtual line @irq of @vm. */
void shmem_arch_set_irq(struct vm *vm, u32 irq, bool level);

/**
 * vm_arch_map_attr() - stage-2 / G-stage map with PT_* attributes
 * (include/shyper/pgtable.h), for mappings vm_arch_map() does not make
 */
int vm_arch_map_attr(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, unsigned int attr);

#endif
