/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the guest DT builder (core/guest_dt*.c, core/shmem_dt.c) and
 * the code that checks what it writes: the builder's state and its
 * node-writing helpers. Everything else uses include/shyper/guest_dt.h.
 */
#ifndef CORE_GUEST_DT_INTERNAL_H
#define CORE_GUEST_DT_INTERNAL_H

#include <shyper/guest_dt.h>
#include <shyper/platform.h>

#define GUEST_DT_MAX_NODES 512
#define GUEST_DT_MAX_DEPTH 32

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
 * @wdt_clk_phandle: fixed clock of the virtual watchdog, 0 when it needs none
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
	u32 wdt_clk_phandle;
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

/** guest_dt_make_fixed_clock() - a root "fixed-clock" node @name of @hz, phandle @phandle. */
int guest_dt_make_fixed_clock(struct guest_dt *g, const char *name, u32 hz, u32 phandle);

/** guest_dt_make_watchdog_node() - the virtual watchdog and its clock (core/vwdt_dt.c). */
int guest_dt_make_watchdog_node(struct guest_dt *g);

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

/** guest_dt_make_control_node() - the management VM's control page (core/control_dt.c). */
int guest_dt_make_control_node(struct guest_dt *g);

/**
 * guest_dt_prop_virt_irq() - "interrupts" (and the PLIC's
 * "interrupt-parent") for virtual line @irq, level high: a GIC INTID of
 * an SPI or a PLIC source (core/shmem_dt.c)
 */
int guest_dt_prop_virt_irq(struct guest_dt *g, u32 irq);

/** guest_dt_make_virtio_nodes() - one "virtio,mmio" node per device (core/virtio_dt.c). */
int guest_dt_make_virtio_nodes(struct guest_dt *g);

/** guest_dt_make_shmem_nodes() - one node per shared memory region (core/shmem_dt.c). */
int guest_dt_make_shmem_nodes(struct guest_dt *g);

#endif
