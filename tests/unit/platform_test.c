// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory discovery in core/platform.c: memory nodes, /memreserve/,
 * /reserved-memory, initrd, /chosen modules, the DTB and Shyper's image
 * taken out of the usable RAM; plus the device records and allocator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <unit.h>

#define IMAGE_BASE 0x40080000ULL
#define IMAGE_SIZE 0x200000ULL

static void *blob;

static int setup(void **state)
{
	(void)state;
	blob = NULL;
	memset(&platform, 0, sizeof(platform));
	unit_set_boot_hwid(0);
	unit_capture_start();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(blob);
	return 0;
}

static int discover(const char *name, size_t extra)
{
	blob = unit_load_dtb(name, extra);
	return platform_discover(blob, IMAGE_BASE, IMAGE_SIZE);
}

/* The reserved range named @name that starts at @base, or NULL. */
static const struct mem_region *reserved(const char *name, paddr_t base)
{
	unsigned int i;

	for (i = 0; i < platform.reserved.count; i++)
		if (platform.reserved.region[i].base == base &&
		    !strcmp(platform.reserved.region[i].name, name))
			return &platform.reserved.region[i];
	return NULL;
}

static void assert_reserved(const char *name, paddr_t base, u64 size)
{
	const struct mem_region *r = reserved(name, base);

	if (!r)
		fail_msg("no reserved \"%s\" range at 0x%llx", name, (unsigned long long)base);
	assert_int_equal(r->size, size);
	assert_null(memmap_find_overlap(&platform.usable, base, size));
}

static void test_memory_nodes(void **state)
{
	(void)state;
	assert_int_equal(discover("platform-mem", 0), 0);
	/* Two banks in one node, one more node; disabled and nested ignored. */
	assert_int_equal(platform.ram.count, 3);
	assert_int_equal(platform.ram.region[0].base, 0x40000000);
	assert_int_equal(platform.ram.region[1].base, 0x70000000);
	assert_int_equal(platform.ram.region[2].base, 0x100000000ULL);
	assert_int_equal(memmap_total(&platform.ram), 0x20000000 + 0x10000000 + 0x40000000);
	assert_ptr_equal(platform.fdt, blob);
}

static void test_reserved_ranges(void **state)
{
	(void)state;
	assert_int_equal(discover("platform-mem", 0), 0);
	assert_reserved("memreserve", 0x40000000, 0x1000);
	assert_reserved("memreserve", 0x7ff00000, 0x100000);
	assert_reserved("reserved-memory", 0x50000000, 0x200000);
	/* Disabled child: not reserved; child without reg (dynamic): nothing to do. */
	assert_null(reserved("reserved-memory", 0x51000000));
	assert_true(memmap_contains(&platform.usable, 0x51000000, 0x100000));
	/* 1-cell linux,initrd-start/end. */
	assert_reserved("initrd", 0x58000000, 0x100000);
	assert_reserved("shyper", IMAGE_BASE, IMAGE_SIZE);
	assert_reserved("dtb", (uintptr_t)blob, fdt_totalsize(blob));
}

static void test_usable_is_ram_minus_reserved(void **state)
{
	u64 holes = 0x1000 + 0x100000 + 0x200000 + 0x100000 + IMAGE_SIZE;
	unsigned int i;

	(void)state;
	assert_int_equal(discover("platform-mem", 0), 0);
	/* The fixture's modules lie in the gap between its RAM banks. */
	assert_int_equal(memmap_total(&platform.usable), memmap_total(&platform.ram) - holes);
	for (i = 0; i < platform.usable.count; i++) {
		const struct mem_region *r = &platform.usable.region[i];

		assert_true(memmap_contains(&platform.ram, r->base, r->size));
		assert_true(IS_ALIGNED(r->base | r->size, SZ_4K));
	}
}

/* Reserved ranges that are not page-aligned take their whole pages. */
static void test_usable_trimmed_to_pages(void **state)
{
	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 256);
	assert_int_equal(fdt_add_mem_rsv(blob, 0x40001800, 0x100), 0);
	assert_int_equal(fdt_add_mem_rsv(blob, 0x40003f00, 0x200), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), 0);
	assert_int_equal(platform.usable.region[0].base, 0x40000000);
	assert_int_equal(platform.usable.region[0].size, 0x1000);
	assert_int_equal(platform.usable.region[1].base, 0x40002000);
	assert_int_equal(platform.usable.region[1].size, 0x1000);
	assert_int_equal(platform.usable.region[2].base, 0x40005000);
	assert_false(memmap_contains(&platform.usable, 0x40001000, 1));
	assert_false(memmap_contains(&platform.usable, 0x40003000, 1));
	assert_false(memmap_contains(&platform.usable, 0x40004fff, 1));
}

