// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest DT node of each emulated virtio device: a "virtio,mmio" node
 * at the root (Linux's virtio/mmio.yaml binding), so that the guest's own
 * virtio_mmio driver finds the register page and binds the device driver
 * of its DeviceID. The device reads and writes the guest's memory through
 * the same cacheable mapping as its CPUs: "dma-coherent".
 */
#include <libfdt.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include <shyper/virtio.h>
#include <shyper/virtio_mmio.h>
#include "guest_dt_internal.h"

static int make_virtio_node(struct guest_dt *g, unsigned int i)
{
	const struct vm_layout *l = &g->vm->layout;
	const u64 addr = l->virtio[i].base, size = VIRTIO_MMIO_SIZE;
	char name[40];
	int res;

	fmt_snprintf(name, sizeof(name), "virtio_mmio@%llx", (unsigned long long)addr);
	res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property_string(g->fdt, "compatible", "virtio,mmio");
	if (!res)
		res = guest_dt_prop_regs(g, "reg", &addr, &size, 1);
	if (!res)
		res = guest_dt_prop_virt_irq(g, l->virtio_irq[i]);
	if (!res)
		res = fdt_property(g->fdt, "dma-coherent", "", 0);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

int guest_dt_make_virtio_nodes(struct guest_dt *g)
{
	unsigned int i;
	int res = 0;

	for (i = 0; !res && i < g->vm->layout.nr_virtio; i++)
		res = make_virtio_node(g, i);
	return res;
}
