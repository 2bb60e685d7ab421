// SPDX-License-Identifier: GPL-2.0-only
/*
 * The management VM's guest DT node for its control page: one
 * "shyper,control-v1" node at the root with the page, then the staging
 * window, as reg (reg-names "control", "staging"). No Linux
 * driver matches the compatible, so the page is no one's and userspace
 * maps it through /dev/mem (Documentation/control.md), as it does the
 * shared memory doorbells (core/shmem_dt.c).
 */
#include <libfdt.h>
#include <shyper/control_abi.h>
#include <shyper/fmt.h>
#include "guest_dt_internal.h"

int guest_dt_make_control_node(struct guest_dt *g)
{
	const struct mem_region *page = &g->vm->layout.control;
	const struct mem_region *staging = &g->vm->layout.staging;
	const u64 base[2] = {page->base, staging->base}, size[2] = {page->size, staging->size};
	static const char names[] = "control\0staging";
	char name[40];
	int res;

	if (!page->size)
		return 0;
	fmt_snprintf(name, sizeof(name), "shyper-control@%llx", (unsigned long long)page->base);
	res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property_string(g->fdt, "compatible", CTL_GUEST_COMPATIBLE);
	if (!res)
		res = guest_dt_prop_regs(g, "reg", base, size, staging->size ? 2 : 1);
	if (!res && staging->size)
		res = fdt_property(g->fdt, "reg-names", names, sizeof(names));
	if (!res)
		res = fdt_property_cell(g->fdt, "shyper,vm-id", g->vm->id);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}
