// SPDX-License-Identifier: GPL-2.0-only
/*
 * A VM may bring its own device tree (a "shyper,device-tree" image). It
 * is used as is, but must not promise the guest more than the VM has:
 * the same number of CPUs, memory inside the VM's ranges, and devices
 * only at addresses the VM owns.
 */
#define pr_fmt(fmt) "guest-dt: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/printk.h>
#include "vm_internal.h"

static int count_cpus(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, n = 0;
	const char *type;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode (node, fdt, cpus) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		n += type && !strcmp(type, "cpu") && dt_is_enabled(fdt, node);
	}
	return n;
}

static bool in_regions(const struct mem_region *r, unsigned int n, u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (base >= r[i].base && base + size <= r[i].base + r[i].size &&
		    base + size >= base)
			return true;
	return false;
}

/* Inside one of the VM's shared memory regions or doorbell pages. */
static bool in_shmem(const struct vm_config *vm, u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < vm->nr_shmem; i++) {
		const struct mem_region r[2] = {{vm->shmem[i].gpa, vm->shmem[i].size, NULL},
						{vm->shmem[i].doorbell, PAGE_SIZE, NULL}};

		if (in_regions(r, 2, base, size))
			return true;
	}
	return false;
}

static bool is_memory(const void *fdt, int node)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	return type && !strcmp(type, "memory");
}

/*
 * A node Shyper itself would copy (a provider referenced by a passthrough
 * device, such as a clock controller) may appear with its host address.
 */
static bool is_copied_host_node(const void *host, const char *path, const struct guest_dt *sel)
{
	int node = fdt_path_offset(host, path);
	unsigned int i;

	for (i = 0; node >= 0 && sel && i < sel->nr_nodes; i++)
		if (sel->node[i].host == node)
			return true;
	return false;
}

/* Whether a node's reg (CPU addresses only) lies where the VM may look. */
static int check_node_reg(const void *host, const void *guest, int node, const struct vm_config *vm,
			  const struct mem_region *virt, int nvirt, const struct guest_dt *sel)
{
	char path[VM_PATH_LEN];
	paddr_t base;
	u64 size;
	int i;

	for (i = 0; !dt_read_reg(guest, node, i, &base, &size); i++) {
		bool ok = is_memory(guest, node)
			      ? vm_ram_range(vm, base, size) != NULL
			      : in_regions(vm->mmio, vm->nr_mmio, base, size) ||
				    in_regions(virt, nvirt, base, size) || in_shmem(vm, base, size);

		dt_path(guest, node, path, sizeof(path));
		if (!size || ok ||
		    (!is_memory(guest, node) && is_copied_host_node(host, path, sel)))
			continue;
		vm_refuse(vm, "device-tree", "%s at 0x%llx+0x%llx is not %s of this VM", path,
			  (unsigned long long)base, (unsigned long long)size,
			  is_memory(guest, node) ? "inside the memory" : "a device");
		return -EINVAL;
	}
	return 0;
}

int guest_dt_check(const void *host_fdt, const void *guest_fdt, const struct vm_config *vm)
{
	const struct guest_dt *sel = guest_dt_selection(host_fdt, vm);
	struct mem_region virt[GUEST_DT_MAX_REGIONS];
	int nvirt = guest_dt_virt_regions(host_fdt, vm, virt, ARRAY_SIZE(virt));
	int node, cpus, skip = -1, err;

	if (fdt_check_header(guest_fdt)) {
		vm_refuse(vm, "device-tree", "not a DTB");
		return -EINVAL;
	}
	cpus = count_cpus(guest_fdt);
	if (cpus != (int)vm->nr_vcpus) {
		vm_refuse(vm, "device-tree", "/cpus lists %d CPUs, the VM has %u vCPUs", cpus,
			  vm->nr_vcpus);
		return -EINVAL;
	}
	/* CPU and reserved-memory reg are not MMIO: skip those subtrees. */
	for (node = fdt_next_node(guest_fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(guest_fdt, node, NULL)) {
		const char *name = fdt_get_name(guest_fdt, node, NULL);

		if (skip >= 0 && fdt_supernode_atdepth_offset(guest_fdt, node, 1, NULL) == skip)
			continue;
		if (fdt_parent_offset(guest_fdt, node) == 0 && name &&
		    (!strcmp(name, "cpus") || !strcmp(name, "reserved-memory"))) {
			skip = node;
			continue;
		}
		err = check_node_reg(host_fdt, guest_fdt, node, vm, virt, nvirt, sel);
		if (err)
			return err;
	}
	return 0;
}
