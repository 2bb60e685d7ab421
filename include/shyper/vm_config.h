/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM descriptions read from the /chosen "shyper,vm" nodes of the host DTB
 * (binding: dt-bindings/shyper,vm.yaml, guide: Documentation/bindings.md).
 *
 * vm_config_parse() turns every such node into a validated struct
 * vm_config or refuses it with a message naming the node and the
 * property; the other VMs are kept. Strings point into the host DTB,
 * which stays mapped and reserved for the hypervisor's lifetime.
 */
#ifndef SHYPER_VM_CONFIG_H
#define SHYPER_VM_CONFIG_H

#include <shyper/memmap.h>
#include <shyper/shmem.h>
#include <shyper/virtio.h>
#include <shyper/vm_layout.h>
#include <shyper/types.h>

#define VM_MAX CONFIG_MAX_VMS

#define VM_MAX_MEM 8
#define VM_MAX_DEVICES 16
#define VM_MAX_MMIO 32
#define VM_MAX_IRQS 64
#define VM_PATH_LEN 64
/* The biggest id; ids are small so they can double as a VMID. */
#define VM_ID_MAX 255

/*
 * Guest placement defaults (Documentation/bindings.md, "Image placement"):
 * the DTB gets the top 2 MiB of the first memory range, and a kernel is
 * assumed to need half its file size again for bss and early page tables.
 */
#define VM_DTB_SLOT SZ_2M
#define VM_KERNEL_FOOTPRINT(size) ALIGN_UP((size) + (size) / 2, (u64)PAGE_SIZE)

/* Values are the SHYPER_VM_* constants of dt-bindings/shyper.h. */
enum vm_type {
	VM_TYPE_GENERAL = 0,
	VM_TYPE_MANAGEMENT = 1,
	VM_TYPE_REALTIME = 2,
	VM_TYPE_COUNT,
};

/*
 * What a guest's own power-off or reboot does ("on-poweroff", "on-reboot",
 * after libvirt's on_poweroff / on_reboot). DEFAULT: the property is
 * absent, which means STOP for a power-off and RESTART for a reboot.
 */
enum vm_action {
	VM_ACTION_DEFAULT,
	VM_ACTION_RESTART,
	VM_ACTION_STOP,
	VM_ACTION_DESTROY,
	VM_ACTION_COUNT,
};

/* "restart-limit" bounds (Documentation/bindings.md, "Restart policies"). */
#define VM_RESTART_LIMIT_MAX 16
#define VM_RESTART_WINDOW_MAX 86400

enum vm_image_kind {
	VM_IMAGE_KERNEL,
	VM_IMAGE_RAMDISK,
	VM_IMAGE_DTB,
	VM_IMAGE_COUNT,
};

/**
 * struct vm_image - a file the bootloader loaded for the VM
 * @node: its /chosen sub-node, or -1 when absent
 * @hpa: where the bootloader put it (host physical)
 * @size: bytes loaded
 * @gpa: where it is copied in guest memory
 * @gpa_fixed: @gpa came from the node's "load" property
 * @data: readable copy of the image, set by the caller (the hypervisor
 *        maps @hpa, the offline checker reads a file); NULL if unknown
 */
struct vm_image {
	int node;
	paddr_t hpa;
	u64 size;
	u64 gpa;
	bool gpa_fixed;
	const void *data;
};

/**
 * struct vm_mem - one guest-physical RAM range
 * @hpa: backing host range: from "host-memory" when @fixed, else
 *       allocated by vm_config_parse()
 */
struct vm_mem {
	u64 gpa;
	u64 size;
	paddr_t hpa;
	bool fixed;
};

/**
 * struct vm_config - one validated VM description
 * @node: the VM node in the host DTB
 * @path: its full path, for messages
 * @id: the "id" property, unique
 * @label: "label", or the node name when absent
 * @pcpu: vCPU n runs on physical CPU @pcpu[n] (owned by this VM alone)
 * @cpus_fixed: @pcpu came from "host-cpus" rather than a count
 * @entry: guest-physical entry point of the kernel
 * @vuart: a virtual UART modelled on the host console is present
 * @device: host DTB nodes passed through, in property order
 * @mmio: page-rounded MMIO ranges of @device, mapped 1:1
 * @irq: interrupt numbers (GIC INTID or PLIC source) of @device
 * @shmem: shared memory regions ("shyper,shmem" sub-nodes, include/shyper/shmem.h)
 * @virtio: emulated virtio devices (virtio sub-nodes, include/shyper/virtio.h)
 * @layout: what the guest sees, filled by vm_layout_compute() at validation
 * @on_poweroff: "on-poweroff": what the guest's own power-off does
 * @on_reboot: "on-reboot": what the guest's own reboot does
 * @staging_size: "staging-size": the management VM's staging window in
 *                bytes, 0 for CONFIG_CONTROL_STAGING_KIB
 * @on_crash: "on-crash": what a crash does (its watchdog expired, or every
 *            vCPU died on an unrecoverable fault); DEFAULT means stop
 * @restart_limit: "restart-limit" <count seconds>: more than @count crash
 *                 restarts within @seconds stop the VM ("crash loop");
 *                 count 0: no limit (the property is absent)
 * @watchdog: "watchdog": the VM gets a virtual watchdog (core/vwdt.c)
 */
