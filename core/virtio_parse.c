// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio sub-nodes of VM nodes (dt-bindings/shyper,vm.yaml): reading,
 * checking, and placing each device in the guest's layout. Linked by the
 * hypervisor, the unit tests and the offline checker alike.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/shmem.h>
#include <shyper/virtio.h>
#include <shyper/virtio_mmio.h>
#include "vm_internal.h"

/* "/chosen/vm2/net0: local-mac-address: ..." : the VM, the sub-node and the property. */
#define virtio_refuse(vm, sub, prop, fmt, ...) \
	pr_err("%s/%s: %s: " fmt "\n", (vm)->path, sub, prop, ##__VA_ARGS__)

static int read_mac(const struct vm_node *vn, int node, struct vm_virtio *dev);
static int read_peer(const struct vm_node *vn, int node, struct vm_virtio *dev);
static int check_mac(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		     const struct vm_config *vms, unsigned int count);
static int check_link(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		      const struct vm_config *vms, unsigned int count);
static int read_disk(const struct vm_node *vn, int node, struct vm_virtio *dev);
static int check_disk(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		      const struct vm_config *vms, unsigned int count);

/*
 * One entry per device type: its compatible, the property that says the
 * rest (besides compatible, status and phandle), how to read it and how
 * to check it against the other VMs.
 */
static const struct {
	const char *compatible;
	const char *name;
	bool built;
	const char *prop;
	const char *flag;
	int (*read)(const struct vm_node *vn, int node, struct vm_virtio *dev);
	int (*check)(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		     const struct vm_config *vms, unsigned int count);
} kinds[] = {
    [VIRTIO_KIND_NET] = {"shyper,virtio-net", "virtio-net",
#ifdef CONFIG_VIRTIO_NET
			 true,
#else
			 false,
#endif
			 "local-mac-address", NULL, read_mac, check_mac},
    [VIRTIO_KIND_CONSOLE] = {"shyper,virtio-console", "virtio-console",
#ifdef CONFIG_VIRTIO_CONSOLE
			     true,
#else
			     false,
#endif
			     "peer", NULL, read_peer, check_link},
    [VIRTIO_KIND_BLK] = {"shyper,virtio-blk", "virtio-blk",
#ifdef CONFIG_VIRTIO_BLK
			 true,
#else
			 false,
#endif
			 "reg", "read-only", read_disk, check_disk},
};

static int kind_of(const void *fdt, int node)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!fdt_node_check_compatible(fdt, node, kinds[i].compatible))
			return (int)i;
	return -1;
}

bool virtio_is_node(const void *fdt, int node)
{
	return kind_of(fdt, node) >= 0;
}

const char *virtio_kind_name(enum virtio_kind kind)
{
	return kinds[kind].name;
}

static int check_props(const struct vm_node *vn, int node, const struct vm_virtio *dev)
{
	const char *allowed[] = {"compatible", kinds[dev->kind].prop, "status", "phandle",
				 kinds[dev->kind].flag};
	const char *name = dt_unknown_property(vn->fdt, node, allowed,
					       ARRAY_SIZE(allowed) - !kinds[dev->kind].flag);

	if (!name)
		return 0;
	virtio_refuse(vn->vm, dev->sub, name, "unknown property for a %s device",
		      kinds[dev->kind].name);
	return -EINVAL;
}

#define MAC_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define MAC_ARGS(m) m[0], m[1], m[2], m[3], m[4], m[5]

/* A unicast address (IEEE 802: bit 0 of the first octet clear), not all zero. */
static int read_mac(const struct vm_node *vn, int node, struct vm_virtio *dev)
{
	static const u8 zero[VIRTIO_MAC_LEN];
	int len;
	const u8 *p = fdt_getprop(vn->fdt, node, "local-mac-address", &len);

	if (!p || len != VIRTIO_MAC_LEN) {
		virtio_refuse(vn->vm, dev->sub, "local-mac-address",
			      "must be 6 bytes, e.g. [02 00 00 00 00 01]");
		return -EINVAL;
	}
	if ((p[0] & 1) || !memcmp(p, zero, sizeof(zero))) {
		virtio_refuse(vn->vm, dev->sub, "local-mac-address",
			      MAC_FMT " is not a unicast address", MAC_ARGS(p));
		return -EINVAL;
	}
	memcpy(dev->mac, p, VIRTIO_MAC_LEN);
	return 0;
}

