/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by core/vm_*.c and the unit tests; nothing else should need it.
 */
#ifndef SHYPER_VM_INTERNAL_H
#define SHYPER_VM_INTERNAL_H

#include <shyper/printk.h>
#include <shyper/vm_config.h>

/*
 * Every refusal names the VM node and the property at fault, in one line,
 * so that a user reading the boot log (or the checker's output) knows what
 * to edit.
 */
#define vm_refuse(vm, prop, fmt, ...) pr_err("%s: %s: " fmt "\n", (vm)->path, prop, ##__VA_ARGS__)

/**
 * struct vm_node - a VM node being read
 * @ac: #address-cells for addresses in the node's properties
 * @sc: #size-cells for sizes in the node's properties
 */
struct vm_node {
	const void *fdt;
	int node;
	int ac;
	int sc;
	struct vm_config *vm;
};

/**
 * vm_parse_node() - read one VM node into @vm, checking each property on
 * its own (syntax, alignment, guest layout)
 * Return: 0, or -errno after logging the node path and property.
 */
int vm_parse_node(const void *fdt, int node, struct vm_config *vm);

/**
 * vm_parse_images() - read the image sub-nodes (kernel, ramdisk, device
 * tree) and refuse any other sub-node
 * Return: 0 or -errno after logging.
 */
int vm_parse_images(struct vm_node *vn);

/**
 * vm_place_images() - choose guest addresses for the images that have no
 * "load" property and check that all of them fit in the VM's memory
 * Return: 0 or -errno after logging.
 */
int vm_place_images(struct vm_config *vm);

/**
 * vm_collect_images() - the host ranges of every image and virtio-blk
 * disk of every VM node in @fdt, syntactically valid or not, for the overlap checks
 */
void vm_collect_images(const void *fdt, struct memmap *images);

/**
 * vm_validate() - check @vm against the platform and the VMs already
 * accepted (@vms[0..@count)); images of every VM node are in @images
 * Return: 0, or -errno after logging the node path and property.
 */
int vm_validate(const void *fdt, struct vm_config *vm, const struct vm_config *vms,
		unsigned int count, const struct memmap *images);

/**
 * vm_validate_devices() - passthrough checks: ownership, MMIO alignment
 * and page sharing; fills @vm's MMIO and interrupt lists
 * Return: 0 or -errno after logging.
 */
int vm_validate_devices(const void *fdt, struct vm_config *vm, const struct vm_config *vms,
			unsigned int count);

/**
 * vm_ref_count() - entries of a reference property: a list of phandles,
 * or a list of node paths (strings, for U-Boot "fdt set" users)
 * Return: the count, -ENOENT when absent, -EINVAL when malformed.
 */
int vm_ref_count(const void *fdt, int node, const char *prop);

/**
 * vm_ref_node() - the node entry @index of a reference property names
 * Return: its offset, or -ENOENT when it names no node.
 */
int vm_ref_node(const void *fdt, int node, const char *prop, int index);

/**
 * vm_ref_describe() - entry @index of a reference property as written, for
 * messages: the quoted path, or "phandle 0x..."
 * Return: @buf.
 */
const char *vm_ref_describe(const void *fdt, int node, const char *prop, int index, char *buf,
			    int size);

/**
 * vm_read_addr() - read @cells cells (1 or 2) at cell @index of @prop
 * Return: 0, -ENOENT when absent, -EINVAL when too short.
 */
int vm_read_addr(const void *fdt, int node, const char *prop, int index, int cells, u64 *out);

/**
 * vm_node_by_id() - the enabled VM node of /chosen whose "id" is @id, for
 * the properties that name another VM by id (shmem peers, console links)
 * Return: its offset, or a negative value when there is none.
 */
int vm_node_by_id(const void *fdt, u32 id);

/**
 * vm_device_irqs() - interrupt numbers of @node that belong to the host
 * interrupt controller (GIC: SPI INTID, per-CPU PPIs left out; PLIC: source
 * number), decoded by dt_read_irq()
 * Return: how many were written to @out (at most @max).
 */
int vm_device_irqs(const void *fdt, int node, u32 *out, int max);

/**
 * vm_image_data() - a readable copy of image @img the bootloader loaded, or
 * NULL when the caller cannot read it (the offline checker without -l).
 * The hypervisor reads its host address (core/vm.c); the checker and the
 * unit tests provide their own.
 */
const void *vm_image_data(const struct vm_image *img);

struct vm;

/**
 * vm_build() - build @vm (any slot, cleared first) from accepted @cfg,
 * VMID @index + 1; transactional: on failure everything it did is undone
 * and @vm is left zeroed
 * Return: 0 or -errno after logging.
 */
int vm_build(struct vm *vm, const struct vm_config *cfg, unsigned int index);

/** vm_ranges_overlap() - true if [a, a + as) and [b, b + bs) intersect. */
static inline bool vm_ranges_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

#endif
