// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BCM2835 mini-UART driver's device-tree half
 * (drivers/serial/bcm2835_aux_dt.c) on the Raspberry Pi 4 shaped fixture:
 * matched by compatible, its reg translated from the VideoCore bus
 * (0x7e215040) to the CPU's view (0xfe215040) through /soc's ranges,
 * refused with a reg too small for the LSR, named by stdout-path through
 * an alias, and its summary line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <unit.h>
#include "../../drivers/serial/bcm2835_aux_dt.h"

#define MINI_UART "/soc/serial@7e215040"

extern const struct dt_device_id bcm2835_aux_match[];

static void *load_rpi4(void)
{
	return unit_load_dtb("rpi4", 256);
}

static void test_match(void **state)
{
	void *fdt = load_rpi4();
	const struct dt_device_id *id;

	(void)state;
	id = dt_match_id(fdt, fdt_path_offset(fdt, MINI_UART), bcm2835_aux_match);
	assert_non_null(id);
	assert_string_equal(id->compatible, "brcm,bcm2835-aux-uart");
	/* The PL011 next to it is another driver's. */
	assert_null(
	    dt_match_id(fdt, fdt_path_offset(fdt, "/soc/serial@7e201000"), bcm2835_aux_match));
	assert_ptr_equal(driver_match(&bcm2835_aux_dt), bcm2835_aux_match);
	free(fdt);
}

static void test_reg_translated(void **state)
{
	void *fdt = load_rpi4();
	paddr_t base = 0;
	u64 size = 0;

	(void)state;
	assert_int_equal(bcm2835_aux_dt_read(fdt, fdt_path_offset(fdt, MINI_UART), &base, &size),
			 0);
	assert_int_equal(base, 0xfe215040);
	assert_int_equal(size, 0x40);
	free(fdt);
}

static void test_reg_refused(void **state)
{
	void *fdt = load_rpi4();
	int node = fdt_path_offset(fdt, MINI_UART);
	const fdt32_t small[] = {cpu_to_fdt32(0x7e215040), cpu_to_fdt32(0x14)};
	paddr_t base;
	u64 size;

	(void)state;
	/* 0x14 bytes end before AUX_MU_LSR_REG (+0x14): no way to poll. */
	assert_int_equal(fdt_setprop(fdt, node, "reg", small, sizeof(small)), 0);
	assert_int_equal(bcm2835_aux_dt_read(fdt, node, &base, &size), -EINVAL);
	assert_int_equal(fdt_delprop(fdt, node, "reg"), 0);
	assert_int_equal(bcm2835_aux_dt_read(fdt, node, &base, &size), -EINVAL);
	free(fdt);
}

static void test_stdout_alias(void **state)
{
	void *fdt = load_rpi4();
	int chosen = fdt_path_offset(fdt, "/chosen");

	(void)state;
	/* As the Raspberry Pi DTBs name their mini-UART (serial0 in this fixture). */
	assert_int_equal(fdt_setprop_string(fdt, chosen, "stdout-path", "serial0:115200n8"), 0);
	assert_int_equal(dt_stdout_node(fdt), fdt_path_offset(fdt, MINI_UART));
	free(fdt);
}

static void test_summary(void **state)
{
	void *fdt = load_rpi4();
	int node = fdt_path_offset(fdt, MINI_UART);
	char line[128];

	(void)state;
	assert_int_equal(device_describe(&bcm2835_aux_dt, fdt, node, &bcm2835_aux_match[0], NULL,
					 line, sizeof(line)),
			 0);
	assert_string_equal(line, "bcm2835-aux mini-UART (brcm,bcm2835-aux-uart) at 0xfe215040");
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_match),	cmocka_unit_test(test_reg_translated),
	    cmocka_unit_test(test_reg_refused), cmocka_unit_test(test_stdout_alias),
	    cmocka_unit_test(test_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
