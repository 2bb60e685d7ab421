// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passthrough devices: a VM gets a host device node, its MMIO pages mapped
 * 1:1 and its interrupts. Mappings are page granular (4 KiB stage-2 /
 * G-stage pages), so a page shared with anything the VM does not own
 * (RAM, the hypervisor's UART or interrupt controller, another VM's
 * device) would leak it: such devices are refused.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include "vm_internal.h"

static bool nodes_related(const void *fdt, int a, int b)
{
	return dt_node_within(fdt, a, b) || dt_node_within(fdt, b, a);
}

/* Nodes that describe the system rather than a device. */
static int check_not_system(const void *fdt, const struct vm_config *vm, int dev, const char *path)
{
	if (!dt_is_system_node(fdt, dev))
		return 0;
	vm_refuse(vm, "passthrough", "%s is not a device", path);
	return -EINVAL;
}

/*
 * Devices the firmware or the hypervisor itself drives, by compatible: a
 * guest access would fault (M-mode-only registers) or compete with the
 * owner. PCIe host bridges are refused until their ranges windows and
 * interrupt-map reach the guest (Documentation/bindings.md).
 */
static const struct {
	const char *compatible;
	const char *owner;
} owned[] = {
    {"riscv,clint0", "the M-mode firmware (CLINT)"},
    {"sifive,clint0", "the M-mode firmware (CLINT)"},
    {"riscv,aclint-mswi", "the M-mode firmware (ACLINT MSWI)"},
    {"riscv,aclint-mtimer", "the M-mode firmware (ACLINT MTIMER)"},
    {"thead,c900-clint", "the M-mode firmware (CLINT)"},
    {"arm,psci", "the firmware (PSCI, answered by the hypervisor for guests)"},
    {"arm,psci-0.2", "the firmware (PSCI, answered by the hypervisor for guests)"},
    {"arm,psci-1.0", "the firmware (PSCI, answered by the hypervisor for guests)"},
    {"arm,scmi-smc", "the firmware (SCMI over SMC)"},
    {"linaro,optee-tz", "the secure firmware (OP-TEE)"},
};

static int check_not_firmware(const void *fdt, const struct vm_config *vm, int dev,
			      const char *path)
{
	const char *type = fdt_getprop(fdt, dev, "device_type", NULL);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(owned); i++)
		if (!fdt_node_check_compatible(fdt, dev, owned[i].compatible)) {
			vm_refuse(vm, "passthrough", "%s belongs to %s", path, owned[i].owner);
			return -EBUSY;
		}
	if (type && !strcmp(type, "pci")) {
		vm_refuse(vm, "passthrough",
			  "%s is a PCI host bridge: not supported yet (its ranges windows and "
			  "interrupt-map are not given to guests)",
			  path);
		return -ENOTSUP;
	}
	return 0;
}

static int check_owner(const void *fdt, const struct vm_config *vm, int dev, const char *path,
		       const struct vm_config *vms, unsigned int count)
{
	unsigned int i, j;

	for (i = 0; i < platform.device_count; i++)
		if (nodes_related(fdt, dev, platform.device[i].node)) {
			vm_refuse(vm, "passthrough", "%s is used by the hypervisor (%s %s)", path,
				  device_class_name(platform.device[i].class),
				  platform.device[i].driver);
			return -EBUSY;
		}
	for (i = 0; i < count; i++)
		for (j = 0; j < vms[i].nr_devices; j++)
			if (nodes_related(fdt, dev, vms[i].device[j])) {
				vm_refuse(vm, "passthrough", "%s is already given to %s", path,
					  vms[i].path);
				return -EBUSY;
			}
	return 0;
}

static int add_mmio(const void *fdt, struct vm_config *vm, int dev, const char *path)
{
	paddr_t base;
	u64 size;
	int i, err;

	for (i = 0; (err = dt_read_reg(fdt, dev, i, &base, &size)) != -ENOENT; i++) {
		if (err) {
			vm_refuse(vm, "passthrough", "%s: reg entry %d is not a CPU address", path,
				  i);
			return -EINVAL;
		}
		if (!size)
			continue;
		if (!IS_ALIGNED(base, PAGE_SIZE)) {
			vm_refuse(vm, "passthrough", "%s: MMIO 0x%llx is not page aligned", path,
				  (unsigned long long)base);
			return -EINVAL;
		}
		if (vm->nr_mmio == VM_MAX_MMIO) {
			vm_refuse(vm, "passthrough", "more than %d MMIO ranges", VM_MAX_MMIO);
			return -ENOSPC;
		}
		vm->mmio[vm->nr_mmio++] = (struct mem_region){base, ALIGN_UP(size, (u64)PAGE_SIZE),
							      fdt_get_name(fdt, dev, NULL)};
	}
	return 0;
}

