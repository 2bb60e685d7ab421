// SPDX-License-Identifier: GPL-2.0-only
/*
 * The platform summary printed at boot. Tests and users read it to see
 * what Shyper found in the DTB, so its format is documented in
 * Documentation/boot-flow.md.
 */
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

/* The largest unit that shows @size exactly: bytes, KiB or MiB. */
static __init void print_region(const struct mem_region *r)
{
	unsigned long long size = r->size;
	const char *unit = "B";

	if (size && size % 1024 == 0) {
		size >>= 10;
		unit = "KiB";
		if (size % 1024 == 0) {
			size >>= 10;
			unit = "MiB";
		}
	}
	pr_info("    %-15s 0x%09llx-0x%09llx %6llu %s\n", r->name, (unsigned long long)r->base,
		(unsigned long long)(r->base + r->size), size, unit);
}

static __init void print_memmap(const char *title, const struct memmap *map)
{
	unsigned int i;

	pr_info("  %-10s %u range(s), %llu KiB\n", title, map->count,
		(unsigned long long)(memmap_total(map) >> 10));
	for (i = 0; i < map->count; i++)
		print_region(&map->region[i]);
}

static __init void print_cpus(void)
{
	unsigned int i, online = 0;

	for (i = 0; i < cpu_count(); i++)
		online += cpu_get(i)->online;
	if (cpu_boot())
		pr_info("  cpus:      %u, %u online, boot cpu%u\n", cpu_count(), online,
			cpu_boot()->id);
	else
		pr_info("  cpus:      %u usable, none is the boot CPU\n", cpu_count());
	for (i = 0; i < cpu_count(); i++) {
		const struct cpu *cpu = cpu_get(i);

		pr_info("    cpu%-3u hwid 0x%-6llx %-10s %s\n", cpu->id,
			(unsigned long long)cpu->hwid, cpu_arch_method(cpu),
			cpu->online ? "online" : "offline");
	}
}

static __init void print_devices(void)
{
	static const char *const label[DEVICE_CLASS_COUNT] = {
	    [DEVICE_SERIAL] = "serial:",
	    [DEVICE_IRQCHIP] = "irqchip:",
	    [DEVICE_TIMER] = "timer:",
	};
	unsigned int i;
	int cls;

	for (cls = 0; cls < DEVICE_CLASS_COUNT; cls++) {
		const struct platform_device *dev = platform_find_device(cls);

		if (!dev)
			pr_info("  %-10s none\n", label[cls]);
		for (i = 0; i < platform.device_count; i++)
			if (platform.device[i].class == (enum device_class)cls)
				pr_info("  %-10s %s\n", label[cls], platform.device[i].summary);
	}
}

__init void platform_print_summary(void)
{
	const char *model = fdt_getprop(platform.fdt, 0, "model", NULL);

	pr_info("Shyper platform summary\n");
	pr_info("  model:     %s\n", model ? model : "(no model property)");
	platform_arch_summary();
	print_cpus();
	print_memmap("memory:", &platform.ram);
	print_memmap("reserved:", &platform.reserved);
	print_memmap("usable:", &platform.usable);
	print_devices();
	pr_info("End of platform summary\n");
}
