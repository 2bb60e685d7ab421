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

/* Internal to core/guest_dt*.c. */

#define GUEST_DT_MAX_NODES 512
#define GUEST_DT_MAX_DEPTH 32
#define GUEST_DT_MAX_REGIONS 8

/* struct guest_node flags */
#define GN_PROPS (1U << 0) /* all properties: passthrough or referenced */
#define GN_SUBTREE (1U << 1) /* every descendant too: passthrough */
#define GN_ANCESTOR (1U << 2) /* holds copied nodes: bus properties only */
#define GN_TARGET (1U << 3) /* referenced by phandle: gets a phandle */
#define GN_DEVICE (1U << 4) /* a passthrough device itself */

struct guest_node {
	int host;
	u32 phandle;
	u8 flags;
	u8 scanned;
};

/**
 * struct guest_dt - state while one guest DTB is written
 * @fdt: the output, in libfdt sequential-write mode
 * @ac: #address-cells of the root (the host's, so copied nodes fit)
 * @sc: #size-cells of the root
 * @chip: interrupt controller model
 * @ic_node: host interrupt controller node (never copied)
 * @ic_phandle: guest phandle of the virtual interrupt controller
 * @intc_phandle: riscv: guest phandle of vCPU n's local interrupt controller
 * @clk_phandle: fixed clock of the virtual UART, 0 when it needs none
 */
struct guest_dt {
	const void *host;
	const struct vm_config *vm;
	void *fdt;
	int ac;
	int sc;
	enum guest_irqchip chip;
	int ic_node;
	u32 ic_phandle;
	u32 intc_phandle[VM_MAX_VCPUS];
	u32 clk_phandle;
	u32 next_phandle;
	char vuart_name[64];
	unsigned int nr_nodes;
	struct guest_node node[GUEST_DT_MAX_NODES];
};

/** guest_dt_put_cells() - store @v big-endian in @cells cells at @p. */
void guest_dt_put_cells(void *p, int cells, u64 v);

/** guest_dt_prop_regs() - a reg-style property of @n (address, size) pairs. */
int guest_dt_prop_regs(struct guest_dt *g, const char *name, const u64 *addr, const u64 *size,
		       int n);

struct dt_irq;
typedef void (*guest_dt_irq_fixup)(const struct guest_dt *g, struct dt_irq *irq);

/**
 * guest_dt_prop_host_irqs() - "interrupts" for the guest copy of host node
 * @host: the first @max of its interrupts, each passed through @fixup
 * (may be NULL) before it is written
 * Return: 0 (nothing written when it has none), -FDT_ERR_BADVALUE when
 * one is malformed or not on the host interrupt controller, or a libfdt
 * error.
 */
int guest_dt_prop_host_irqs(struct guest_dt *g, int host, int max, guest_dt_irq_fixup fixup);

/** guest_dt_select() - choose the host nodes to copy and number phandles. */
int guest_dt_select(struct guest_dt *g);

/** guest_dt_make_copied() - write the selected host nodes under the root. */
int guest_dt_make_copied(struct guest_dt *g);

/**
 * guest_dt_selection() - the host nodes Shyper copies into @vm's DTB
 * Return: the builder's static state after selection, or NULL.
 */
const struct guest_dt *guest_dt_selection(const void *host_fdt, const struct vm_config *vm);

/** guest_dt_map_phandle() - guest phandle of host node @host, 0 if none. */
u32 guest_dt_map_phandle(const struct guest_dt *g, int host);

/** guest_dt_make_cpus_node() - /cpus with the VM's vCPUs only. */
int guest_dt_make_cpus_node(struct guest_dt *g);

/** guest_dt_make_psci_node() - /psci, method "hvc" (arm64). */
int guest_dt_make_psci_node(struct guest_dt *g);

/** guest_dt_make_timer_node() - /timer with the host's PPIs (arm64). */
int guest_dt_make_timer_node(struct guest_dt *g);

/** guest_dt_make_irqchip_node() - the virtual GIC or PLIC. */
int guest_dt_make_irqchip_node(struct guest_dt *g);

/** guest_dt_vuart_name() - name the virtual UART node, for /chosen too. */
int guest_dt_vuart_name(struct guest_dt *g);

/** guest_dt_make_vuart_nodes() - the virtual UART and its clock. */
int guest_dt_make_vuart_nodes(struct guest_dt *g);

/** guest_dt_make_shmem_nodes() - one node per shared memory region (core/shmem_dt.c). */
int guest_dt_make_shmem_nodes(struct guest_dt *g);

/**
 * guest_dt_virt_regions() - guest-physical ranges of the virtual
 * interrupt controller and UART (page-rounded)
 * Return: how many were written to @out.
 */
int guest_dt_virt_regions(const void *host_fdt, const struct vm_config *vm, struct mem_region *out,
			  int max);

#endif
