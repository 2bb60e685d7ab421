// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shyper's own address space (include/shyper/mm.h). Every table page comes
 * from a pool inside the image: the pool is mapped before anything else,
 * so a table never lives in memory that a break-before-make is unmapping.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/memmap.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include <shyper/printk.h>

static u64 table_pool[CONFIG_MM_TABLE_PAGES][PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));
static unsigned int pool_used;
static struct pt hyp_pt;

/* bss is cleared before mm_early_init(), so pool pages start zeroed. */
static u64 *pool_alloc(void)
{
	return pool_used < CONFIG_MM_TABLE_PAGES ? table_pool[pool_used++] : NULL;
}

void mm_print_usage(void)
{
	pr_info("%u of %d page-table pages used (CONFIG_MM_TABLE_PAGES)\n", pool_used,
		CONFIG_MM_TABLE_PAGES);
}

static void map_span(char *start, char *end, unsigned int flags)
{
	pt_map(&hyp_pt, (uintptr_t)start, (uintptr_t)start, end - start, flags);
}

/* The guard page below the boot stack stays a hole (scripts/shyper.lds.S). */
static void map_image(void)
{
	map_span(__text_start, __text_end, PT_READ | PT_EXEC);
	map_span(__rodata_start, __rodata_end, PT_READ);
	map_span(__data_start, __stack_guard, PT_READ | PT_WRITE);
	map_span(__stack_guard + PAGE_SIZE, __image_end, PT_READ | PT_WRITE);
}

void mm_early_init(const void *fdt)
{
	mm_arch_init(&hyp_pt);
	hyp_pt.alloc = pool_alloc;
	hyp_pt.root = pool_alloc();
	map_image();
	/* A DTB without its magic is reported by dt_check() once a console exists. */
	if (fdt_magic(fdt) == FDT_MAGIC)
		map_span((char *)fdt, (char *)fdt + fdt_totalsize(fdt), PT_READ);
	mm_arch_enable(&hyp_pt);
	hyp_pt.invalidate = mm_arch_invalidate;
}

static int map_live(paddr_t base, u64 size, unsigned int flags)
{
	int err = pt_map(&hyp_pt, base, base, size, flags);

	mm_arch_sync();
	if (err == -ERANGE)
		pr_err("0x%llx+0x%llx: beyond the address space Shyper can map\n",
		       (unsigned long long)base, (unsigned long long)size);
	else if (err)
		pr_err("0x%llx+0x%llx: page-table pool exhausted (CONFIG_MM_TABLE_PAGES=%d)\n",
		       (unsigned long long)base, (unsigned long long)size, CONFIG_MM_TABLE_PAGES);
	return err;
}

int mm_map_ram(void)
{
	struct memmap ram = platform.ram;
	unsigned int i;
	int err = 0;

	/* No-map memory belongs to firmware: not even speculation may touch it. */
	memmap_subtract(&ram, &platform.nomap);
	for (i = 0; i < ram.count && !err; i++)
		err = map_live(ram.region[i].base, ram.region[i].size, PT_READ | PT_WRITE);
	return err;
}

int mm_map_boot_blob(paddr_t base, u64 size)
{
	return map_live(base, size, PT_READ | PT_WRITE);
}

int mm_map_device(paddr_t base, u64 size)
{
	/* A reg with size 0 still names registers: map their page. */
	return map_live(base, size ? size : PAGE_SIZE, PT_READ | PT_WRITE | PT_DEVICE);
}

int mm_guard_page(paddr_t page)
{
	int err = pt_unmap_page(&hyp_pt, page);

	mm_arch_sync();
	return err;
}

void mm_report_cpu(const struct cpu *cpu)
{
	mm_arch_report(cpu);
}

static unsigned int unmap_span(char *start, char *end)
{
	unsigned int pages = 0;
	char *p;

	for (p = start; p < end; p += PAGE_SIZE)
		pages += !pt_unmap_page(&hyp_pt, (uintptr_t)p);
	return pages;
}

static void selftest_init_gone(void);

void mm_free_init(void)
{
	unsigned int pages = unmap_span(__init_text_start, __init_text_end) +
			     unmap_span(__init_data_start, __init_data_end);

	mm_arch_sync();
	pr_info("boot-only code and data unmapped: %u KiB\n",
		(unsigned int)(pages * (PAGE_SIZE / SZ_1K)));
	selftest_init_gone();
}

#ifdef CONFIG_MM_SELFTEST
/* Code for the execute probe: "return 0" (arch/<arch>/mm.c). */
extern const u32 mm_probe_code[];
static u32 probe_code_copy[4];

/* The probes' labels (arch/<arch>/mmu.S). */
extern char probe_store_insn[], probe_write_resume[], probe_exec_resume[];
extern char probe_load_insn[], probe_read_resume[];
extern u64 mm_probe_call(void *addr);
static u64 probe_exec_target;

u64 mm_arch_probe_exec(void *addr)
{
	u64 ret;

	probe_exec_target = (uintptr_t)addr;
	ret = mm_probe_call(addr);
	probe_exec_target = 0;
	return ret;
}

u64 mm_probe_fixup(u64 pc)
{
	if (pc == (uintptr_t)probe_store_insn)
		return (uintptr_t)probe_write_resume;
	if (pc == (uintptr_t)probe_load_insn)
		return (uintptr_t)probe_read_resume;
	if (probe_exec_target && pc == probe_exec_target)
		return (uintptr_t)probe_exec_resume;
	return 0;
}

void mm_selftest(void)
{
	u64 wr, ex;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(probe_code_copy); i++)
		probe_code_copy[i] = mm_probe_code[i];
	wr = mm_arch_probe_write(__text_start + PAGE_SIZE);
	ex = mm_arch_probe_exec(probe_code_copy);
	pr_info("W^X self-test: write to text at %p %s (syndrome 0x%llx)\n",
		(void *)(__text_start + PAGE_SIZE), wr ? "faulted" : "WENT THROUGH",
		(unsigned long long)wr);
	pr_info("W^X self-test: execute data at %p %s (syndrome 0x%llx)\n", (void *)probe_code_copy,
		ex ? "faulted" : "WENT THROUGH", (unsigned long long)ex);
}

/* After mm_free_init(): the first page of the init text reads as a fault. */
static void selftest_init_gone(void)
{
	u64 rd = mm_arch_probe_read(__init_text_start);

	pr_info("init self-test: read of init text at %p %s (syndrome 0x%llx)\n",
		(void *)__init_text_start, rd ? "faulted" : "WENT THROUGH", (unsigned long long)rd);
}
#else
void mm_selftest(void)
{
}

static void selftest_init_gone(void)
{
}

u64 mm_probe_fixup(u64 pc)
{
	return 0;
}
#endif
