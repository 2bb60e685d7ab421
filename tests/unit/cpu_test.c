// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU discovery: core/cpu.c with arch/arm64/cpu_dt.c. Enable methods,
 * disabled and broken CPU nodes, the boot CPU, the CONFIG_MAX_CPUS cap.
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
#include <unit.h>

static void *blob;

static int setup(void **state)
{
	(void)state;
	blob = NULL;
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

/* Load fixture @name in place of the previous one. */
static void *load(const char *name)
{
	free(blob);
	blob = unit_load_dtb(name, 0);
	return blob;
}

static void assert_cpu(cpuid_t id, u64 hwid, const char *method, const char *path)
{
	struct cpu *cpu = cpu_get(id);

	assert_non_null(cpu);
	assert_int_equal(cpu->id, id);
	assert_int_equal(cpu->hwid, hwid);
	assert_string_equal(cpu_arch_method(cpu), method);
	assert_int_equal(cpu->node, fdt_path_offset(blob, path));
	assert_false(cpu->online);
}

static void test_qemu_virt_psci(void **state)
{
	(void)state;
	assert_int_equal(cpu_discover(load("qemu-virt-arm64")), 0);
	/* cpu-map is not a CPU, and the CPU numbering is DTB order. */
	assert_int_equal(cpu_count(), 4);
	assert_cpu(0, 0, "psci", "/cpus/cpu@0");
	assert_cpu(3, 3, "psci", "/cpus/cpu@3");
	assert_null(cpu_get(4));
	assert_ptr_equal(cpu_boot(), cpu_get(0));
	assert_string_equal(unit_capture_text(), "");
}

static void test_boot_cpu_not_first(void **state)
{
	(void)state;
	unit_set_boot_hwid(2);
	assert_int_equal(cpu_discover(load("qemu-virt-arm64")), 0);
	assert_ptr_equal(cpu_boot(), cpu_get(2));
}

static void test_rpi4_spin_table(void **state)
{
	struct cpu *cpu;

	(void)state;
	assert_int_equal(cpu_discover(load("rpi4")), 0);
	assert_int_equal(cpu_count(), 4);
	cpu = cpu_get(1);
	assert_cpu(1, 1, "spin-table", "/cpus/cpu@1");
	assert_int_equal(cpu->arch.enable, CPU_ENABLE_SPIN_TABLE);
	/* 2-cell cpu-release-addr. */
	assert_int_equal(cpu->arch.release_addr, 0xe0);
	assert_int_equal(cpu_get(3)->arch.release_addr, 0xf0);
}

static void test_mixed_nodes(void **state)
{
	(void)state;
	assert_int_equal(cpu_discover(load("cpus-edge")), 0);
	assert_int_equal(cpu_count(), 4);
	assert_cpu(0, 0x0, "psci", "/cpus/cpu@0");
	/* 1-cell cpu-release-addr. */
	assert_cpu(1, 0x100, "spin-table", "/cpus/cpu@100");
	assert_int_equal(cpu_get(1)->arch.release_addr, 0x8000fff8);
	assert_cpu(2, 0x103, "none", "/cpus/cpu@103");
	/* 2-cell MPIDR: Aff3 kept, bits 31:24 dropped. */
	assert_cpu(3, 0x100000000ULL, "psci", "/cpus/cpu@1ff000000");
}

static void test_broken_nodes_named_in_warning(void **state)
{
	(void)state;
	assert_int_equal(cpu_discover(load("cpus-edge")), 0);
	/* spin-table without cpu-release-addr, and a CPU without reg. */
	assert_true(unit_capture_has("cpu: /cpus/cpu@101: left out: enable-method \"spin-table\" "
				     "without a 1- or 2-cell cpu-release-addr\n"));
	assert_true(unit_capture_has(
	    "cpu: /cpus/cpu@bad: left out: reg is missing or shorter than #address-cells\n"));
	/* Disabled CPUs are skipped without a word. */
	assert_false(unit_capture_has("cpu@102"));
}

static void test_boot_cpu_missing(void **state)
{
	(void)state;
	unit_set_boot_hwid(0x55);
	assert_int_equal(cpu_discover(load("cpus-edge")), -ENODEV);
	assert_null(cpu_boot());
	assert_true(unit_capture_has("cpu: boot CPU 0x55 is not among the 4 usable CPU nodes\n"));
}

static void test_boot_cpu_left_out(void **state)
{
	(void)state;
	/* Booted on a CPU whose node is disabled or broken: still an error. */
	unit_set_boot_hwid(0x102);
	assert_int_equal(cpu_discover(load("cpus-edge")), -ENODEV);
	unit_set_boot_hwid(0x101);
	assert_int_equal(cpu_discover(load("cpus-edge")), -ENODEV);
}

static void test_more_than_max_cpus(void **state)
{
	(void)state;
	unit_set_boot_hwid(7);
	assert_int_equal(cpu_discover(load("cpus-many")), 0);
	assert_int_equal(cpu_count(), CONFIG_MAX_CPUS);
	assert_true(unit_capture_has("more than 8 CPUs, the rest stay offline"));
	assert_ptr_equal(cpu_boot(), cpu_get(7));
	/* Booted on one past the cap: not found. */
	unit_set_boot_hwid(8);
	assert_int_equal(cpu_discover(load("cpus-many")), -ENODEV);
}

static void test_no_cpus_node(void **state)
{
	(void)state;
	load("qemu-virt-arm64");
	assert_int_equal(fdt_del_node(blob, fdt_path_offset(blob, "/cpus")), 0);
	assert_int_equal(cpu_discover(blob), -ENODEV);
	assert_int_equal(cpu_count(), 0);
	assert_null(cpu_boot());
	assert_true(unit_capture_has("cpu: the DTB has no /cpus node\n"));
}

/* riscv harts parsed by the arm64 CPU code: no enable-method, 1-cell reg. */
static void test_riscv_harts(void **state)
{
	(void)state;
	unit_set_boot_hwid(1);
	assert_int_equal(cpu_discover(load("qemu-virt-riscv64")), 0);
	assert_int_equal(cpu_count(), 2);
	assert_ptr_equal(cpu_boot(), cpu_get(1));
	assert_cpu(1, 1, "none", "/cpus/cpu@1");
}

static void test_rediscovery_resets(void **state)
{
	(void)state;
	assert_int_equal(cpu_discover(load("qemu-virt-arm64")), 0);
	assert_int_equal(cpu_discover(load("cpus-edge")), 0);
	assert_int_equal(cpu_count(), 4);
	assert_string_equal(cpu_arch_method(cpu_get(2)), "none");
}

#define cpu_test(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cpu_test(test_qemu_virt_psci),
	    cpu_test(test_boot_cpu_not_first),
	    cpu_test(test_rpi4_spin_table),
	    cpu_test(test_mixed_nodes),
	    cpu_test(test_broken_nodes_named_in_warning),
	    cpu_test(test_boot_cpu_missing),
	    cpu_test(test_boot_cpu_left_out),
	    cpu_test(test_more_than_max_cpus),
	    cpu_test(test_no_cpus_node),
	    cpu_test(test_riscv_harts),
	    cpu_test(test_rediscovery_resets),
	};

	return cmocka_run_group_tests_name("cpu", tests, NULL, NULL);
}