/*
 * Modules the bootloader loaded, described under /chosen as in Xen's
 * dom0less binding. /chosen has no ranges (it is not a bus): their reg
 * must be read untranslated, or VM images would be handed out as free RAM.
 */
static void test_chosen_modules(void **state)
{
	(void)state;
	assert_int_equal(discover("platform-mem", 0), 0);
	assert_reserved("module", 0x60000000, 0x800000);
	assert_reserved("module", 0x61000000, 0x400000);
}

static void test_qemu_virt_arm64(void **state)
{
	(void)state;
	assert_int_equal(discover("qemu-virt-arm64", 0), 0);
	assert_int_equal(platform.ram.count, 1);
	assert_int_equal(memmap_total(&platform.ram), 0x40000000);
	/* 2-cell linux,initrd-start/end, as QEMU writes them. */
	assert_reserved("initrd", 0x48000000, 0x400000);
	assert_int_equal(cpu_count(), 4);
}

static void test_qemu_virt_riscv64(void **state)
{
	(void)state;
	assert_int_equal(discover("qemu-virt-riscv64", 0), 0);
	assert_reserved("reserved-memory", 0x80000000, 0x40000);
	assert_reserved("initrd", 0x88000000, 0x200000);
	assert_int_equal(cpu_count(), 2);
}

static void test_rpi4(void **state)
{
	(void)state;
	assert_int_equal(discover("rpi4", 0), 0);
	assert_int_equal(platform.ram.count, 2);
	/* The spin tables in the first page. */
	assert_reserved("memreserve", 0x0, 0x1000);
	assert_false(memmap_contains(&platform.usable, 0xd8, 8));
}

/* Make the first memory node cover the DTB itself, wherever malloc put it. */
static void test_dtb_taken_out_of_usable(void **state)
{
	fdt64_t reg[2];
	paddr_t base, dtb, dtb_end;
	u64 size = 64 * SZ_1M;

	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 256);
	base = ALIGN_DOWN((uintptr_t)blob, SZ_2M) - 16 * SZ_1M;
	reg[0] = cpu_to_fdt64(base);
	reg[1] = cpu_to_fdt64(size);
	assert_int_equal(
	    fdt_setprop(blob, fdt_path_offset(blob, "/memory@40000000"), "reg", reg, sizeof(reg)),
	    0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), 0);
	assert_true(memmap_contains(&platform.ram, (uintptr_t)blob, fdt_totalsize(blob)));
	assert_reserved("dtb", (uintptr_t)blob, fdt_totalsize(blob));
	/* Usable RAM is whole pages: the pages the DTB touches all go. */
	dtb = ALIGN_DOWN((uintptr_t)blob, SZ_4K);
	dtb_end = ALIGN_UP((uintptr_t)blob + fdt_totalsize(blob), SZ_4K);
	assert_int_equal(memmap_total(&platform.usable), size - (dtb_end - dtb));
}

static void test_no_memory(void **state)
{
	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 0);
	assert_int_equal(fdt_del_node(blob, fdt_path_offset(blob, "/memory@40000000")), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), -ENODEV);
	assert_true(unit_capture_has("platform: no memory node with a reg in the DTB\n"));
}

/* Defect 9.13: a memory node left for the bootloader is named as such. */
static void test_memory_size_zero(void **state)
{
	static const fdt32_t zero[4];
	int mem;

	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 0);
	mem = fdt_path_offset(blob, "/memory@40000000");
	assert_int_equal(fdt_setprop_inplace(blob, mem, "reg", zero, sizeof(zero)), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), -ENODEV);
	if (!unit_capture_has(
		"platform: /memory@40000000 has size 0: the bootloader fills it in at "
		"boot\n"))
		fail_msg("log:\n%s", unit_capture_text());
}

/* Defect 9.13: a 256-byte range is not "0 MiB"; sizes in the unit that is exact. */
static void test_summary_sizes(void **state)
{
	(void)state;
	assert_int_equal(discover("qemu-virt-arm64", 4096), 0);
	memmap_add(&platform.reserved, 0x48000000, 256, "tiny");
	memmap_add(&platform.reserved, 0x48100000, 12 * 1024, "small");
	unit_capture_clear();
	platform_print_summary();
	if (!unit_capture_has("0x048000000-0x048000100    256 B\n") ||
	    !unit_capture_has("0x048100000-0x048103000     12 KiB\n") ||
	    !unit_capture_has("cpus:      "))
		fail_msg("summary:\n%s", unit_capture_text());
}

