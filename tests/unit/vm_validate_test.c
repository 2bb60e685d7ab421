// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each refusal of core/vm_validate.c, core/vm_device.c and the second
 * pass of core/vm_config.c: the message names the VM node and property,
 * the refused VM is absent and the others are kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/platform.h>
#include <shyper/vm_config.h>
#include <unit.h>
#include "vm_testlib.h"

#define VM1 "/chosen/vm1"
#define VM2 "/chosen/vm2"

static void *two_vms(void)
{
	void *fdt = vmt_board("vm_board");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	return fdt;
}

static void test_memory_between_vms(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM1, "host-memory", 2, 0, 0x60000000);
	vmt_cells(fdt, VM2, "host-memory", 2, 0, 0x60800000);
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: host-memory: 0x60800000+0x1000000 overlaps the memory of /chosen/vm1", 1);
}

static void test_memory_hypervisor(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "host-memory", 2, 0, 0x40000000);
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: host-memory: 0x40000000+0x1000000 overlaps reserved range shyper",
	    1);
}

static void test_memory_reserved(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "host-memory", 2, 0, 0x7f000000);
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: host-memory: 0x7f000000+0x1000000 overlaps reserved range "
			   "reserved-memory",
			   1);
}

static void test_memory_outside_ram(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "host-memory", 2, 0, 0x90000000);
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: host-memory: 0x90000000+0x1000000 is not inside RAM", 1);
}

static void test_memory_over_image(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "host-memory", 2, 0, 0x48000000);
	/* Caught as a reserved "module" range, or as an image if not reserved. */
	vmt_expect_refused(fdt, 2, "/chosen/vm2: host-memory: 0x48000000+0x1000000 overlaps", 1);
}

static void test_memory_exhausted(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "memory", 4, 0, 0x40000000, 0, 0x40000000);
	vmt_expect_refused(fdt, 2, "/chosen/vm2: memory: no free host RAM for 0x40000000 bytes", 1);
}

static void test_memory_covers_device(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "memory", 4, 0, 0x9000000, 0, 0x1000000);
	vmt_cells(fdt, VM2 "/kernel", "load", 2, 0, 0x9100000);
	vmt_str(fdt, VM2, "passthrough", "/soc/gpio@9030000");
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: memory: guest range 0x9000000+0x1000000 covers gpio@9030000", 1);
}

static void test_memory_covers_irqchip(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "memory", 4, 0, 0x8000000, 0, 0x1000000);
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: memory: guest range 0x8000000+0x1000000 covers irqchip", 1);
}

static void test_cpu_twice(void **state)
{
	void *fdt = two_vms();

	vmt_del(fdt, VM1, "cpus");
	vmt_del(fdt, VM2, "cpus");
	vmt_str(fdt, VM1, "host-cpus", "/cpus/cpu@1");
	vmt_str(fdt, VM2, "host-cpus", "/cpus/cpu@1");
	vmt_expect_refused(fdt, 2, "/chosen/vm2: host-cpus: CPU 1 already belongs to /chosen/vm1",
			   1);
}

static void test_cpus_left(void **state)
{
	static const char all[] = "/cpus/cpu@0\0/cpus/cpu@1\0/cpus/cpu@2";
	void *fdt = two_vms();

	vmt_add_vm(fdt, "vm3", 3);
	vmt_del(fdt, VM1, "cpus");
	vmt_raw(fdt, VM1, "host-cpus", all, sizeof(all));
	vmt_cells(fdt, VM2, "cpus", 1, 2);
	vmt_expect_refused(fdt, 2, "/chosen/vm2: cpus: 2 vCPUs asked, only 1 CPUs left free", 1);
	assert_non_null(vmt_find(3));
	assert_int_equal(vmt_find(3)->pcpu[0], 3);
}

static void test_image_outside_ram(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2 "/kernel", "reg", 4, 0, 0x90000000, 0, 0x100000);
	vmt_expect_refused(fdt, 2, "/chosen/vm2: kernel: 0x90000000+0x100000 is not inside RAM", 1);
}

static void test_image_over_hypervisor(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2 "/kernel", "reg", 4, 0, 0x40100000, 0, 0x100000);
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: kernel: 0x40100000+0x100000 overlaps reserved range shyper", 1);
}

