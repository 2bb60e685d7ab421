// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU discovery with arch/riscv/cpu_dt.c: harts need the H extension
 * (riscv,isa letters or riscv,isa-extensions), Sstc is noted, the boot
 * hart need not be hart 0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <unit.h>

static void *blob;

static int setup(void **state)
{
	(void)state;
	blob = unit_load_dtb("qemu-virt-riscv64", 1024);
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

static int hart(int n)
{
	char path[32];

	snprintf(path, sizeof(path), "/cpus/cpu@%d", n);
	return fdt_path_offset(blob, path);
}

static void set_isa(int n, const char *isa)
{
	assert_int_equal(fdt_setprop_string(blob, hart(n), "riscv,isa", isa), 0);
}

static void test_qemu_virt_harts(void **state)
{
	(void)state;
	unit_set_boot_hwid(1);
	assert_int_equal(cpu_discover(blob), 0);
	assert_int_equal(cpu_count(), 2);
	assert_ptr_equal(cpu_boot(), cpu_get(1));
	assert_int_equal(cpu_get(1)->hwid, 1);
	assert_true(cpu_get(0)->arch.has_sstc);
	assert_string_equal(cpu_arch_method(cpu_get(0)), "sbi-hsm");
}

static void test_hart_without_h_left_out(void **state)
{
	(void)state;
	set_isa(1, "rv64imafdc_zicsr_zifencei_sstc");
	assert_int_equal(cpu_discover(blob), 0);
	assert_int_equal(cpu_count(), 1);
	/* Defect 9.11: the reason, not an errno. */
	assert_true(unit_capture_has("cpu: /cpus/cpu@1: left out: no H extension in riscv,isa or "
				     "riscv,isa-extensions: it cannot run a hypervisor\n"));
	/* "h" inside a multi-letter extension name does not count. */
	set_isa(0, "rv64imac_zihintpause");
	assert_int_equal(cpu_discover(blob), -ENODEV);
}

static void test_isa_letters_and_words(void **state)
{
	(void)state;
	set_isa(0, "rv64gch");
	set_isa(1, "rv64imafdch_sstcx");
	assert_int_equal(cpu_discover(blob), 0);
	assert_int_equal(cpu_count(), 2);
	assert_false(cpu_get(0)->arch.has_sstc);
	/* A longer word that starts with "sstc" is another extension. */
	assert_false(cpu_get(1)->arch.has_sstc);
}

static void test_isa_extensions_list(void **state)
{
	static const char exts[] = "i\0m\0a\0f\0d\0c\0h\0sstc";
	int node = hart(0);

	(void)state;
	assert_int_equal(fdt_delprop(blob, node, "riscv,isa"), 0);
	assert_int_equal(fdt_setprop(blob, node, "riscv,isa-extensions", exts, sizeof(exts)), 0);
	assert_int_equal(cpu_discover(blob), 0);
	assert_int_equal(cpu_get(0)->node, node);
	assert_true(cpu_get(0)->arch.has_sstc);
}

static void test_no_isa_at_all(void **state)
{
	(void)state;
	assert_int_equal(fdt_delprop(blob, hart(1), "riscv,isa"), 0);
	assert_int_equal(cpu_discover(blob), 0);
	assert_int_equal(cpu_count(), 1);
	unit_set_boot_hwid(1);
	assert_int_equal(cpu_discover(blob), -ENODEV);
}

#define riscv_test(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    riscv_test(test_qemu_virt_harts),	    riscv_test(test_hart_without_h_left_out),
	    riscv_test(test_isa_letters_and_words), riscv_test(test_isa_extensions_list),
	    riscv_test(test_no_isa_at_all),
	};

	return cmocka_run_group_tests_name("cpu_riscv", tests, NULL, NULL);
}
