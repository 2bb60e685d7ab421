// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest DTB builder: one make_<node>_node() per node, written in
 * libfdt sequential-write mode. What a guest sees is described in
 * include/shyper/guest_dt.h and Documentation/bindings.md.
 */
#define pr_fmt(fmt) "guest-dt: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include "guest_dt_internal.h"
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vwdt.h>

/* Too big for a hypervisor stack; the builder runs on the boot CPU only. */
static struct guest_dt state;

void guest_dt_put_cells(void *p, int cells, u64 v)
{
	u8 *b = p;
	int i;

	for (i = cells * 4 - 1; i >= 0; i--, v >>= 8)
		b[i] = (u8)v;
}

int guest_dt_prop_regs(struct guest_dt *g, const char *name, const u64 *addr, const u64 *size,
		       int n)
{
	int entry = (g->ac + g->sc) * 4, i, res;
	u8 *p;

	for (i = 0; i < n; i++)
		if ((g->ac == 1 && addr[i] >> 32) || (g->sc == 1 && size[i] >> 32))
			return -FDT_ERR_BADVALUE;
	res = fdt_property_placeholder(g->fdt, name, entry * n, (void **)&p);
	for (i = 0; !res && i < n; i++) {
		guest_dt_put_cells(p + i * entry, g->ac, addr[i]);
		guest_dt_put_cells(p + i * entry + g->ac * 4, g->sc, size[i]);
	}
	return res;
}

/*
 * The first @max interrupts of host node @host as an "interrupts" property
 * on the guest's virtual controller: same specifier cells (the virtual
 * controller keeps the host's #interrupt-cells), whether the host wrote
 * them as "interrupts" or "interrupts-extended".
 */
int guest_dt_prop_host_irqs(struct guest_dt *g, int host, int max, guest_dt_irq_fixup fixup)
{
	int n = dt_irq_count(g->host, host), i, res;
	struct dt_irq irq;
	u32 cells = 0;
	u8 *p;

	if (n < 0)
		return -FDT_ERR_BADVALUE;
	n = MIN(n, max);
	dt_read_u32(g->host, g->ic_node, "#interrupt-cells", &cells);
	for (i = 0; i < n; i++)
		if (dt_read_irq(g->host, host, i, &irq) || irq.ctrl != g->ic_node ||
		    irq.nr_cells != cells)
			return -FDT_ERR_BADVALUE;
	if (!n)
		return 0;
	res = fdt_property_placeholder(g->fdt, "interrupts", n * (int)cells * 4, (void **)&p);
	for (i = 0; !res && i < n; i++) {
		unsigned int c;

		dt_read_irq(g->host, host, i, &irq);
		if (fixup)
			fixup(g, &irq);
		for (c = 0; c < cells; c++)
			guest_dt_put_cells(p + (i * cells + c) * 4, 1, irq.cell[c]);
	}
	return res;
}

