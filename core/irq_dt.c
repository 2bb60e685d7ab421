// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt specifiers (devicetree spec v0.4, 2.4): find the controller of
 * each entry of "interrupts-extended" or "interrupts", cut the property
 * into that controller's #interrupt-cells, and let the controller's own
 * binding decode the cells (its IRQ_XLATE_DECLARE()).
 */
#include <libfdt.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/irq.h>

/* Weak: a host program that links no interrupt controller still links. */
extern const struct irq_xlate __start_shyper_irq_xlate[] __attribute__((weak));
extern const struct irq_xlate __stop_shyper_irq_xlate[] __attribute__((weak));

/* Deeper than any real tree: a loop of interrupt-parent phandles ends. */
#define IRQ_PARENT_MAX_HOPS 64

int dt_irq_parent(const void *fdt, int node)
{
	u32 phandle;
	int hops;

	/* As Linux's of_irq_find_parent(): climb until a node with #interrupt-cells. */
	for (hops = 0; node >= 0 && hops < IRQ_PARENT_MAX_HOPS; hops++) {
		if (!dt_read_u32(fdt, node, "interrupt-parent", &phandle))
			node = fdt_node_offset_by_phandle(fdt, phandle);
		else
			node = fdt_parent_offset(fdt, node);
		if (node >= 0 && fdt_getprop(fdt, node, "#interrupt-cells", NULL))
			return node;
	}
	return -ENOENT;
}

static u32 cell_at(const u8 *p, int index)
{
	u64 v;

	dt_read_cells(p + index * 4, 1, &v);
	return (u32)v;
}

static int controller_cells(const void *fdt, int ctrl, u32 *cells)
{
	if (ctrl < 0 || dt_read_u32(fdt, ctrl, "#interrupt-cells", cells) || *cells == 0 ||
	    *cells > DT_IRQ_MAX_CELLS)
		return -EINVAL;
	return 0;
}

/*
 * Walk the entries; stop at @index (filling @irq's controller and cells)
 * or at the end. Return: the number of entries walked, or -EINVAL.
 */
static int walk(const void *fdt, int node, int index, struct dt_irq *irq)
{
	int len, pos = 0, n = 0, ctrl = -ENOENT;
	const u8 *p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	bool extended = p != NULL;
	u32 cells = 0, i, phandle;

	if (!extended) {
		p = fdt_getprop(fdt, node, "interrupts", &len);
		if (!p)
			return 0;
		ctrl = dt_irq_parent(fdt, node);
		if (controller_cells(fdt, ctrl, &cells))
			return -EINVAL;
	}
	if (len % 4)
		return -EINVAL;
	for (len /= 4; pos < len; n++) {
		if (extended) {
			phandle = cell_at(p, pos++);
			ctrl = fdt_node_offset_by_phandle(fdt, phandle);
			if (controller_cells(fdt, ctrl, &cells))
				return -EINVAL;
		}
		if (pos + (int)cells > len)
			return -EINVAL;
		if (n == index && irq) {
			irq->ctrl = ctrl;
			irq->nr_cells = cells;
			for (i = 0; i < cells; i++)
				irq->cell[i] = cell_at(p, pos + (int)i);
			return n + 1;
		}
		pos += cells;
	}
	return n;
}

int dt_irq_count(const void *fdt, int node)
{
	return walk(fdt, node, -1, NULL);
}

static const struct irq_xlate *find_xlate(const void *fdt, int ctrl)
{
	const struct irq_xlate *x;

	for (x = __start_shyper_irq_xlate; x && x < __stop_shyper_irq_xlate; x++)
		if (dt_match_id(fdt, ctrl, x->match))
			return x;
	return NULL;
}

int dt_read_irq(const void *fdt, int node, int index, struct dt_irq *irq)
{
	const struct irq_xlate *x;
	int n;

	*irq = (struct dt_irq){.ctrl = -ENOENT};
	if (index < 0)
		return -ENOENT;
	n = walk(fdt, node, index, irq);
	if (n < 0)
		return n;
	if (n <= index)
		return -ENOENT;
	x = find_xlate(fdt, irq->ctrl);
	if (!x)
		return -ENOTSUP;
	return x->xlate(irq);
}