/* Stand-in for the arch line of the summary (arch/arm64/platform.c reads registers). */
void platform_arch_summary(void)
{
}

static void test_no_boot_cpu(void **state)
{
	(void)state;
	unit_set_boot_hwid(9);
	assert_int_equal(discover("qemu-virt-arm64", 0), -ENODEV);
}

static void test_initrd_end_before_start(void **state)
{
	int chosen;

	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 256);
	chosen = fdt_path_offset(blob, "/chosen");
	assert_int_equal(fdt_setprop_u64(blob, chosen, "linux,initrd-end", 0x47000000), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), 0);
	assert_null(reserved("initrd", 0x48000000));
	/* Three cells is neither form: ignored. */
	assert_int_equal(fdt_appendprop_u32(blob, chosen, "linux,initrd-end", 0), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), 0);
	assert_null(reserved("initrd", 0x48000000));
}

/* More reserved ranges than the map holds: warned about, not fatal. */
static void test_too_many_reservations(void **state)
{
	int i;

	(void)state;
	blob = unit_load_dtb("qemu-virt-arm64", 4096);
	for (i = 0; i < CONFIG_MAX_MEM_REGIONS + 4; i++)
		assert_int_equal(fdt_add_mem_rsv(blob, 0x40100000 + (u64)i * 0x10000, 0x1000), 0);
	assert_int_equal(platform_discover(blob, IMAGE_BASE, IMAGE_SIZE), 0);
	assert_int_equal(platform.reserved.count, CONFIG_MAX_MEM_REGIONS);
	assert_true(unit_capture_has("platform: cannot track memreserve range 0x"));
	assert_true(unit_capture_has("platform: memory map too fragmented"));
}

static void test_devices(void **state)
{
	const struct platform_device *dev;
	int i;

	(void)state;
	assert_null(platform_find_device(DEVICE_SERIAL));
	platform_add_device(DEVICE_IRQCHIP, 12, "gic-v3", "GICv3 dist 0x%llx", 0x8000000ULL);
	platform_add_device(DEVICE_SERIAL, 34, "pl011", "%s at 0x%x", "PL011", 0x9000000);
	dev = platform_find_device(DEVICE_SERIAL);
	assert_non_null(dev);
	assert_int_equal(dev->node, 34);
	assert_string_equal(dev->driver, "pl011");
	assert_string_equal(dev->summary, "PL011 at 0x9000000");
	assert_string_equal(platform_find_device(DEVICE_IRQCHIP)->summary, "GICv3 dist 0x8000000");
	for (i = 0; i < PLATFORM_MAX_DEVICES + 3; i++)
		platform_add_device(DEVICE_TIMER, i, "t", "timer %d", i);
	assert_int_equal(platform.device_count, PLATFORM_MAX_DEVICES);
	assert_int_equal(platform_find_device(DEVICE_TIMER)->node, 0);
}

static void test_alloc(void **state)
{
	paddr_t at;

	(void)state;
	assert_int_equal(discover("qemu-virt-arm64", 0), 0);
	assert_int_equal(platform_alloc(SZ_2M, SZ_2M, &at), 0);
	assert_int_equal(at, 0x80000000 - SZ_2M);
	assert_reserved("shyper-data", at, SZ_2M);
	assert_int_equal(platform_alloc(0x80000000ULL, SZ_4K, &at), -ENOMEM);
}

#define platform_test(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    platform_test(test_memory_nodes),
	    platform_test(test_reserved_ranges),
	    platform_test(test_usable_is_ram_minus_reserved),
	    platform_test(test_usable_trimmed_to_pages),
	    platform_test(test_chosen_modules),
	    platform_test(test_qemu_virt_arm64),
	    platform_test(test_qemu_virt_riscv64),
	    platform_test(test_rpi4),
	    platform_test(test_dtb_taken_out_of_usable),
	    platform_test(test_no_memory),
	    platform_test(test_memory_size_zero),
	    platform_test(test_summary_sizes),
	    platform_test(test_no_boot_cpu),
	    platform_test(test_initrd_end_before_start),
	    platform_test(test_too_many_reservations),
	    platform_test(test_devices),
	    platform_test(test_alloc),
	};

	return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}
