/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a guest sees of the machine: one record per VM, computed once by
 * vm_layout_compute() when the VM is validated, and read by the checks,
 * the guest DT builder, the virtual interrupt controllers and PSCI/SBI,
 * so that the DT a guest reads and the hardware it talks to cannot differ
 * (Documentation/architecture.md, "Where each fact is computed").
 */
#ifndef SHYPER_VM_LAYOUT_H
#define SHYPER_VM_LAYOUT_H

#include <shyper/memmap.h>
#include <shyper/types.h>

/* vCPUs per VM: the GICv3 and PLIC views below have room for this many. */
#define VM_MAX_VCPUS MIN(CONFIG_MAX_CPUS, 32)
#define VM_LAYOUT_IRQCHIP_FRAMES 2
/* Emulated virtio devices per VM (include/shyper/virtio.h). */
#define VM_MAX_VIRTIO 4

/* The kind of interrupt controller, from the host irqchip's compatible. */
enum guest_irqchip {
	GUEST_IRQCHIP_NONE,
	GUEST_IRQCHIP_GICV2,
	GUEST_IRQCHIP_GICV3,
	GUEST_IRQCHIP_PLIC,
};

/* CPU interfaces a GICv2 can name (GICD_ITARGETSR, IHI 0048B 4.3.12). */
#define GICV2_MAX_VCPUS 8

/* One GICv3 redistributor: RD_base + SGI_base frames, IHI 0069 12.10. */
#define GICR_FRAMES_SIZE 0x20000

/**
 * struct vm_layout - the guest's view, at guest-physical addresses
 * @chip: the virtual interrupt controller's model (the host's)
 * @nr_irqchip: register ranges in @irqchip
 * @irqchip: GICv2 distributor + CPU interface, GICv3 distributor +
 *           one redistributor per vCPU, or the PLIC (exact, not rounded)
 * @vuart: the virtual UART's registers (the host console's reg), size 0
 *         when the VM has none
 * @control: the management VM's control page (Documentation/control.md):
 *           the first 2 MiB boundary above its highest RAM; size 0 for
 *           the other VMs
 * @timer_node: arm64: the host timer node the guest's /timer copies, or <0
 * @timer_ppi: arm64: INTID of the virtual timer PPI the guest gets, 0 if none
 * @vcpu_hwid: vCPU n's MPIDR affinity (Aff3.Aff2.Aff1.Aff0) or hart id
 * @nr_virtio: emulated virtio devices placed so far (virtio_layout())
 * @virtio: device n's virtio-mmio register page
 * @virtio_irq: device n's interrupt: GIC INTID or PLIC source
 */
struct vm_layout {
	enum guest_irqchip chip;
	unsigned int nr_irqchip;
	struct mem_region irqchip[VM_LAYOUT_IRQCHIP_FRAMES];
	struct mem_region vuart;
	struct mem_region control;
	struct mem_region staging; /* the management VM's, 2 MiB above @control */
	struct mem_region watchdog; /* its virtual watchdog's page ("watchdog"), or size 0 */
	int timer_node;
	u32 timer_ppi;
	u64 vcpu_hwid[VM_MAX_VCPUS];
	unsigned int nr_virtio;
	struct mem_region virtio[VM_MAX_VIRTIO];
	u32 virtio_irq[VM_MAX_VIRTIO];
};

struct vm_config;

/**
 * vm_layout_compute() - fill @vm's layout from the host DTB @fdt (after
 * platform discovery and the device probes) and @vm's vCPU count
 * Return: 0, or -errno after logging the VM path and the property.
 */
int vm_layout_compute(const void *fdt, struct vm_config *vm);

/**
 * vm_layout_free_page() - a guest page near @vm's RAM where nothing of it
 * is yet: downwards from below its lowest RAM, then upwards from above
 * its highest (emulated devices' pages)
 * Return: 0 and *@out, or -ENOSPC.
 */
int vm_layout_free_page(const void *fdt, const struct vm_config *vm, u64 *out);

/**
 * vm_layout_vcpu() - the vCPU whose hardware id is @hwid
 * Return: its index, or -1 when no vCPU of the layout has it.
 */
int vm_layout_vcpu(const struct vm_layout *l, unsigned int nr_vcpus, u64 hwid);

#endif
