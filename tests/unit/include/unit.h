/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the host unit tests (tests/unit/common/). They live in
 * a static archive, so a test links only the helpers it calls: a test that
 * never captures the console does not need core/console.c.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * unit_load_dtb() - read fixture @name (without ".dtb") from the fixture
 * directory ($SHYPER_UNIT_FIXTURES, else the one the Makefile compiled)
 * @extra: bytes of free space to leave at the end, for fdt_open_into()
 *
 * Fails the running test when the file is missing or not a DTB.
 * Return: a malloc()ed blob; free() it.
 */
void *unit_load_dtb(const char *name, size_t extra);

/**
 * unit_capture_start() - register a fake console that records everything
 * printk() writes (from core/console.c; "\r" dropped), and clear the record
 */
void unit_capture_start(void);

/** unit_capture_clear() - forget what was recorded so far. */
void unit_capture_clear(void);

/** unit_capture_text() - everything recorded since the last clear. */
const char *unit_capture_text(void);

/** unit_capture_has() - true if @needle appears in the record. */
bool unit_capture_has(const char *needle);

/**
 * unit_set_boot_hwid() - the value the cpu_arch_boot_hwid() stub returns
 * (what MPIDR_EL1 or the boot hart id would say on hardware)
 */
void unit_set_boot_hwid(uint64_t hwid);

/*
 * A pool of UNIT_TABLE_POOL zeroed, page-aligned 4 KiB tables for the
 * page-table walker tests (tests/unit/common/table_pool.c): cmocka setup
 * and teardown, the allocator and invalidation hook a struct pt takes,
 * and how many invalidations it saw.
 */
#define UNIT_TABLE_POOL 64
int unit_table_pool_setup(void **state);
int unit_table_pool_teardown(void **state);
uint64_t *unit_table_alloc(void);
void unit_count_invalidation(uint64_t va);
uint64_t *unit_table_page(unsigned int i);
void unit_table_pool_exhaust(void);
extern unsigned int unit_invalidations;
#define UNIT_POOL_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, unit_table_pool_setup, unit_table_pool_teardown)

#endif