static void test_images_overlap(void **state)
{
	void *fdt = two_vms();

	/* Images are claimed in id order: vm2's image is at fault, vm1 and vm3 run. */
	vmt_add_vm(fdt, "vm3", 3);
	vmt_cells(fdt, VM2 "/kernel", "reg", 4, 0, 0x48180000, 0, 0x100000);
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: kernel: 0x48180000+0x100000 overlaps the kernel image of "
			   "/chosen/vm1",
			   3);
	assert_non_null(vmt_find(1));
}

static void test_passthrough_irqchip(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc/interrupt-controller@8000000");
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: passthrough: /soc/interrupt-controller@8000000 is used by "
			   "the hypervisor (irqchip",
			   1);
}

static void test_passthrough_console(void **state)
{
	void *fdt = two_vms();

	vmt_cells(fdt, VM2, "passthrough", 1, vmt_phandle(fdt, "/soc/serial@9000000"));
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: passthrough: /soc/serial@9000000 is used by the hypervisor (serial", 1);
}

static void test_passthrough_bus_of_console(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc");
	vmt_expect_refused(fdt, 2, "/chosen/vm2: passthrough: /soc is used by the hypervisor", 1);
}

static void test_device_twice(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "passthrough", "/soc/gpio@9030000");
	vmt_str(fdt, VM2, "passthrough", "/soc/gpio@9030000");
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: passthrough: /soc/gpio@9030000 is already given to /chosen/vm1",
	    1);
}

static void test_device_child_of_other(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "passthrough", "/soc/ethernet@9100000");
	vmt_str(fdt, VM2, "passthrough", "/soc/ethernet@9100000/mdio");
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: passthrough: /soc/ethernet@9100000/mdio is already given to /chosen/vm1",
	    1);
}

static void test_mmio_unaligned(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc/dev@9050800");
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: passthrough: /soc/dev@9050800: MMIO 0x9050800 is not page aligned", 1);
}

static void test_mmio_page_shared_vm(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "passthrough", "/soc/dev@9060000");
	vmt_str(fdt, VM2, "passthrough", "/soc/dev@9061000");
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: passthrough: dev@9061000: MMIO 0x9061000 shares a page "
			   "with dev@9060000 of /chosen/vm1",
			   1);
}

static void test_mmio_page_shared_hypervisor(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc/dev@8ff0000");
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: passthrough: dev@8ff0000: MMIO 0x8ff0000 shares a page "
			   "with the hypervisor's serial",
			   1);
}

static void test_mmio_in_ram(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/ramdev@50000000");
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: passthrough: ramdev@50000000: MMIO 0x50000000+0x1000 overlaps RAM", 1);
}

static void test_irq_shared(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "passthrough", "/soc/dev@9070000");
	vmt_str(fdt, VM2, "passthrough", "/soc/dev@9080000");
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: passthrough: /soc/dev@9080000: interrupt 72 already "
			   "belongs to /chosen/vm1",
			   1);
}

static void test_irq_hypervisor(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc/dev@9090000");
	vmt_expect_refused(
	    fdt, 2, "/chosen/vm2: passthrough: /soc/dev@9090000: interrupt 33 is the hypervisor's",
	    1);
}

/* Defect 9.7: firmware-owned nodes; defect 9.6: PCIe host bridges refused. */
static void test_passthrough_firmware(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/psci");
	vmt_expect_refused(fdt, 2, "/chosen/vm2: passthrough: /psci belongs to the firmware (PSCI",
			   1);
}

static void test_passthrough_pci_host(void **state)
{
	void *fdt = two_vms();

	vmt_node(fdt, "/soc", "pcie@10000000");
	vmt_str(fdt, "/soc/pcie@10000000", "compatible", "pci-host-ecam-generic");
	vmt_str(fdt, "/soc/pcie@10000000", "device_type", "pci");
	vmt_cells(fdt, "/soc/pcie@10000000", "reg", 2, 0x10000000, 0x1000000);
	vmt_str(fdt, VM2, "passthrough", "/soc/pcie@10000000");
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: passthrough: /soc/pcie@10000000 is a PCI host bridge: not "
			   "supported yet",
			   1);
}

static void test_duplicate_id(void **state)
{
	void *fdt = two_vms();

	/*
	 * Same id: the node whose name sorts first keeps it, whatever the DTB
	 * order. "vm1-again" is added last, so it comes first in the DTB.
	 */
	vmt_add_vm(fdt, "vm1-again", 1);
	vmt_cells(fdt, "/chosen/vm1-again/kernel", "reg", 4, 0, 0x4a000000, 0, 0x100000);
	vmt_cells(fdt, VM1, "memory", 4, 0, 0x40000000, 0, 0x2000000);
	vmt_parse(fdt);
	if (!unit_capture_has("/chosen/vm1-again: id: 1 is already used by /chosen/vm1"))
		fail_msg("log:\n%s", unit_capture_text());
	assert_non_null(vmt_find(2));
	assert_int_equal(vmt_count, 2);
	assert_int_equal(vmt_find(1)->mem[0].size, 0x2000000);
}