struct vm_config {
	int node;
	char path[VM_PATH_LEN];
	u32 id;
	const char *label;
	const void *fdt; /* the tree it was read from: the host DT, or a copy with its overlay */
	enum vm_type type;
	const char *bootargs;
	unsigned int nr_vcpus;
	cpuid_t pcpu[VM_MAX_VCPUS];
	bool cpus_fixed;
	unsigned int nr_mem;
	struct vm_mem mem[VM_MAX_MEM];
	struct vm_image image[VM_IMAGE_COUNT];
	u64 entry;
	bool vuart;
	unsigned int nr_devices;
	int device[VM_MAX_DEVICES];
	unsigned int nr_mmio;
	struct mem_region mmio[VM_MAX_MMIO];
	unsigned int nr_irqs;
	u32 irq[VM_MAX_IRQS];
	unsigned int nr_shmem;
	struct vm_shmem shmem[VM_MAX_SHMEM];
	unsigned int nr_virtio;
	struct vm_virtio virtio[VM_MAX_VIRTIO];
	struct vm_layout layout;
	enum vm_action on_poweroff;
	enum vm_action on_reboot;
	u64 staging_size;
	enum vm_action on_crash;
	struct {
		u32 count;
		u32 seconds;
	} restart_limit;
	bool watchdog;
};

/**
 * vm_ram_range() - the RAM range of @vm holding all of guest range
 * [@gpa, @gpa + @size): the one test of "is it guest RAM"
 * Return: the range, or NULL when no single range holds it.
 */
static inline const struct vm_mem *vm_ram_range(const struct vm_config *vm, u64 gpa, u64 size)
{
	unsigned int i;

	for (i = 0; i < vm->nr_mem; i++) {
		const struct vm_mem *m = &vm->mem[i];

		/* Written so that no sum can wrap around. */
		if (gpa >= m->gpa && size <= m->size && gpa - m->gpa <= m->size - size)
			return m;
	}
	return NULL;
}

/**
 * vm_config_parse() - read and validate every "shyper,vm" node of /chosen
 * @fdt: the host DTB, after platform_discover() and the device probes
 * @vms: array that receives the accepted VMs, in DTB order
 * @max: its capacity
 *
 * A node that fails a check is refused with a message naming its path and
 * the property, and is left out; the rest go on. The host memory of the
 * accepted VMs is taken out of platform.usable.
 *
 * Return: the number of VMs accepted (0 when none are described), or
 * -EINVAL when @fdt itself is unusable.
 */
int vm_config_parse(const void *fdt, struct vm_config *vms, unsigned int max);

/**
 * vm_config_parse_created() - vm_config_parse() for one VM node @node of
 * @fdt at run time, validated against @live (the @nr_live VMs that hold
 * CPUs, memory, ids and interrupts now) and the free RAM; on success its
 * RAM is taken out of platform.usable
 * Return: 0 and *@out, or -errno after logging the node path and property.
 */
int vm_config_parse_created(const void *fdt, int node, const struct vm_config *live,
			    unsigned int nr_live, struct vm_config *out);

/**
 * vm_config_lookalikes() - /chosen nodes that look like VMs but are not
 * "shyper,vm" nodes (named vm*, or another "shyper,*" compatible, e.g. the
 * typo "shyper,vmm"); each is named in a warning when @report is set
 * Return: how many there are.
 */
int vm_config_lookalikes(const void *fdt, bool report);

/**
 * vm_config_owner() - the VM, of those vm_config_parse() accepted last,
 * that @node (or a node above it) is passed through to
 * Return: the VM or NULL.
 */
const struct vm_config *vm_config_owner(const void *fdt, int node);

/**
 * vm_config_print() - the VM table on the console, one block per VM
 * @vms: accepted VMs as vm_config_parse() returned them
 * @count: how many
 */
void vm_config_print(const struct vm_config *vms, unsigned int count);

/**
 * vm_config_print_one() - one VM's block of the table (a VM created at run
 * time); @vms and @count are the VMs its links may name
 */
void vm_config_print_one(const struct vm_config *vm, const struct vm_config *vms,
			 unsigned int count);

/** vm_action_name() - "restart", "stop" or "destroy" (DEFAULT: NULL). */
static inline const char *vm_action_name(enum vm_action action)
{
	static const char *const names[VM_ACTION_COUNT] = {
	    [VM_ACTION_RESTART] = "restart",
	    [VM_ACTION_STOP] = "stop",
	    [VM_ACTION_DESTROY] = "destroy",
	};

	return action < VM_ACTION_COUNT ? names[action] : NULL;
}

/** vm_type_name() - "general", "management" or "realtime". */
const char *vm_type_name(enum vm_type type);

/** vm_image_name() - "kernel", "ramdisk" or "device-tree". */
const char *vm_image_name(enum vm_image_kind kind);

/** vm_image_compatible() - the binding's compatible of image @kind ("shyper,kernel", ...). */
const char *vm_image_compatible(enum vm_image_kind kind);

/**
 * vm_image_node() - the sub-node of the VM node @vm_node that holds image
 * @kind (found by compatible, as the parse finds it), or -ENOENT
 */
int vm_image_node(const void *fdt, int vm_node, enum vm_image_kind kind);

#endif
