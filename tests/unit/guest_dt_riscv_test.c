// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest DTB builder on a riscv host (QEMU virt's own DTB): harts
 * renumbered from 0 without the H extension, one cpu-intc each, a vPLIC
 * with one S-mode context per vCPU, the ns16550 vUART; golden files.
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
#include <shyper/guest_dt.h>
#include <shyper/vm_config.h>
#include <unit.h>
#include "vm_testlib.h"

static void *guest;

static void *riscv_layout(void)
{
	void *fdt = vmt_board("vm_qemu_riscv64");
	static const char harts[] = "/cpus/cpu@2\0/cpus/cpu@3";

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	vmt_cells(fdt, "/chosen/vm1", "memory", 4, 0, 0x80000000, 0, 0x1000000);
	vmt_cells(fdt, "/chosen/vm2", "memory", 4, 0, 0x80000000, 0, 0x1000000);
	vmt_cells(fdt, "/chosen/vm1/kernel", "reg", 4, 0, 0x88000000, 0, 0x100000);
	vmt_cells(fdt, "/chosen/vm2/kernel", "reg", 4, 0, 0x88200000, 0, 0x100000);
	vmt_raw(fdt, "/chosen/vm1", "vuart", "", 0);
	vmt_str(fdt, "/chosen/vm1", "passthrough", "/soc/rtc@101000");
	vmt_str(fdt, "/chosen/vm1", "bootargs", "console=ttyS0");
	vmt_del(fdt, "/chosen/vm2", "cpus");
	vmt_raw(fdt, "/chosen/vm2", "host-cpus", harts, sizeof(harts));
	vmt_str(fdt, "/chosen/vm2", "passthrough", "/soc/virtio_mmio@10008000");
	assert_int_equal(vmt_parse(fdt), 2);
	return fdt;
}

static void test_golden_vm1(void **state)
{
	void *fdt = riscv_layout();

	guest = vmt_build(fdt, 1);
	vmt_golden(guest, "vm_qemu_riscv64-vm1");
	assert_int_equal(guest_dt_check(fdt, guest, vmt_find(1)), 0);
}

static void test_golden_vm2(void **state)
{
	void *fdt = riscv_layout();
	int cpu;

	guest = vmt_build(fdt, 2);
	vmt_golden(guest, "vm_qemu_riscv64-vm2");
	/* Host harts 2 and 3 become harts 0 and 1, without 'h'. */
	cpu = fdt_path_offset(guest, "/cpus/cpu@1");
	assert_true(cpu >= 0);
	assert_int_equal(strncmp(fdt_getprop(guest, cpu, "riscv,isa", NULL), "rv64imafdc_", 11), 0);
	assert_true(fdt_path_offset(guest, "/cpus/cpu@2") < 0);
}

/* "watchdog" on a PLIC guest: the A31 watchdog sunxi_wdt binds, no clock. */
static void test_watchdog_node(void **state)
{
	void *fdt = vmt_board("vm_qemu_riscv64");
	const struct vm_config *vm;
	char path[40];
	int node;

	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, "/chosen/vm1", "memory", 4, 0, 0x80000000, 0, 0x1000000);
	vmt_cells(fdt, "/chosen/vm1/kernel", "reg", 4, 0, 0x88000000, 0, 0x100000);
	vmt_raw(fdt, "/chosen/vm1", "watchdog", "", 0);
	assert_int_equal(vmt_parse(fdt), 1);
	vm = vmt_find(1);
	guest = vmt_build(fdt, 1);
	snprintf(path, sizeof(path), "/watchdog@%llx",
		 (unsigned long long)vm->layout.watchdog.base);
	node = fdt_path_offset(guest, path);
	assert_true(node >= 0);
	assert_int_equal(fdt_node_check_compatible(guest, node, "allwinner,sun6i-a31-wdt"), 0);
	assert_null(fdt_getprop(guest, node, "clocks", NULL));
	assert_true(fdt_path_offset(guest, "/watchdog-clock") < 0);
	assert_int_equal(guest_dt_check(fdt, guest, vm), 0);
}

/* Defect 9.7: the CLINT is the M-mode firmware's; every guest access would fault. */
static void test_clint_refused(void **state)
{
	void *fdt = vmt_board("vm_qemu_riscv64");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, "/chosen/vm1", "memory", 4, 0, 0x80000000, 0, 0x1000000);
	vmt_cells(fdt, "/chosen/vm1/kernel", "reg", 4, 0, 0x88000000, 0, 0x100000);
	vmt_str(fdt, "/chosen/vm1", "passthrough", "/soc/clint@2000000");
	assert_int_equal(vmt_parse(fdt), 0);
	if (!unit_capture_has("/chosen/vm1: passthrough: /soc/clint@2000000 belongs to the M-mode "
			      "firmware (CLINT)"))
		fail_msg("log:\n%s", unit_capture_text());
}

/* Board @name with one 1-vCPU VM in its RAM: the number of VMs accepted. */
static int one_vm_on(const char *name)
{
	void *fdt = vmt_board(name);

	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, "/chosen/vm1", "memory", 4, 0, 0x80000000, 0, 0x1000000);
	vmt_cells(fdt, "/chosen/vm1/kernel", "reg", 4, 0, 0x88000000, 0, 0x100000);
	return vmt_parse(fdt);
}

/* An AIA host (APLIC + IMSICs, no PLIC): refused at validation, by name. */
static void test_aia_host_refused(void **state)
{
	assert_int_equal(one_vm_on("riscv-aia"), 0);
	if (!unit_capture_has("/chosen/vm1: irqchip: no virtual interrupt controller for the "
			      "host's riscv,aplic (guests get a GIC or a PLIC; a virtual "
			      "APLIC/IMSIC is not there yet)"))
		fail_msg("log:\n%s", unit_capture_text());
}

/* The same VM on the same machine with a PLIC is accepted (the positive case). */
static void test_plic_host_accepted(void **state)
{
	assert_int_equal(one_vm_on("vm_qemu_riscv64"), 1);
}

static int teardown(void **state)
{
	free(guest);
	guest = NULL;
	vmt_free();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_golden_vm1, teardown),
	    cmocka_unit_test_teardown(test_golden_vm2, teardown),
	    cmocka_unit_test_teardown(test_watchdog_node, teardown),
	    cmocka_unit_test_teardown(test_clint_refused, teardown),
	    cmocka_unit_test_teardown(test_aia_host_refused, teardown),
	    cmocka_unit_test_teardown(test_plic_host_accepted, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