/* One cell, another VM's id (that it exists and names us back: check_link()). */
static int read_peer(const struct vm_node *vn, int node, struct vm_virtio *dev)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, "peer", &len) || len != 4) {
		virtio_refuse(vn->vm, dev->sub, "peer", "must be one VM id, e.g. <2>");
		return -EINVAL;
	}
	dt_read_u32(vn->fdt, node, "peer", &dev->peer);
	if (dev->peer == vn->vm->id) {
		virtio_refuse(vn->vm, dev->sub, "peer", "VM %u is this VM itself", dev->peer);
		return -EINVAL;
	}
	return 0;
}

/* The loaded image's host range in the VM node's cells, and whether it is shared read-only. */
static int read_disk(const struct vm_node *vn, int node, struct vm_virtio *dev)
{
	int len;

	if (!fdt_getprop(vn->fdt, node, "reg", &len) || len != (vn->ac + vn->sc) * 4) {
		virtio_refuse(vn->vm, dev->sub, "reg",
			      "must be the loaded image's <address size> in the VM node's cells");
		return -EINVAL;
	}
	vm_read_addr(vn->fdt, node, "reg", 0, vn->ac, &dev->hpa);
	vm_read_addr(vn->fdt, node, "reg", vn->ac, vn->sc, &dev->size);
	if (dev->size < VIRTIO_DISK_SECTOR || dev->hpa + dev->size < dev->hpa) {
		virtio_refuse(vn->vm, dev->sub, "reg",
			      "0x%llx+0x%llx is not a disk of whole sectors",
			      (unsigned long long)dev->hpa, (unsigned long long)dev->size);
		return -EINVAL;
	}
	dev->read_only = fdt_getprop(vn->fdt, node, "read-only", NULL) != NULL;
	return 0;
}

int virtio_parse(struct vm_node *vn, int node)
{
	struct vm_config *vm = vn->vm;
	struct vm_virtio tmp = {.node = node, .sub = fdt_get_name(vn->fdt, node, NULL)};
	int kind = kind_of(vn->fdt, node), err;

	if (vm->nr_virtio == VM_MAX_VIRTIO) {
		virtio_refuse(vm, tmp.sub, "compatible", "more than %d virtio devices",
			      VM_MAX_VIRTIO);
		return -ENOSPC;
	}
	if (kind < 0)
		return -EINVAL; /* not called for other nodes (virtio_is_node()) */
	if (!kinds[kind].built) {
		virtio_refuse(vm, tmp.sub, "compatible", "this build has no %s emulation",
			      kinds[kind].name);
		return -ENOTSUP;
	}
	tmp.kind = (enum virtio_kind)kind;
	err = check_props(vn, node, &tmp);
	if (!err)
		err = kinds[kind].read(vn, node, &tmp);
	if (err)
		return err;
	vm->virtio[vm->nr_virtio++] = tmp;
	return 0;
}

/* The port of @vm other than @self with MAC @mac, or NULL. */
static const struct vm_virtio *mac_owner(const struct vm_config *vm, const struct vm_virtio *self,
					 const u8 *mac)
{
	unsigned int i;

	for (i = 0; i < vm->nr_virtio; i++)
		if (&vm->virtio[i] != self && vm->virtio[i].kind == VIRTIO_KIND_NET &&
		    !memcmp(vm->virtio[i].mac, mac, VIRTIO_MAC_LEN))
			return &vm->virtio[i];
	return NULL;
}

static int check_mac(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		     const struct vm_config *vms, unsigned int count)
{
	const struct vm_config *owner = vm;
	const struct vm_virtio *other = mac_owner(vm, dev, dev->mac);
	unsigned int j;

	for (j = 0; !other && j < count; j++)
		other = mac_owner(owner = &vms[j], NULL, dev->mac);
	if (!other)
		return 0;
	virtio_refuse(vm, dev->sub, "local-mac-address", MAC_FMT " is already the address of %s/%s",
		      MAC_ARGS(dev->mac), owner->path, other->sub);
	return -EEXIST;
}

