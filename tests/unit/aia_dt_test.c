// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AIA device-tree halves (drivers/irqchip/aplic_dt.c, imsic_dt.c):
 * both levels of QEMU's virt layout, direct delivery, each malformed node
 * refused, the APLIC's interrupt specifiers, and the summary lines the
 * hypervisor and the checker print.
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
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/irq.h>
#include <unit.h>
#include "../../drivers/irqchip/aia_dt.h"

static void *fdt;

static int setup(void **state)
{
	fdt = unit_load_dtb("riscv-aia", 0);
	return 0;
}

static int teardown(void **state)
{
	free(fdt);
	return 0;
}

static int node(const char *path)
{
	int n = fdt_path_offset(fdt, path);

	assert_true(n >= 0);
	return n;
}

static void test_imsic_levels(void **state)
{
	struct imsic_dt im;

	assert_int_equal(imsic_dt_read(fdt, node("/soc/imsics@28000000"), &im), 0);
	assert_int_equal(im.base, 0x28000000);
	assert_int_equal(im.size, 0x8000);
	assert_int_equal(im.harts, 2);
	assert_int_equal(im.num_ids, 255);
	assert_int_equal(im.guest_files, 3);
	assert_int_equal(im.level, AIA_LEVEL_SUPERVISOR);
	assert_int_equal(imsic_dt_read(fdt, node("/soc/imsics@24000000"), &im), 0);
	assert_int_equal(im.guest_files, 0);
	assert_int_equal(im.level, AIA_LEVEL_MACHINE);
}

static void test_aplic_domains(void **state)
{
	struct aplic_dt ap;

	assert_int_equal(aplic_dt_read(fdt, node("/soc/aplic@d000000"), &ap), 0);
	assert_int_equal(ap.base, 0xd000000);
	assert_int_equal(ap.sources, 96);
	assert_int_equal(ap.msi_parent, node("/soc/imsics@28000000"));
	assert_int_equal(ap.children, -1);
	assert_int_equal(ap.level, AIA_LEVEL_SUPERVISOR);
	assert_int_equal(aplic_dt_read(fdt, node("/soc/aplic@c000000"), &ap), 0);
	assert_int_equal(ap.level, AIA_LEVEL_MACHINE);
	assert_int_equal(ap.children, node("/soc/aplic@d000000"));
	assert_int_equal(aplic_dt_read(fdt, node("/soc/aplic-direct@e000000"), &ap), 0);
	assert_int_equal(ap.msi_parent, -1);
	assert_int_equal(ap.level, AIA_LEVEL_SUPERVISOR);
	assert_int_equal(ap.sources, 32);
}

static void test_malformed_refused(void **state)
{
	static const char *const aplics[] = {"/bad/aplic-no-sources@1000",
					     "/bad/aplic-too-many@2000",
					     "/bad/aplic-parent-not-imsic@3000"};
	static const char *const imsics[] = {"/bad/imsic-mixed-levels@4000",
					     "/bad/imsic-guest-bits@5000",
					     "/bad/imsic-no-harts@6000"};
	struct aplic_dt ap;
	struct imsic_dt im;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		if (aplic_dt_read(fdt, node(aplics[i]), &ap) != -EINVAL)
			fail_msg("%s accepted", aplics[i]);
		if (imsic_dt_read(fdt, node(imsics[i]), &im) != -EINVAL)
			fail_msg("%s accepted", imsics[i]);
	}
}

static void test_aplic_specifiers(void **state)
{
	struct dt_irq irq;
	int uart = node("/soc/serial@10000000"), dev = node("/bad/device@7000");

	assert_int_equal(dt_read_irq(fdt, uart, 0, &irq), 0);
	assert_int_equal(irq.hwirq, 10);
	assert_int_equal(irq.type, 4);
	assert_false(irq.percpu);
	/* Source 0 does not exist, 1024 is beyond the AIA's 1023. */
	assert_int_equal(dt_read_irq(fdt, dev, 0, &irq), -EINVAL);
	assert_int_equal(dt_read_irq(fdt, dev, 1, &irq), -EINVAL);
}

static void test_summary_lines(void **state)
{
	struct aplic_hw ap_hw = {.domaincfg = 1U << 2};
	struct imsic_hw im_hw = {.geilen = 3};
	const struct dt_device_id *id;
	char buf[DEVICE_SUMMARY_LEN];
	int n = node("/soc/aplic@d000000");

	id = dt_match_id(fdt, n, aplic_dt.match);
	assert_int_equal(aplic_dt.describe(fdt, n, id, &ap_hw, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "APLIC (riscv,aplic) at 0xd000000, supervisor level, 96 sources, "
				 "MSI delivery to /soc/imsics@28000000, mode read MSI");
	n = node("/soc/aplic@c000000");
	assert_int_equal(aplic_dt.describe(fdt, n, id, NULL, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf,
			       "machine level, 96 sources, MSI delivery to /soc/imsics@24000000"
			       ", delegates to child domains, mode read firmware's"));
	n = node("/soc/imsics@28000000");
	id = dt_match_id(fdt, n, imsic_dt.match);
	assert_int_equal(imsic_dt.describe(fdt, n, id, &im_hw, buf, sizeof(buf)), 0);
	assert_string_equal(buf,
			    "IMSIC (riscv,imsics) at 0x28000000, supervisor level, 2 hart(s), "
			    "255 identities, 3 guest file(s) per hart, 3 guest interrupt line(s) "
			    "on this hart");
	n = node("/soc/imsics@24000000");
	assert_int_equal(imsic_dt.describe(fdt, n, id, NULL, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "no (firmware's) guest interrupt line(s)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_imsic_levels),      cmocka_unit_test(test_aplic_domains),
	    cmocka_unit_test(test_malformed_refused), cmocka_unit_test(test_aplic_specifiers),
	    cmocka_unit_test(test_summary_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
