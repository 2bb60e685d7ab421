// SPDX-License-Identifier: GPL-2.0-only
/*
 * Platform discovery: memory banks, reserved ranges and loaded modules,
 * all from the DTB the bootloader handed over (devicetree spec v0.4,
 * 3.4 /memory, 3.5 /reserved-memory, 5.3 memory reservation block).
 */
#define pr_fmt(fmt) "platform: " fmt

#include <libfdt.h>
#include <stdarg.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

struct platform platform;

static __init void add_range(struct memmap *map, paddr_t base, u64 size, const char *name)
{
	if (memmap_add(map, base, size, name))
		pr_warn("cannot track %s range 0x%llx+0x%llx\n", name, (unsigned long long)base,
			(unsigned long long)size);
}

/*
 * Every reg entry of @node goes into @map; /chosen modules hold plain
 * physical addresses, not bus addresses, so they are not translated.
 */
static __init void add_reg_ranges(const void *fdt, int node, struct memmap *map, const char *name,
				  bool translate)
{
	u64 base, size;
	int i;

	for (i = 0; !(translate ? dt_read_reg(fdt, node, i, &base, &size)
				: dt_read_reg_raw(fdt, node, i, &base, &size));
	     i++)
		if (size)
			add_range(map, base, size, name);
}

static __init bool is_memory_node(const void *fdt, int node)
{
	const char *type = dt_read_string(fdt, node, "device_type");

	return type && !strcmp(type, "memory") && fdt_parent_offset(fdt, node) == 0;
}

static __init void discover_ram(const void *fdt)
{
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (is_memory_node(fdt, node) && dt_is_enabled(fdt, node))
			add_reg_ranges(fdt, node, &platform.ram, "ram", true);
}

/*
 * No RAM found: name a memory node whose reg is all zero sizes, as board
 * DTBs leave it for the bootloader to fill (the RPi 4's reg = <0 0 0>).
 */
static __init void report_no_ram(const void *fdt)
{
	char path[64];
	u64 base, size;
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (is_memory_node(fdt, node) && dt_is_enabled(fdt, node) &&
		    !dt_read_reg(fdt, node, 0, &base, &size) && !size) {
			pr_err("%s has size 0: the bootloader fills it in at boot\n",
			       dt_path(fdt, node, path, sizeof(path)));
			return;
		}
	pr_err("no memory node with a reg in the DTB\n");
}

static __init void discover_memreserve(const void *fdt)
{
	int i, n = fdt_num_mem_rsv(fdt);
	uint64_t base, size;

	for (i = 0; i < n; i++)
		if (fdt_get_mem_rsv(fdt, i, &base, &size) == 0 && size)
			add_range(&platform.reserved, base, size, "memreserve");
}

static __init void discover_reserved_memory(const void *fdt)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory");
	int child;

	if (parent < 0)
		return;
	fdt_for_each_subnode (child, fdt, parent) {
		if (!dt_is_enabled(fdt, child))
			continue;
		add_reg_ranges(fdt, child, &platform.reserved, "reserved-memory", true);
		if (fdt_getprop(fdt, child, "no-map", NULL))
			add_reg_ranges(fdt, child, &platform.nomap, "no-map", true);
	}
}

/* linux,initrd-start/end hold one or two cells, whatever #address-cells says. */
static __init int read_chosen_addr(const void *fdt, int chosen, const char *name, u64 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return -ENOENT;
	return dt_read_cells(p, len / 4, out);
}

/*
 * What the bootloader loaded for us: the initrd and every /chosen sub-node
 * with a reg (VM kernels, ramdisks and DTBs, the way Xen's multiboot
 * modules are described).
 */
static __init void discover_modules(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	u64 start, end;
	int node, depth = 0;

	if (chosen < 0)
		return;
	if (!read_chosen_addr(fdt, chosen, "linux,initrd-start", &start) &&
	    !read_chosen_addr(fdt, chosen, "linux,initrd-end", &end) && end > start)
		add_range(&platform.reserved, start, end - start, "initrd");
	for (node = fdt_next_node(fdt, chosen, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth))
		if (fdt_getprop(fdt, node, "reg", NULL))
			add_reg_ranges(fdt, node, &platform.reserved, "module", false);
}

