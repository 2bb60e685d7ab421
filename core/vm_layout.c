// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's view of the machine (struct vm_layout), computed once per VM
 * at validation. Every consumer reads the record: the guest DT builder
 * writes it, the vGIC/vPLIC emulate it, PSCI/SBI look vCPUs up in it.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/guest_dt.h>
#include <shyper/platform.h>
#include <shyper/timer.h>
#include <shyper/vwdt.h>
#include "vm_internal.h"

/*
 * vCPU n: MPIDR Aff1 = n / 16, Aff0 = n % 16. Linux sends GICv3 SGIs with
 * a 16-bit TargetList per Aff1 cluster (ICC_SGI1R_EL1, IHI 0069 12.2.21)
 * unless the range selector is supported, so 16 vCPUs per cluster reach
 * every guest. A hart id is just n (riscv/cpus.yaml).
 */
static u64 vcpu_hwid(enum guest_irqchip chip, unsigned int n)
{
	if (chip == GUEST_IRQCHIP_PLIC)
		return n;
	return ((u64)(n / 16) << 8) | (n % 16);
}

/* The guest-visible register ranges of the virtual interrupt controller. */
static int irqchip_frames(const void *fdt, struct vm_config *vm)
{
	const struct platform_device *ic = platform_find_device(DEVICE_IRQCHIP);
	struct vm_layout *l = &vm->layout;
	unsigned int n = l->chip == GUEST_IRQCHIP_PLIC ? 1 : 2, i;

	/* GICv2 names at most 8 CPU interfaces (IHI 0048B 4.3.12, GICD_ITARGETSR). */
	if (l->chip == GUEST_IRQCHIP_GICV2 && vm->nr_vcpus > GICV2_MAX_VCPUS) {
		vm_refuse(vm, "cpus", "%u vCPUs, but a GICv2 serves at most %u", vm->nr_vcpus,
			  GICV2_MAX_VCPUS);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		struct mem_region *r = &l->irqchip[i];

		if (dt_read_reg(fdt, ic->node, i, &r->base, &r->size)) {
			vm_refuse(vm, "irqchip",
				  "the host interrupt controller has no reg entry %u", i);
			return -EINVAL;
		}
		r->name = "irqchip";
	}
	/* The guest's redistributors: one frame pair per vCPU from the first. */
	if (l->chip == GUEST_IRQCHIP_GICV3)
		l->irqchip[1].size = (u64)GICR_FRAMES_SIZE * vm->nr_vcpus;
	l->nr_irqchip = n;
	return 0;
}

/* A host whose interrupt controller Shyper cannot model for guests (issue 14: AIA). */
static int no_virtual_irqchip(const void *fdt, struct vm_config *vm)
{
	const struct platform_device *ic = platform_find_device(DEVICE_IRQCHIP);
	const char *compat = ic ? fdt_getprop(fdt, ic->node, "compatible", NULL) : NULL;

	vm_refuse(vm, "irqchip",
		  "no virtual interrupt controller for the host's %s (guests get a GIC or a "
		  "PLIC; a virtual APLIC/IMSIC is not there yet)",
		  compat ? compat : "interrupt controller");
	return -EINVAL;
}

static void vuart_regs(const void *fdt, struct vm_config *vm)
{
	const struct platform_device *con = platform_find_device(DEVICE_SERIAL);
	struct mem_region *r = &vm->layout.vuart;

	if (!vm->vuart || !con || dt_read_reg(fdt, con->node, 0, &r->base, &r->size))
		r->size = 0;
	r->name = "vuart";
}

/*
 * Above all of the VM's RAM, so that growing a RAM range never moves it
 * into the middle; 2 MiB aligned, a block boundary of both stage-2 and
 * G-stage. Other occupants are checked at validation (vm_validate.c).
 */
static void control_page(struct vm_config *vm)
{
	struct mem_region *r = &vm->layout.control;
	u64 end = 0;
	unsigned int i;

	r->name = "control page";
	vm->layout.staging.name = "staging window";
	if (vm->type != VM_TYPE_MANAGEMENT)
		return;
	for (i = 0; i < vm->nr_mem; i++)
		end = MAX(end, vm->mem[i].gpa + vm->mem[i].size);
	r->base = ALIGN_UP(end, (u64)SZ_2M);
	r->size = PAGE_SIZE;
	/* Its own 2 MiB blocks: nothing else shares the control page's. */
	vm->layout.staging.base = r->base + SZ_2M;
	vm->layout.staging.size =
	    vm->staging_size ? vm->staging_size
			     : ALIGN_UP((u64)CONFIG_CONTROL_STAGING_KIB * 1024, (u64)SZ_2M);
}

/* The virtual watchdog's register page (include/shyper/vwdt.h). */
static int watchdog_page(const void *fdt, struct vm_config *vm)
{
	struct mem_region *r = &vm->layout.watchdog;

	r->name = "watchdog";
	if (!vm->watchdog)
		return 0;
	if (!vwdt_desc_of(vm->layout.chip)) {
		vm_refuse(vm, "watchdog", "no watchdog model for this interrupt controller");
		return -ENODEV;
	}
	if (vm_layout_free_page(fdt, vm, &r->base)) {
		vm_refuse(vm, "watchdog", "no free guest page near the VM's memory");
		return -ENOSPC;
	}
	r->size = PAGE_SIZE;
	return 0;
}

static int find_host_timer(const void *fdt)
{
	const struct dt_device_id *match = driver_match(&arch_timer_dt);
	const struct platform_device *dev = platform_find_device(DEVICE_TIMER);
	int node;

	if (!match)
		return -FDT_ERR_NOTFOUND;
	if (dev && dt_match_id(fdt, dev->node, match))
		return dev->node;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (dt_match_id(fdt, node, match))
			return node;
	return -FDT_ERR_NOTFOUND;
}

int vm_layout_compute(const void *fdt, struct vm_config *vm)
{
	struct vm_layout *l = &vm->layout;
	unsigned int n;
	int err = 0;

	memset(l, 0, sizeof(*l));
	l->chip = guest_dt_irqchip(fdt);
	l->timer_node = -1;
	for (n = 0; n < vm->nr_vcpus; n++)
		l->vcpu_hwid[n] = vcpu_hwid(l->chip, n);
	if (l->chip == GUEST_IRQCHIP_NONE)
		err = no_virtual_irqchip(fdt, vm);
	else
		err = irqchip_frames(fdt, vm);
	vuart_regs(fdt, vm);
	control_page(vm);
	if (l->chip != GUEST_IRQCHIP_PLIC) {
		l->timer_node = find_host_timer(fdt);
		if (l->timer_node >= 0 && arch_timer_dt_ppi)
			l->timer_ppi = arch_timer_dt_ppi(fdt, l->timer_node, ARCH_TIMER_VIRT);
	}
	/* Last: the devices go where nothing else of the guest is. */
	if (!err)
		err = watchdog_page(fdt, vm);
	if (!err)
		err = virtio_layout(fdt, vm); /* core/virtio_parse.c */
	return err;
}

int vm_layout_vcpu(const struct vm_layout *l, unsigned int nr_vcpus, u64 hwid)
{
	unsigned int n;

	for (n = 0; n < nr_vcpus; n++)
		if (l->vcpu_hwid[n] == hwid)
			return (int)n;
	return -1;
}
