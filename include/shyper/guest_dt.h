/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device tree a VM boots with, written from the host DTB and the VM's
 * description (Documentation/bindings.md, "What the guest sees").
 *
 * Guest view contract with the vCPU and virtual device code:
 * - Everything below comes from the VM's struct vm_layout (vm_layout.h),
 *   which the vGIC/vPLIC and PSCI/SBI read too.
 * - vCPU n has MPIDR Aff1 = n / 16, Aff0 = n % 16 (arm64) or hart id n
 *   (riscv).
 * - The virtual interrupt controller is the host's model at the host's
 *   addresses: GICv2 distributor and CPU interface, GICv3 distributor and
 *   one redistributor frame pair (128 KiB) per vCPU from the host's first
 *   redistributor; the PLIC at its host address with one context per
 *   vCPU, context n being vCPU n's supervisor external interrupt.
 * - The virtual UART is the host console's model (compatible, registers,
 *   interrupt) at the host console's address, with a fixed clock.
 * - PSCI through "hvc" on arm64; SBI on riscv.
 * - Phandles are renumbered from 1 in a fixed order, so the same layout
 *   gives the same guest DTB whatever phandles the host DTB used.
 */
#ifndef SHYPER_GUEST_DT_H
#define SHYPER_GUEST_DT_H

#include <shyper/types.h>
#include <shyper/vm_config.h>

/**
 * guest_dt_build() - write @vm's device tree into @buf
 * @host_fdt: the host DTB, after platform discovery and device probes
 * @vm: a description accepted by vm_config_parse()
 * @buf: destination, at most VM_DTB_SLOT bytes are useful
 * @size: its size
 *
 * A VM with its own device-tree image gets a copy of it (vm->image's
 * @data must then be set), checked with guest_dt_check() and completed
 * with /chosen bootargs and initrd addresses. Uses static scratch state:
 * call from one CPU at a time.
 *
 * Return: 0, -ENOSPC when @buf is too small, -ENOENT when an own DTB is
 * not readable, or -errno after logging the VM path and what is wrong.
 */
int guest_dt_build(const void *host_fdt, const struct vm_config *vm, void *buf, size_t size);

/**
 * guest_dt_check() - check a VM's own device tree against its description:
 * as many CPUs as vCPUs, memory inside the VM's ranges, and every other
 * node with reg at an address the VM owns (passthrough MMIO, virtual
 * interrupt controller, virtual UART, shared memory regions and doorbells)
 * Return: 0 or -EINVAL after logging the first mismatch.
 */
int guest_dt_check(const void *host_fdt, const void *guest_fdt, const struct vm_config *vm);

/** guest_dt_irqchip() - the kind of the hypervisor's interrupt controller. */
enum guest_irqchip guest_dt_irqchip(const void *host_fdt);

#define GUEST_DT_MAX_REGIONS (4 + VM_MAX_VIRTIO)

/**
 * guest_dt_virt_regions() - guest-physical ranges of the virtual
 * interrupt controller and UART (page-rounded), of the management VM's
 * control page and of the emulated virtio devices placed so far
 * Return: how many were written to @out.
 */
int guest_dt_virt_regions(const void *host_fdt, const struct vm_config *vm, struct mem_region *out,
			  int max);

#endif