/* Usable memory is handed out in pages: drop partial pages at the edges. */
static __init void trim_to_pages(struct memmap *map)
{
	unsigned int i = 0;

	while (i < map->count) {
		struct mem_region *r = &map->region[i];
		paddr_t base = ALIGN_UP(r->base, PAGE_SIZE);
		paddr_t end = ALIGN_DOWN(r->base + r->size, PAGE_SIZE);

		if (end <= base) {
			memmap_remove(map, r->base, r->size);
			continue;
		}
		r->base = base;
		r->size = end - base;
		i++;
	}
}

__init int platform_discover(const void *fdt, paddr_t image_base, u64 image_size)
{
	/* Devices probed before discovery (the console) stay recorded. */
	platform.fdt = fdt;
	memset(&platform.ram, 0, sizeof(platform.ram));
	memset(&platform.reserved, 0, sizeof(platform.reserved));
	memset(&platform.nomap, 0, sizeof(platform.nomap));
	discover_ram(fdt);
	discover_memreserve(fdt);
	discover_reserved_memory(fdt);
	discover_modules(fdt);
	add_range(&platform.reserved, (paddr_t)(uintptr_t)fdt, fdt_totalsize(fdt), "dtb");
	add_range(&platform.reserved, image_base, image_size, "shyper");
	platform.usable = platform.ram;
	if (memmap_subtract(&platform.usable, &platform.reserved))
		pr_warn("memory map too fragmented, some RAM left unused\n");
	trim_to_pages(&platform.usable);
	if (!platform.ram.count) {
		report_no_ram(fdt);
		return -ENODEV;
	}
	return cpu_discover(fdt);
}

__init void platform_reserve(paddr_t base, u64 size, const char *name)
{
	add_range(&platform.reserved, base, size, name);
	memmap_remove(&platform.usable, ALIGN_DOWN(base, PAGE_SIZE),
		      ALIGN_UP(base + size, PAGE_SIZE) - ALIGN_DOWN(base, PAGE_SIZE));
}

__init void platform_add_device(enum device_class class, int node, const char *driver,
				const char *fmt, ...)
{
	struct platform_device *dev;
	va_list ap;

	if (platform.device_count >= PLATFORM_MAX_DEVICES)
		return;
	dev = &platform.device[platform.device_count++];
	dev->class = class;
	dev->node = node;
	dev->driver = driver;
	va_start(ap, fmt);
	fmt_vsnprintf(dev->summary, sizeof(dev->summary), fmt, ap);
	va_end(ap);
}

const struct platform_device *platform_find_device(enum device_class class)
{
	unsigned int i;

	for (i = 0; i < platform.device_count; i++)
		if (platform.device[i].class == class)
			return &platform.device[i];
	return NULL;
}

static int take(u64 size, u64 align, bool low, paddr_t *out)
{
	int err = low ? memmap_alloc_low(&platform.usable, size, align, out)
		      : memmap_alloc(&platform.usable, size, align, out);

	/* Not add_range(): this also runs after the init text is gone (VMs created at run time). */
	if (!err && memmap_add(&platform.reserved, *out, size, "shyper-data"))
		pr_warn("cannot track shyper-data range 0x%llx+0x%llx\n", (unsigned long long)*out,
			(unsigned long long)size);
	return err;
}

int platform_alloc(u64 size, u64 align, paddr_t *out)
{
	return take(size, align, false, out);
}

int platform_alloc_low(u64 size, u64 align, paddr_t *out)
{
	return take(size, align, true, out);
}

void platform_free(paddr_t base, u64 size)
{
	memmap_remove(&platform.reserved, base, size);
	if (memmap_give_back(&platform.usable, base, size, "ram"))
		pr_err("0x%llx+0x%llx not returned: the free-memory list is full\n",
		       (unsigned long long)base, (unsigned long long)size);
}