/*
 * A console this build has no virtual UART model for (the unit build has
 * no CONFIG_VUART_BCM2835_AUX) refuses the VM that asks for a vuart at
 * validation, not half-way through its build; the other VM goes on.
 */
static void test_vuart_without_model(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, "/soc/serial@9000000", "compatible", "brcm,bcm2835-aux-uart");
	vmt_raw(fdt, VM2, "vuart", "", 0);
	vmt_expect_refused(
	    fdt, 2,
	    "/chosen/vm2: vuart: this build has no virtual UART model for the console "
	    "(brcm,bcm2835-aux-uart)",
	    1);
}

static void test_second_management(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "type", "management");
	vmt_str(fdt, VM2, "type", "management");
	vmt_expect_refused(fdt, 2, "/chosen/vm2: type: /chosen/vm1 is already the management VM",
			   1);
}

/* The management VM's control page goes above its RAM: a device there refuses the VM. */
static void test_control_page_over_passthrough(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "type", "management");
	vmt_cells(fdt, VM1, "memory", 4, 0, 0x08400000, 0, 0x400000);
	vmt_str(fdt, VM1, "passthrough", "/soc/clock-controller@8800000");
	vmt_expect_refused(fdt, 1,
			   "/chosen/vm1: type: the control page at 0x8800000 (above the VM's "
			   "memory) overlaps clock-controller@8800000",
			   2);
}

/* The staging window, 2 MiB above the page, is checked the same way. */
static void test_staging_window_over_passthrough(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM1, "type", "management");
	vmt_cells(fdt, VM1, "memory", 4, 0, 0x08200000, 0, 0x400000);
	vmt_str(fdt, VM1, "passthrough", "/soc/clock-controller@8800000");
	vmt_expect_refused(fdt, 1,
			   "/chosen/vm1: type: the staging window at 0x8800000 (above the VM's "
			   "memory) overlaps clock-controller@8800000",
			   2);
}

static void test_control_page_over_vuart(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "type", "management");
	vmt_cells(fdt, VM2, "memory", 4, 0, 0x08c00000, 0, 0x400000);
	vmt_cells(fdt, VM2, "vuart", 0);
	vmt_expect_refused(fdt, 2,
			   "/chosen/vm2: type: the control page at 0x9000000 (above the VM's "
			   "memory) overlaps vuart",
			   1);
}

/* Accepted: the page on the first 2 MiB boundary above the RAM, for the management VM only. */
static void test_control_page_placed(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "type", "management");
	vmt_cells(fdt, VM2, "memory", 4, 0, 0x40000000, 0, 0x1100000);
	const fdt32_t *reg;
	void *guest;
	int node, len;

	assert_int_equal(vmt_parse(fdt), 2);
	assert_int_equal(vmt_find(1)->layout.control.size, 0);
	assert_int_equal(vmt_find(2)->layout.control.base, 0x41200000);
	assert_int_equal(vmt_find(2)->layout.control.size, PAGE_SIZE);
	/* Its guest DT names the page; the other VM's has no such node. */
	guest = vmt_build(fdt, 2);
	node = fdt_path_offset(guest, "/shyper-control@41200000");
	assert_true(node >= 0);
	assert_string_equal(fdt_getprop(guest, node, "compatible", NULL), "shyper,control-v1");
	reg = fdt_getprop(guest, node, "reg", &len);
	assert_int_equal(len, 32);
	assert_int_equal(fdt32_to_cpu(reg[1]), 0x41200000);
	assert_int_equal(fdt32_to_cpu(reg[3]), PAGE_SIZE);
	/* Then the staging window, 2 MiB above, its size rounded up to 2 MiB. */
	assert_int_equal(fdt32_to_cpu(reg[5]), 0x41400000);
	assert_int_equal(fdt32_to_cpu(reg[7]), CONFIG_CONTROL_STAGING_KIB * 1024);
	assert_int_equal(vmt_find(2)->layout.staging.base, 0x41400000);
	assert_int_equal(fdt_stringlist_search(guest, node, "reg-names", "staging"), 1);
	free(guest);
	guest = vmt_build(fdt, 1);
	assert_true(fdt_node_offset_by_compatible(guest, -1, "shyper,control-v1") < 0);
	free(guest);
}

