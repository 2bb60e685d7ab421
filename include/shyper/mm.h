/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shyper's own address space (Documentation/memory.md): an identity map
 * built before the first lock is taken, so that atomics run on Normal
 * cacheable memory. The image is mapped page by page with W^X (text
 * read-only and executable, rodata read-only, data and bss read-write and
 * never executable), the DTB read-only, RAM read-write once discovered,
 * and device registers only when a driver asks for them.
 */
#ifndef SHYPER_MM_H
#define SHYPER_MM_H

#include <shyper/pgtable.h>
#include <shyper/types.h>

struct cpu;

/* The image's sections, from the linker script (page aligned). */
extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __stack_guard[];
extern char __init_text_start[], __init_text_end[], __init_data_start[], __init_data_end[];

/**
 * mm_early_init() - map the image and the DTB and turn translation on for
 * the boot CPU; called from the entry code before any C code takes a lock
 * or prints, so it does neither
 */
void mm_early_init(const void *fdt);

/** mm_map_ram() - map all RAM the DTB describes, except no-map reserved memory. */
int mm_map_ram(void);

/**
 * mm_map_device() - map a driver's registers [base, base + size) as device
 * memory, read-write, never executable
 * Return: 0 or -ENOMEM (the page-table pool is exhausted).
 */
int mm_map_device(paddr_t base, u64 size);

/**
 * mm_map_boot_blob() - map [base, base + size) read-write before the RAM
 * is: a blob the bootloader loaded that is used first and consumed, such
 * as an overlay (fdt_overlay_apply() rewrites the overlay it applies)
 */
int mm_map_boot_blob(paddr_t base, u64 size);

/** mm_guard_page() - unmap the page at @page, so that an overflow into it faults. */
int mm_guard_page(paddr_t page);

/** mm_report_cpu() - one boot-log line: this CPU's translation and cache state, read back. */
void mm_report_cpu(const struct cpu *cpu);

/** mm_selftest() - with CONFIG_MM_SELFTEST, prove that text is not writable and data not
 * executable. */
void mm_selftest(void);

/**
 * mm_free_init() - the boot is over: unmap the __init / __initdata pages,
 * so that any later use of boot-only code or data faults instead of
 * running stale code; with CONFIG_MM_SELFTEST, a read there proves it.
 * Must not be called from init text.
 */
void mm_free_init(void);

/** mm_print_usage() - how much of the page-table pool the boot used. */
void mm_print_usage(void);

/* Architecture hooks. */

/** mm_arch_init() - the descriptor format and root size of Shyper's own tables. */
void mm_arch_init(struct pt *pt);

/** mm_arch_enable() - turn translation on for this CPU (boot CPU: first time). */
void mm_arch_enable(struct pt *pt);

/** mm_arch_invalidate() - forget every CPU's cached translation of @va. */
void mm_arch_invalidate(u64 va);

/** mm_arch_sync() - make new descriptors visible to this CPU's table walks. */
void mm_arch_sync(void);

/** mm_arch_report() - print the state of this CPU's translation registers. */
void mm_arch_report(const struct cpu *cpu);

/**
 * mm_arch_probe_write() / mm_arch_probe_exec() - store to @addr (its own
 * value) / call the code at @addr, surviving the fault
 * Return: 0 when it went through, else the fault's syndrome (nonzero).
 */
u64 mm_arch_probe_write(void *addr);
u64 mm_arch_probe_exec(void *addr);

/** mm_arch_probe_read() - load from @addr, surviving the fault; Return: as above. */
u64 mm_arch_probe_read(const void *addr);

/**
 * mm_probe_fixup() - for a fault taken by Shyper at @pc: where the self-test
 * probe that caused it resumes, or 0 if it was no probe (a real fault)
 */
u64 mm_probe_fixup(u64 pc);

#endif
