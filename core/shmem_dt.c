// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest DT node of each shared memory region: one "shyper,shmem-v1"
 * node at the root, outside /memory, with the region and the doorbell page
 * as reg and the doorbell interrupt. No Linux driver matches the
 * compatible, so Linux neither uses the range as RAM nor claims it, and
 * userspace may map it through /dev/mem (Documentation/communication.md).
 */
#include <libfdt.h>
#include <shyper/dt.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/shmem.h>

/*
 * GIC: <GIC_SPI (intid - 32) IRQ_TYPE_LEVEL_HIGH>, plus a zero
 * PPI-partition cell when the controller has 4 (Linux's arm,gic-v3
 * binding); PLIC: the source number.
 */
int guest_dt_prop_virt_irq(struct guest_dt *g, u32 irq)
{
	u32 spec[4] = {0, irq - 32, 4, 0}, cells = 3, i;
	u8 *p;
	int res;

	if (g->chip == GUEST_IRQCHIP_PLIC) {
		res = fdt_property_cell(g->fdt, "interrupts", irq);
		if (!res)
			res = fdt_property_cell(g->fdt, "interrupt-parent", g->ic_phandle);
		return res;
	}
	dt_read_u32(g->host, g->ic_node, "#interrupt-cells", &cells);
	if (cells < 3 || cells > 4 || irq < 32)
		return -FDT_ERR_BADVALUE;
	res = fdt_property_placeholder(g->fdt, "interrupts", (int)cells * 4, (void **)&p);
	for (i = 0; !res && i < cells; i++)
		guest_dt_put_cells(p + i * 4, 1, spec[i]);
	return res;
}

static int prop_peers(struct guest_dt *g, const struct vm_shmem *sh)
{
	unsigned int i;
	u8 *p;
	int res =
	    fdt_property_placeholder(g->fdt, "shyper,peers", (int)sh->nr_peers * 4, (void **)&p);

	for (i = 0; !res && i < sh->nr_peers; i++)
		guest_dt_put_cells(p + i * 4, 1, sh->peer[i]);
	return res;
}

static int make_shmem_node(struct guest_dt *g, const struct vm_shmem *sh)
{
	static const char names[] = "region\0doorbell";
	const u64 addr[2] = {sh->gpa, sh->doorbell}, size[2] = {sh->size, PAGE_SIZE};
	char name[40];
	int res;

	fmt_snprintf(name, sizeof(name), "shmem@%llx", (unsigned long long)sh->gpa);
	res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property_string(g->fdt, "compatible", SHMEM_GUEST_COMPATIBLE);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", addr, size, 2);
	if (!res)
		res = fdt_property(g->fdt, "reg-names", names, sizeof(names));
	if (!res)
		res = guest_dt_prop_virt_irq(g, sh->irq);
	if (!res)
		res = fdt_property_string(g->fdt, "shyper,region", sh->name);
	if (!res)
		res = fdt_property_string(g->fdt, "shyper,access",
					  sh->read_only ? "read-only" : "read-write");
	if (!res)
		res = fdt_property_cell(g->fdt, "shyper,vm-id", g->vm->id);
	if (!res)
		res = prop_peers(g, sh);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_shmem_nodes(struct guest_dt *g)
{
	unsigned int i;
	int res = 0;

	for (i = 0; !res && i < g->vm->nr_shmem; i++)
		res = make_shmem_node(g, &g->vm->shmem[i]);
	return res;
}
