/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt specifiers read from the device tree. A node's interrupts are
 * "interrupts" (with the interrupt-parent found up the tree) or
 * "interrupts-extended" (a phandle before every specifier), devicetree spec
 * v0.4, 2.4. Each interrupt-controller binding decodes its own specifier
 * cells: its driver declares an xlate with IRQ_XLATE_DECLARE(), which
 * dt_read_irq() finds by the controller's compatible. Nothing else decodes
 * specifier cells.
 */
#ifndef SHYPER_IRQ_H
#define SHYPER_IRQ_H

#include <shyper/dt.h>
#include <shyper/types.h>

#define DT_IRQ_MAX_CELLS 4

/*
 * Trigger type in the controller's flags cell (Linux binding
 * interrupt-controller/irq.h, shared by the GIC and most others).
 */
#define DT_IRQ_TYPE_MASK 0xf

/**
 * struct dt_irq - one interrupt of a node
 * @ctrl: the interrupt controller's node
 * @nr_cells: its #interrupt-cells
 * @cell: the specifier as written (the controller's encoding)
 * @hwirq: the number the controller's hardware uses (GIC INTID, PLIC source)
 * @percpu: banked per CPU (a GIC PPI): owned with the CPU, never passed through
 * @type: trigger type (DT_IRQ_TYPE_MASK bits), 0 when the binding has none
 */
struct dt_irq {
	int ctrl;
	u32 nr_cells;
	u32 cell[DT_IRQ_MAX_CELLS];
	u32 hwirq;
	bool percpu;
	u32 type;
};

/**
 * struct irq_xlate - an interrupt-controller binding's specifier decoder
 * @match: the controllers it decodes (a driver's match table)
 * @xlate: fill @irq->hwirq, percpu and type from @irq->cell[0..nr_cells);
 *         0, or -EINVAL for a specifier the binding does not allow
 */
struct irq_xlate {
	const struct dt_device_id *match;
	int (*xlate)(struct dt_irq *irq);
};

#define IRQ_XLATE_DECLARE(ident, match_table, fn)                              \
	static const struct irq_xlate __irq_xlate_##ident                      \
	    __attribute__((used, section("shyper_irq_xlate"), aligned(8))) = { \
		.match = match_table,                                          \
		.xlate = fn,                                                   \
	}

/**
 * dt_irq_parent() - the interrupt parent of @node for its "interrupts":
 * interrupt-parent on the node or its nearest ancestor that has one
 * Return: node offset or -ENOENT.
 */
int dt_irq_parent(const void *fdt, int node);

/**
 * dt_irq_count() - how many interrupts @node has
 * Return: the count (0 when it has none), or -EINVAL when a controller
 * cannot be found or the property does not divide into specifiers.
 */
int dt_irq_count(const void *fdt, int node);

/**
 * dt_read_irq() - interrupt @index of @node, decoded by its controller's xlate
 * Return: 0; -ENOENT past the last; -EINVAL when malformed (missing
 * controller, #interrupt-cells out of range, a specifier the binding
 * refuses); -ENOTSUP when no xlate knows the controller (@irq->ctrl and
 * the raw cells are still filled in).
 */
int dt_read_irq(const void *fdt, int node, int index, struct dt_irq *irq);

/*
 * Ownership and dispatch of the host interrupt controller's lines (GIC
 * SPIs, PLIC sources), core/irq.c: one table, filled when a VM is built
 * from its validated passthrough list and emptied when it is unwound; one
 * dispatcher that the architecture's interrupt entry calls for every line
 * that is not its own (SGIs, PPIs, the GIC maintenance interrupt).
 */

/* Line numbers below this fit the table: GIC INTIDs 0-1019, PLIC sources 1-1023. */
#define IRQ_MAX_LINES 1024

struct vm;

/**
 * irq_claim() - @vm owns line @irq alone from now on
 * Return: 0; -EINVAL when @irq is out of the table; -EBUSY when another VM
 * owns it (validation refuses that first, so this is a safety net).
 */
int irq_claim(u32 irq, struct vm *vm);

/** irq_owned_count() - host interrupt lines some VM owns. */
unsigned int irq_owned_count(void);

/** irq_release_vm() - every line @vm owns is free again. */
void irq_release_vm(const struct vm *vm);

/** irq_owner() - the VM owning line @irq, or NULL. */
struct vm *irq_owner(u32 irq);

enum irq_result {
	IRQ_HANDLED, /* the hypervisor handled it: the caller completes it */
	IRQ_FORWARDED, /* a VM's: the guest completes it (GIC HW bit, vPLIC claim) */
	IRQ_UNCLAIMED, /* nobody's: the caller silences it */
};

/**
 * irq_dispatch() - who handles line @irq: the VM owning it (through
 * irq_arch_forward()), else the console, else nobody
 */
enum irq_result irq_dispatch(u32 irq);

/** irq_arch_forward() - architecture hook: raise @irq, a line @vm owns, in @vm. */
void irq_arch_forward(struct vm *vm, u32 irq);

#endif