/* VM node @vm_node has an enabled console end whose peer is VM @id. */
static bool links_back(const void *fdt, int vm_node, u32 id)
{
	int node;
	u32 v;

	fdt_for_each_subnode (node, fdt, vm_node)
		if (!fdt_node_check_compatible(fdt, node, kinds[VIRTIO_KIND_CONSOLE].compatible) &&
		    dt_is_enabled(fdt, node) && !dt_read_u32(fdt, node, "peer", &v) && v == id)
			return true;
	return false;
}

/*
 * Both ends declare the link: the peer is an enabled VM node with an end
 * naming this VM. One link per pair of VMs, so that each end has one
 * other end. A peer described but refused later is not an error: its end
 * just never comes up, and what this end sends waits or is dropped.
 */
static int check_link(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		      const struct vm_config *vms, unsigned int count)
{
	int node = vm_node_by_id(fdt, dev->peer);
	unsigned int i;

	for (i = 0; &vm->virtio[i] != dev; i++)
		if (vm->virtio[i].kind == VIRTIO_KIND_CONSOLE && vm->virtio[i].peer == dev->peer) {
			virtio_refuse(vm, dev->sub, "peer", "a second link to VM %u (%s is one)",
				      dev->peer, vm->virtio[i].sub);
			return -EEXIST;
		}
	if (node < 0) {
		virtio_refuse(vm, dev->sub, "peer", "no enabled VM node has id %u", dev->peer);
		return -ENOENT;
	}
	if (!links_back(fdt, node, vm->id)) {
		virtio_refuse(vm, dev->sub, "peer",
			      "VM %u (%s) has no virtio-console link to VM %u", dev->peer,
			      fdt_get_name(fdt, node, NULL), vm->id);
		return -ENOENT;
	}
	return 0;
}

int virtio_validate(const void *fdt, const struct vm_config *vm, const struct vm_config *vms,
		    unsigned int count)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->nr_virtio && !err; i++)
		err = kinds[vm->virtio[i].kind].check(fdt, vm, &vm->virtio[i], vms, count);
	return err;
}

/* What of @other (memory, an image, a disk other than @self) @dev's image overlaps, or NULL. */
static const char *disk_clash(const struct vm_config *other, const struct vm_virtio *dev,
			      const struct vm_virtio **disk)
{
	unsigned int i;

	/* Memory not fixed comes later from RAM without the disks. */
	for (i = 0; i < other->nr_mem; i++)
		if (other->mem[i].fixed &&
		    vm_ranges_overlap(dev->hpa, dev->size, other->mem[i].hpa, other->mem[i].size))
			return "memory";
	for (i = 0; i < VM_IMAGE_COUNT; i++)
		if (other->image[i].node >= 0 &&
		    vm_ranges_overlap(dev->hpa, dev->size, other->image[i].hpa,
				      other->image[i].size))
			return vm_image_name((enum vm_image_kind)i);
	for (i = 0; i < other->nr_virtio && &other->virtio[i] != dev; i++) {
		const struct vm_virtio *o = &other->virtio[i];

		if (o->kind != VIRTIO_KIND_BLK ||
		    !vm_ranges_overlap(dev->hpa, dev->size, o->hpa, o->size))
			continue;
		*disk = o;
		/* The same image read-only everywhere: a shared root filesystem. */
		if (o->hpa == dev->hpa && o->size == dev->size && o->read_only && dev->read_only)
			continue;
		return o->read_only ? "read-only disk" : "read-write disk";
	}
	return NULL;
}

/*
 * The image is in RAM, clear of reserved ranges (but the bootloader's own
 * record of it), of every VM's memory and images, and of other disks but
 * the same image that all name read-only. Allocated memory comes from RAM
 * without the disks (vm_collect_images()), so it cannot overlap later.
 */