/* Does any reg page of @node meet [base, base + size)? */
static bool reg_pages_overlap(const void *fdt, int node, paddr_t base, u64 size)
{
	paddr_t b;
	u64 s;
	int i;

	for (i = 0; !dt_read_reg(fdt, node, i, &b, &s); i++)
		if (s && vm_ranges_overlap(base, size, ALIGN_DOWN(b, (u64)PAGE_SIZE),
					   ALIGN_UP(b + s, (u64)PAGE_SIZE) -
					       ALIGN_DOWN(b, (u64)PAGE_SIZE)))
			return true;
	return false;
}

static int check_page(const void *fdt, const struct vm_config *vm, const struct mem_region *r,
		      const struct vm_config *vms, unsigned int count)
{
	unsigned int i, j;

	if (memmap_find_overlap(&platform.ram, r->base, r->size)) {
		vm_refuse(vm, "passthrough", "%s: MMIO 0x%llx+0x%llx overlaps RAM", r->name,
			  (unsigned long long)r->base, (unsigned long long)r->size);
		return -EBUSY;
	}
	for (i = 0; i < platform.device_count; i++)
		if (reg_pages_overlap(fdt, platform.device[i].node, r->base, r->size)) {
			vm_refuse(vm, "passthrough",
				  "%s: MMIO 0x%llx shares a page with the hypervisor's %s", r->name,
				  (unsigned long long)r->base,
				  device_class_name(platform.device[i].class));
			return -EBUSY;
		}
	for (i = 0; i < count; i++)
		for (j = 0; j < vms[i].nr_mmio; j++)
			if (vm_ranges_overlap(r->base, r->size, vms[i].mmio[j].base,
					      vms[i].mmio[j].size)) {
				vm_refuse(vm, "passthrough",
					  "%s: MMIO 0x%llx shares a page with %s of %s", r->name,
					  (unsigned long long)r->base, vms[i].mmio[j].name,
					  vms[i].path);
				return -EBUSY;
			}
	return 0;
}

int vm_device_irqs(const void *fdt, int node, u32 *out, int max)
{
	const struct platform_device *ic = platform_find_device(DEVICE_IRQCHIP);
	int i, n = 0, count = dt_irq_count(fdt, node);
	struct dt_irq irq;

	/* Per-CPU interrupts (GIC PPIs) are owned with the CPU, not the device. */
	for (i = 0; ic && i < count && n < max; i++)
		if (!dt_read_irq(fdt, node, i, &irq) && irq.ctrl == ic->node && !irq.percpu)
			out[n++] = irq.hwirq;
	return n;
}

static int check_irqs(const void *fdt, const struct vm_config *vm, unsigned int first,
		      const char *path, const struct vm_config *vms, unsigned int count)
{
	u32 hyp[8];
	unsigned int i, j, k;
	int n;

	for (i = first; i < vm->nr_irqs; i++) {
		for (j = 0; j < platform.device_count; j++) {
			n = vm_device_irqs(fdt, platform.device[j].node, hyp, ARRAY_SIZE(hyp));
			while (n-- > 0)
				if (hyp[n] == vm->irq[i]) {
					vm_refuse(vm, "passthrough",
						  "%s: interrupt %u is the hypervisor's", path,
						  vm->irq[i]);
					return -EBUSY;
				}
		}
		for (j = 0; j < count; j++)
			for (k = 0; k < vms[j].nr_irqs; k++)
				if (vms[j].irq[k] == vm->irq[i]) {
					vm_refuse(vm, "passthrough",
						  "%s: interrupt %u already belongs to %s", path,
						  vm->irq[i], vms[j].path);
					return -EBUSY;
				}
	}
	return 0;
}

static int check_device(const void *fdt, struct vm_config *vm, int dev, const struct vm_config *vms,
			unsigned int count)
{
	char path[VM_PATH_LEN];
	unsigned int first_mmio = vm->nr_mmio, first_irq = vm->nr_irqs, i;
	int err;

	dt_path(fdt, dev, path, sizeof(path));
	err = check_not_system(fdt, vm, dev, path);
	if (!err)
		err = check_not_firmware(fdt, vm, dev, path);
	if (!err)
		err = check_owner(fdt, vm, dev, path, vms, count);
	if (!err)
		err = add_mmio(fdt, vm, dev, path);
	for (i = first_mmio; !err && i < vm->nr_mmio; i++)
		err = check_page(fdt, vm, &vm->mmio[i], vms, count);
	if (err)
		return err;
	if (dt_irq_count(fdt, dev) < 0) {
		vm_refuse(vm, "passthrough", "%s: interrupts cannot be decoded", path);
		return -EINVAL;
	}
	vm->nr_irqs += vm_device_irqs(fdt, dev, vm->irq + vm->nr_irqs, VM_MAX_IRQS - vm->nr_irqs);
	return check_irqs(fdt, vm, first_irq, path, vms, count);
}

int vm_validate_devices(const void *fdt, struct vm_config *vm, const struct vm_config *vms,
			unsigned int count)
{
	unsigned int i;
	int err;

	vm->nr_mmio = 0;
	vm->nr_irqs = 0;
	for (i = 0; i < vm->nr_devices; i++) {
		err = check_device(fdt, vm, vm->device[i], vms, count);
		if (err)
			return err;
	}
	return 0;
}