static void test_accepted_are_disjoint(void **state)
{
	void *fdt = two_vms();
	const struct vm_config *a, *b;
	u64 usable;

	vmt_add_vm(fdt, "vm3", 3);
	vmt_cells(fdt, "/chosen/vm3", "cpus", 1, 2);
	vmt_discover(fdt);
	usable = memmap_total(&platform.usable);
	assert_int_equal(vm_config_parse(fdt, vmt_vms, VM_MAX), 3);
	vmt_count = 3;
	a = vmt_find(1);
	b = vmt_find(3);
	assert_int_not_equal(a->mem[0].hpa, b->mem[0].hpa);
	assert_false(a->mem[0].hpa < b->mem[0].hpa + b->mem[0].size &&
		     b->mem[0].hpa < a->mem[0].hpa + a->mem[0].size);
	assert_int_equal(vmt_find(2)->pcpu[0], 1);
	assert_int_equal(b->pcpu[0], 2);
	assert_int_equal(b->pcpu[1], 3);
	/* VM memory leaves the usable RAM (and the images, if still there). */
	assert_true(memmap_total(&platform.usable) <= usable - 3 * 0x1000000);
	assert_true(memmap_total(&platform.usable) >= usable - 3 * 0x1000000 - 3 * 0x100000);
}

static void test_vm_table(void **state)
{
	void *fdt = two_vms();

	vmt_str(fdt, VM2, "passthrough", "/soc/gpio@9030000");
	vmt_str(fdt, VM2, "label", "rtos");
	vmt_parse(fdt);
	unit_capture_clear();
	vm_config_print(vmt_vms, vmt_count);
	assert_true(unit_capture_has("Shyper VM table: 2 VM(s)"));
	assert_true(unit_capture_has("  vm2 rtos (general) /chosen/vm2"));
	assert_true(unit_capture_has("    device:    /soc/gpio@9030000"));
	assert_true(unit_capture_has("    mmio:      0x009030000-0x009031000 gpio@9030000"));
	assert_true(unit_capture_has("End of VM table"));
}

/* A layout written in the board source, labels and paths mixed. */
static void test_layout_fixture(void **state)
{
	void *fdt = vmt_board("vm_layout");

	assert_int_equal(vmt_parse(fdt), 3);
	assert_int_equal(vmt_find(1)->nr_devices, 2);
	assert_int_equal(vmt_find(2)->pcpu[0], 3);
	assert_int_equal(vmt_find(2)->entry, 0x100);
	assert_int_equal(vmt_find(2)->mem[1].hpa, 0x61000000);
	assert_int_equal(vmt_find(3)->image[VM_IMAGE_DTB].hpa, 0x4c000000);
	assert_int_equal(vmt_find(3)->pcpu[0], 2);
}

static int teardown(void **state)
{
	vmt_free();
	return 0;
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_memory_between_vms),
	    T(test_memory_hypervisor),
	    T(test_memory_reserved),
	    T(test_memory_outside_ram),
	    T(test_memory_over_image),
	    T(test_memory_exhausted),
	    T(test_memory_covers_device),
	    T(test_memory_covers_irqchip),
	    T(test_cpu_twice),
	    T(test_cpus_left),
	    T(test_image_outside_ram),
	    T(test_image_over_hypervisor),
	    T(test_images_overlap),
	    T(test_passthrough_firmware),
	    T(test_passthrough_pci_host),
	    T(test_passthrough_irqchip),
	    T(test_passthrough_console),
	    T(test_passthrough_bus_of_console),
	    T(test_device_twice),
	    T(test_device_child_of_other),
	    T(test_mmio_unaligned),
	    T(test_mmio_page_shared_vm),
	    T(test_mmio_page_shared_hypervisor),
	    T(test_mmio_in_ram),
	    T(test_irq_shared),
	    T(test_irq_hypervisor),
	    T(test_duplicate_id),
	    T(test_second_management),
	    T(test_control_page_over_passthrough),
	    T(test_staging_window_over_passthrough),
	    T(test_control_page_over_vuart),
	    T(test_control_page_placed),
	    T(test_vuart_without_model),
	    T(test_accepted_are_disjoint),
	    T(test_vm_table),
	    T(test_layout_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