static int make_chosen_node(struct guest_dt *g)
{
	const struct vm_image *rd = &g->vm->image[VM_IMAGE_RAMDISK];
	char path[72];
	int res = fdt_begin_node(g->fdt, "chosen");

	if (!res && g->vm->bootargs)
		res = fdt_property_string(g->fdt, "bootargs", g->vm->bootargs);
	if (!res && g->vm->vuart) {
		fmt_snprintf(path, sizeof(path), "/%s", g->vuart_name);
		res = fdt_property_string(g->fdt, "stdout-path", path);
	}
	if (!res && rd->node >= 0)
		res = fdt_property_u64(g->fdt, "linux,initrd-start", rd->gpa);
	if (!res && rd->node >= 0)
		res = fdt_property_u64(g->fdt, "linux,initrd-end", rd->gpa + rd->size);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

static int make_aliases_node(struct guest_dt *g)
{
	char path[72];
	int res;

	if (!g->vm->vuart)
		return 0;
	fmt_snprintf(path, sizeof(path), "/%s", g->vuart_name);
	res = fdt_begin_node(g->fdt, "aliases");
	if (!res)
		res = fdt_property_string(g->fdt, "serial0", path);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

/* One node for all ranges; a 1-cell size holds at most 4 GiB - 1 per entry. */
static int make_memory_node(struct guest_dt *g)
{
	const u64 chunk = g->sc == 1 ? SZ_2M * 1024 : ~0ULL;
	u64 addr[VM_MAX_MEM * 4], size[VM_MAX_MEM * 4];
	unsigned int i, n = 0;
	char name[32];
	int res;

	for (i = 0; i < g->vm->nr_mem; i++) {
		u64 at = g->vm->mem[i].gpa, left = g->vm->mem[i].size;

		for (; left && n < ARRAY_SIZE(addr); n++) {
			addr[n] = at;
			size[n] = MIN(left, chunk);
			at += size[n];
			left -= size[n];
		}
	}
	fmt_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)g->vm->mem[0].gpa);
	res = fdt_begin_node(g->fdt, name);
	if (!res)
		res = fdt_property_string(g->fdt, "device_type", "memory");
	if (!res)
		res = guest_dt_prop_regs(g, "reg", addr, size, (int)n);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

static int make_root_props(struct guest_dt *g)
{
	char model[96];
	int res;

	fmt_snprintf(model, sizeof(model), "Shyper VM %u (%s)", g->vm->id, g->vm->label);
	res = fdt_property_string(g->fdt, "compatible", "shyper,guest");
	if (!res)
		res = fdt_property_string(g->fdt, "model", model);
	if (!res)
		res = fdt_property_cell(g->fdt, "#address-cells", g->ac);
	if (!res)
		res = fdt_property_cell(g->fdt, "#size-cells", g->sc);
	/*
	 * Not with a PLIC: the hart-local interrupt controllers under /cpus
	 * would inherit it and look like children of the PLIC, which Linux
	 * then never initialises (they are the roots of the hierarchy). Each
	 * node with interrupts names its parent instead.
	 */
	if (!res && g->chip != GUEST_IRQCHIP_PLIC)
		res = fdt_property_cell(g->fdt, "interrupt-parent", g->ic_phandle);
	return res;
}

static int make_arch_nodes(struct guest_dt *g)
{
	int res = 0;

	if (g->chip != GUEST_IRQCHIP_PLIC) {
		res = guest_dt_make_psci_node(g);
		if (!res)
			res = guest_dt_make_timer_node(g);
	}
	return res;
}

static int make_root_node(struct guest_dt *g)
{
	int res = fdt_begin_node(g->fdt, "");

	if (!res)
		res = make_root_props(g);
	if (!res)
		res = make_chosen_node(g);
	if (!res)
		res = make_aliases_node(g);
	if (!res)
		res = guest_dt_make_cpus_node(g);
	if (!res)
		res = make_memory_node(g);
	if (!res)
		res = guest_dt_make_irqchip_node(g);
	if (!res)
		res = make_arch_nodes(g);
	if (!res)
		res = guest_dt_make_vuart_nodes(g);
	if (!res)
		res = guest_dt_make_shmem_nodes(g);
	if (!res)
		res = guest_dt_make_control_node(g);
	if (!res)
		res = guest_dt_make_watchdog_node(g);
	if (!res)
		res = guest_dt_make_virtio_nodes(g);
	if (!res)
		res = guest_dt_make_copied(g);
	if (!res)
		res = fdt_end_node(g->fdt);
	return res;
}

/* Generated phandles first (fixed order), then the copied nodes'. */
static int init_state(struct guest_dt *g, const void *host, const struct vm_config *vm, void *buf)
{
	const struct platform_device *con = platform_find_device(DEVICE_SERIAL);
	unsigned int i;
	int root_ac = dt_addr_cells(host, fdt_first_subnode(host, 0));

	memset(g, 0, sizeof(*g));
	g->host = host;
	g->vm = vm;
	g->fdt = buf;
	g->chip = vm->layout.chip;
	if (g->chip == GUEST_IRQCHIP_NONE)
		return -ENODEV;
	g->ic_node = platform_find_device(DEVICE_IRQCHIP)->node;
	g->ac = root_ac == 1 ? 1 : 2;
	g->sc = dt_size_cells(host, fdt_first_subnode(host, 0)) == 1 ? 1 : 2;
	g->next_phandle = 1;
	g->ic_phandle = g->next_phandle++;
	for (i = 0; g->chip == GUEST_IRQCHIP_PLIC && i < vm->nr_vcpus; i++)
		g->intc_phandle[i] = g->next_phandle++;
	if (vm->vuart && con &&
	    (fdt_getprop(host, con->node, "clocks", NULL) ||
	     !fdt_getprop(host, con->node, "clock-frequency", NULL)))
		g->clk_phandle = g->next_phandle++;
	if (vm->watchdog && vwdt_desc_of(g->chip) && vwdt_desc_of(g->chip)->clock_hz)
		g->wdt_clk_phandle = g->next_phandle++;
	return 0;
}

static bool is_generated_name(const struct guest_dt *g, const char *name)
{
	static const char *const fixed[] = {"chosen", "aliases",     "cpus",	      "psci",
					    "timer",  "vuart-clock", "watchdog-clock"};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		if (!strcmp(name, fixed[i]))
			return true;
	return !strcmp(name, g->vuart_name) || !strncmp(name, "memory@", 7) ||
	       !strncmp(name, "interrupt-controller@", 21);
}

/* Names Shyper writes at the root must not meet a copied top-level node. */
static int check_root_names(const struct guest_dt *g)
{
	unsigned int i;

	for (i = 0; i < g->nr_nodes; i++) {
		const char *name = fdt_get_name(g->host, g->node[i].host, NULL);

		if (fdt_parent_offset(g->host, g->node[i].host) != 0 || !name ||
		    !is_generated_name(g, name))
			continue;
		pr_err("%s: passthrough: copied node /%s clashes with a node Shyper writes\n",
		       g->vm->path, name);
		return -EEXIST;
	}
	return 0;
}

const struct guest_dt *guest_dt_selection(const void *host_fdt, const struct vm_config *vm)
{
	struct guest_dt *g = &state;

	if (init_state(g, host_fdt, vm, NULL) || guest_dt_select(g))
		return NULL;
	return g;
}

static int write_tree(struct guest_dt *g, size_t size)
{
	int res = fdt_create(g->fdt, (int)size);

	if (!res)
		res = fdt_finish_reservemap(g->fdt);
	if (!res)
		res = make_root_node(g);
	if (!res)
		res = fdt_finish(g->fdt);
	return res;
}

static int fdt_errno(int res)
{
	if (res == -FDT_ERR_NOSPACE)
		return -ENOSPC;
	return res ? -EINVAL : 0;
}

/* A VM's own DTB: checked, then completed with what only Shyper knows. */
static int build_own(const void *host, const struct vm_config *vm, void *buf, size_t size)
{
	const struct vm_image *dtb = &vm->image[VM_IMAGE_DTB];
	const struct vm_image *rd = &vm->image[VM_IMAGE_RAMDISK];
	int res, chosen;

	if (!dtb->data || fdt_check_header(dtb->data) || fdt_totalsize(dtb->data) > dtb->size) {
		pr_err("%s: device-tree: image not readable or not a DTB\n", vm->path);
		return -ENOENT;
	}
	if (guest_dt_check(host, dtb->data, vm))
		return -EINVAL;
	res = fdt_open_into(dtb->data, buf, (int)size);
	chosen = res ? res : fdt_path_offset(buf, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	res = chosen < 0 ? chosen : 0;
	if (!res && vm->bootargs)
		res = fdt_setprop_string(buf, chosen, "bootargs", vm->bootargs);
	if (!res && rd->node >= 0)
		res = fdt_setprop_u64(buf, chosen, "linux,initrd-start", rd->gpa);
	if (!res && rd->node >= 0)
		res = fdt_setprop_u64(buf, chosen, "linux,initrd-end", rd->gpa + rd->size);
	if (!res)
		res = fdt_pack(buf);
	return fdt_errno(res);
}

int guest_dt_build(const void *host_fdt, const struct vm_config *vm, void *buf, size_t size)
{
	struct guest_dt *g = &state;
	int res;

	if (vm->image[VM_IMAGE_DTB].node >= 0)
		return build_own(host_fdt, vm, buf, size);
	res = init_state(g, host_fdt, vm, buf);
	if (res) {
		pr_err("%s: no supported interrupt controller to model\n", vm->path);
		return res;
	}
	res = guest_dt_select(g);
	if (res) {
		pr_err("%s: passthrough: cannot collect the devices' nodes (%s)\n", vm->path,
		       fdt_strerror(res));
		return fdt_errno(res);
	}
	if (vm->vuart && guest_dt_vuart_name(g))
		return -ENODEV;
	res = check_root_names(g);
	if (res)
		return res;
	res = write_tree(g, size);
	if (res && res != -FDT_ERR_NOSPACE)
		pr_err("%s: cannot write the guest DTB (%s)\n", vm->path, fdt_strerror(res));
	return fdt_errno(res);
}