static int check_disk(const void *fdt, const struct vm_config *vm, const struct vm_virtio *dev,
		      const struct vm_config *vms, unsigned int count)
{
	const struct mem_region *r = memmap_find_overlap(&platform.reserved, dev->hpa, dev->size);
	const struct vm_virtio *disk = NULL;
	const char *what = NULL;
	unsigned int j;

	(void)fdt;
	if (!memmap_contains(&platform.ram, dev->hpa, dev->size)) {
		virtio_refuse(vm, dev->sub, "reg", "0x%llx+0x%llx is not inside RAM",
			      (unsigned long long)dev->hpa, (unsigned long long)dev->size);
		return -ERANGE;
	}
	if (r && (r->base != dev->hpa || r->size != dev->size)) {
		virtio_refuse(vm, dev->sub, "reg", "0x%llx+0x%llx overlaps reserved range %s",
			      (unsigned long long)dev->hpa, (unsigned long long)dev->size, r->name);
		return -EBUSY;
	}
	what = disk_clash(vm, dev, &disk);
	for (j = 0; !what && j < count; j++)
		what = disk_clash(&vms[j], dev, &disk);
	if (!what)
		return 0;
	virtio_refuse(vm, dev->sub, "reg", "0x%llx+0x%llx is also the %s of %s%s%s",
		      (unsigned long long)dev->hpa, (unsigned long long)dev->size, what,
		      j ? vms[j - 1].path : "this VM", disk ? "/" : "", disk ? disk->sub : "");
	return -EBUSY;
}

/* Every interrupt @vm uses besides its virtio devices: passthrough, vuart, doorbells. */
static bool irq_used(const void *fdt, const struct vm_config *vm, u32 irq)
{
	const struct platform_device *con = platform_find_device(DEVICE_SERIAL);
	unsigned int i;
	u32 v;

	for (i = 0; i < vm->nr_irqs; i++)
		if (vm->irq[i] == irq)
			return true;
	for (i = 0; i < vm->nr_shmem; i++)
		if (vm->shmem[i].irq == irq)
			return true;
	for (i = 0; i < vm->layout.nr_virtio; i++)
		if (vm->layout.virtio_irq[i] == irq)
			return true;
	return vm->vuart && con && vm_device_irqs(fdt, con->node, &v, 1) == 1 && v == irq;
}

/* The first line that carries a device interrupt: the first SPI, or PLIC source 1. */
static u32 first_line(const struct vm_config *vm)
{
	return vm->layout.chip == GUEST_IRQCHIP_PLIC ? 1 : 32;
}

static u64 lowest_ram(const struct vm_config *vm)
{
	u64 low = ~0ULL;
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++)
		low = MIN(low, vm->mem[i].gpa);
	return low;
}

static u64 highest_ram_end(const struct vm_config *vm)
{
	u64 high = 0;
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++)
		high = MAX(high, vm->mem[i].gpa + vm->mem[i].size);
	return high;
}

/*
 * Downwards from below the lowest RAM, then upwards from above the highest;
 * a page only when nothing of the VM is there (shmem_guest_occupant()).
 * Bounded: each device needs one page, and the VM has few ranges.
 */
int vm_layout_free_page(const void *fdt, const struct vm_config *vm, u64 *out)
{
	u64 at = ALIGN_DOWN(lowest_ram(vm), (u64)PAGE_SIZE);
	unsigned int tries;

	for (tries = 0; tries < 4096 && at >= PAGE_SIZE; tries++) {
		at -= PAGE_SIZE;
		if (!shmem_guest_occupant(fdt, vm, at, PAGE_SIZE)) {
			*out = at;
			return 0;
		}
	}
	for (at = ALIGN_UP(highest_ram_end(vm), (u64)PAGE_SIZE), tries = 0; tries < 4096 && at;
	     tries++, at += PAGE_SIZE)
		if (!shmem_guest_occupant(fdt, vm, at, PAGE_SIZE)) {
			*out = at;
			return 0;
		}
	return -ENOSPC;
}

int virtio_layout(const void *fdt, struct vm_config *vm)
{
	struct vm_layout *l = &vm->layout;
	u64 page;
	u32 irq;

	for (l->nr_virtio = 0; l->nr_virtio < vm->nr_virtio; l->nr_virtio++) {
		const struct vm_virtio *dev = &vm->virtio[l->nr_virtio];

		if (vm_layout_free_page(fdt, vm, &page)) {
			virtio_refuse(vm, dev->sub, "compatible",
				      "no free guest page near the VM's memory for the device");
			return -ENOSPC;
		}
		for (irq = first_line(vm); irq_used(fdt, vm, irq); irq++)
			;
		/* The register page is trapped whole, the guest is told its used part. */
		l->virtio[l->nr_virtio] = (struct mem_region){page, PAGE_SIZE, dev->sub};
		l->virtio_irq[l->nr_virtio] = irq;
	}
	return 0;
}
