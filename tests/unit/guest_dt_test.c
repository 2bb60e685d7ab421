// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest DTB builder (core/guest_dt*.c) on arm64 boards: golden DTBs
 * (compared after "dtc -I dtb -O dts -s"), what must never reach a guest,
 * and VMs that bring their own DTB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/dt.h>
#include <shyper/vwdt.h>
#include <shyper/guest_dt.h>
#include <shyper/vm_config.h>
#include <unit.h>
#include "vm_testlib.h"

#define VM1 "/chosen/vm1"
#define VM2 "/chosen/vm2"

static void *guest;
static char out_buf[65536];

/* vm1: Linux with the UART (clocks, resets, pinctrl) and the Ethernet
 * (IOMMU, reserved memory, PHY, regulator, reset GPIO); vm2: the GPIO
 * controller and its keys on CPU 3. */
static void *board_layout(void)
{
	void *fdt = vmt_board("vm_board");
	static const char devs[] = "/soc/serial@9040000\0/soc/ethernet@9100000";

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	vmt_cells(fdt, VM1, "cpus", 1, 2);
	vmt_raw(fdt, VM1, "passthrough", devs, sizeof(devs));
	vmt_raw(fdt, VM1, "vuart", "", 0);
	vmt_str(fdt, VM1, "bootargs", "console=ttyAMA0 root=/dev/ram0");
	vmt_node(fdt, VM1, "ramdisk");
	vmt_str(fdt, VM1 "/ramdisk", "compatible", "multiboot,ramdisk");
	vmt_cells(fdt, VM1 "/ramdisk", "reg", 4, 0, 0x4a000000, 0, 0x200000);
	vmt_del(fdt, VM2, "cpus");
	vmt_cells(fdt, VM2, "host-cpus", 1, vmt_phandle(fdt, "/cpus/cpu@3"));
	vmt_str(fdt, VM2, "passthrough", "/gpio-keys");
	vmt_cells(fdt, VM2, "passthrough", 2, vmt_phandle(fdt, "/gpio-keys"),
		  vmt_phandle(fdt, "/soc/gpio@9030000"));
	assert_int_equal(vmt_parse(fdt), 2);
	return fdt;
}

static void assert_no_string(const void *dtb, const char *s)
{
	const char *p = dtb;
	size_t n = strlen(s), i, size = fdt_totalsize(dtb);

	for (i = 0; i + n <= size; i++)
		if (!memcmp(p + i, s, n))
			fail_msg("guest DTB contains \"%s\"", s);
}

/* Every node and property readable: 0, or the libfdt error. */
static int walk_all(const void *dtb)
{
	int node = 0, depth = 0, prop, len;

	if (fdt_check_header(dtb))
		return -1;
	for (; node >= 0 && depth >= 0; node = fdt_next_node(dtb, node, &depth))
		fdt_for_each_property_offset (prop, dtb, node)
			if (!fdt_getprop_by_offset(dtb, prop, NULL, &len))
				return len;
	return node < 0 && node != -FDT_ERR_NOTFOUND ? node : 0;
}

static void test_golden_board_vm1(void **state)
{
	void *fdt = board_layout();

	guest = vmt_build(fdt, 1);
	vmt_golden(guest, "vm_board-vm1");
}

static void test_golden_board_vm2(void **state)
{
	void *fdt = board_layout();

	guest = vmt_build(fdt, 2);
	vmt_golden(guest, "vm_board-vm2");
}

static void test_nothing_foreign(void **state)
{
	void *fdt = board_layout();

	guest = vmt_build(fdt, 2);
	assert_int_equal(walk_all(guest), 0);
	assert_no_string(guest, "shyper,vm");
	assert_no_string(guest, "serial@9040000"); /* vm1's UART */
	assert_no_string(guest, "ethernet");
	assert_no_string(guest, "reserved-memory");
	assert_no_string(guest, "firmware@7f000000");
	assert_no_string(guest, "iommu");
	assert_int_equal(guest_dt_check(fdt, guest, vmt_find(2)), 0);
	free(guest);
	guest = vmt_build(fdt, 1);
	assert_no_string(guest, "gpio-keys");
	assert_no_string(guest, "gpio@9030000"); /* vm2's, though the PHY refers to it */
	assert_no_string(guest, "iommus");
	assert_no_string(guest, "memory-region");
	assert_int_equal(guest_dt_check(fdt, guest, vmt_find(1)), 0);
}

static void test_golden_gicv3(void **state)
{
	void *fdt = vmt_board("vm_qemu_arm64_gicv3");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, VM1, "cpus", 1, 3);
	vmt_str(fdt, VM1, "passthrough", "/pl061@9030000");
	vmt_raw(fdt, VM1, "vuart", "", 0);
	assert_int_equal(vmt_parse(fdt), 1);
	guest = vmt_build(fdt, 1);
	vmt_golden(guest, "vm_qemu_arm64_gicv3-vm1");
	assert_no_string(guest, "its@");
	assert_no_string(guest, "pcie");
	assert_no_string(guest, "v2m");
}

/* Issue 16.3: the guest DT and the layout record say the same thing. */
static void test_layout_record(void **state)
{
	void *fdt = vmt_board("vm_qemu_arm64_gicv3");
	const struct vm_layout *l;
	const fdt32_t *reg;
	char path[32];
	unsigned int n;
	int len, gic;

	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, VM1, "cpus", 1, 3);
	vmt_raw(fdt, VM1, "vuart", "", 0);
	assert_int_equal(vmt_parse(fdt), 1);
	l = &vmt_find(1)->layout;
	guest = vmt_build(fdt, 1);
	assert_int_equal(l->chip, GUEST_IRQCHIP_GICV3);
	for (n = 0; n < 3; n++) {
		assert_int_equal(l->vcpu_hwid[n], n);
		assert_int_equal(vm_layout_vcpu(l, 3, l->vcpu_hwid[n]), n);
		snprintf(path, sizeof(path), "/cpus/cpu@%llx", (unsigned long long)l->vcpu_hwid[n]);
		reg = fdt_getprop(guest, fdt_path_offset(guest, path), "reg", &len);
		assert_non_null(reg);
		assert_int_equal(fdt32_to_cpu(reg[0]), l->vcpu_hwid[n]);
	}
	assert_int_equal(vm_layout_vcpu(l, 3, 0x100), -1);
	/* One 128 KiB redistributor pair per vCPU, at the host's first GICR. */
	assert_int_equal(l->nr_irqchip, 2);
	assert_int_equal(l->irqchip[1].size, 3 * GICR_FRAMES_SIZE);
	gic = fdt_node_offset_by_prop_value(guest, -1, "compatible", "arm,gic-v3",
					    sizeof("arm,gic-v3"));
	reg = fdt_getprop(guest, gic, "reg", &len);
	assert_int_equal(len, 2 * 4 * 4);
	assert_int_equal(((u64)fdt32_to_cpu(reg[4]) << 32 | fdt32_to_cpu(reg[5])),
			 l->irqchip[1].base);
	assert_int_equal(((u64)fdt32_to_cpu(reg[6]) << 32 | fdt32_to_cpu(reg[7])),
			 l->irqchip[1].size);
	/* The vuart is the host PL011's registers; the timer the host's virtual PPI. */
	assert_int_equal(l->vuart.base, 0x9000000);
	assert_int_equal(l->timer_ppi, 27);
}

static u64 reg_cells(const fdt32_t *reg, int i)
{
	return (u64)fdt32_to_cpu(reg[2 * i]) << 32 | fdt32_to_cpu(reg[2 * i + 1]);
}

/*
 * "watchdog": an SP805 node the stock sp805_wdt and the AMBA bus bind (both
 * compatibles, its clock as wdog_clk and apb_pclk), at the free page the
 * layout chose: not the VM's RAM, not another device's page, accepted by
 * the guest DT check.
 */
static void test_watchdog_node(void **state)
{
	void *fdt = vmt_board("vm_qemu_arm64_gicv3");
	static const char compat[] = "arm,sp805\0arm,primecell";
	const struct vm_config *vm;
	const fdt32_t *reg, *clocks;
	u32 clk_phandle, hz;
	int node, clk, len;
	char path[40];

	vmt_add_vm(fdt, "vm1", 1);
	vmt_raw(fdt, VM1, "vuart", "", 0);
	vmt_raw(fdt, VM1, "watchdog", "", 0);
	assert_int_equal(vmt_parse(fdt), 1);
	vm = vmt_find(1);
	assert_int_equal(vm->layout.watchdog.size, 4096);
	assert_null(vm_ram_range(vm, vm->layout.watchdog.base, 4096));
	guest = vmt_build(fdt, 1);
	snprintf(path, sizeof(path), "/watchdog@%llx",
		 (unsigned long long)vm->layout.watchdog.base);
	node = fdt_path_offset(guest, path);
	assert_true(node >= 0);
	assert_memory_equal(fdt_getprop(guest, node, "compatible", &len), compat, sizeof(compat));
	assert_int_equal(len, sizeof(compat));
	reg = fdt_getprop(guest, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(reg_cells(reg, 0), vm->layout.watchdog.base);
	assert_int_equal(reg_cells(reg, 1), 0x1000);
	clocks = fdt_getprop(guest, node, "clocks", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt_stringlist_search(guest, node, "clock-names", "wdog_clk"), 0);
	assert_int_equal(fdt_stringlist_search(guest, node, "clock-names", "apb_pclk"), 1);
	clk = fdt_path_offset(guest, "/watchdog-clock");
	clk_phandle = fdt_get_phandle(guest, clk);
	assert_int_equal(fdt32_to_cpu(clocks[0]), clk_phandle);
	assert_int_equal(fdt32_to_cpu(clocks[1]), clk_phandle);
	assert_int_equal(dt_read_u32(guest, clk, "clock-frequency", &hz), 0);
	assert_int_equal(hz, VWDT_SP805_HZ);
	assert_int_equal(fdt_node_check_compatible(guest, clk, "fixed-clock"), 0);
	assert_int_equal(guest_dt_check(fdt, guest, vm), 0);
}

static void test_buffer_too_small(void **state)
{
	void *fdt = board_layout();
	char small[256];

	assert_int_equal(guest_dt_build(fdt, vmt_find(1), small, sizeof(small)), -28);
}

/* vm1's own DTB is the one Shyper would write, so it matches. */
static void test_own_dtb_accepted(void **state)
{
	void *fdt = board_layout();
	struct vm_config own;
	void *out = out_buf;

	guest = vmt_build(fdt, 1);
	own = *vmt_find(1);
	own.image[VM_IMAGE_DTB].node = own.image[VM_IMAGE_KERNEL].node;
	own.image[VM_IMAGE_DTB].size = fdt_totalsize(guest);
	own.image[VM_IMAGE_DTB].data = guest;
	if (guest_dt_build(fdt, &own, out, 65536))
		fail_msg("log:\n%s", unit_capture_text());
	assert_true(fdt_path_offset(out, "/chosen") >= 0);
	assert_non_null(
	    fdt_getprop(out, fdt_path_offset(out, "/chosen"), "linux,initrd-start", NULL));
}

/* vm2's DTB given to vm1: wrong CPUs; vm1's given to vm2: foreign devices. */
static void test_own_dtb_refused(void **state)
{
	void *fdt = board_layout();
	struct vm_config own;
	void *out = out_buf;

	guest = vmt_build(fdt, 2);
	own = *vmt_find(1);
	own.image[VM_IMAGE_DTB].node = own.image[VM_IMAGE_KERNEL].node;
	own.image[VM_IMAGE_DTB].size = fdt_totalsize(guest);
	own.image[VM_IMAGE_DTB].data = guest;
	unit_capture_clear();
	assert_int_not_equal(guest_dt_build(fdt, &own, out, 65536), 0);
	assert_true(
	    unit_capture_has("/chosen/vm1: device-tree: /cpus lists 1 CPUs, the VM has 2 vCPUs"));
	free(guest);

	guest = vmt_build(fdt, 1);
	own = *vmt_find(2);
	own.nr_vcpus = 2;
	own.image[VM_IMAGE_DTB].node = own.image[VM_IMAGE_KERNEL].node;
	own.image[VM_IMAGE_DTB].size = fdt_totalsize(guest);
	own.image[VM_IMAGE_DTB].data = guest;
	unit_capture_clear();
	assert_int_not_equal(guest_dt_build(fdt, &own, out, 65536), 0);
	if (!unit_capture_has("/chosen/vm2: device-tree: /serial@9000000 at 0x9000000+0x1000 is "
			      "not a device of this VM"))
		fail_msg("log:\n%s", unit_capture_text());
}

/* Issue 16.5: a mismatching own DTB refuses its VM at validation; the other VM is kept. */
static void test_own_dtb_refused_at_validation(void **state)
{
	void *fdt = board_layout();

	guest = vmt_build(fdt, 2); /* one CPU; vm1 has two vCPUs */
	vmt_node(fdt, VM1, "dtb");
	vmt_str(fdt, VM1 "/dtb", "compatible", "shyper,device-tree");
	vmt_cells(fdt, VM1 "/dtb", "reg", 4, 0, 0x4c000000, 0, fdt_totalsize(guest));
	vmt_image_data = guest;
	unit_capture_clear();
	vmt_expect_refused(fdt, 1,
			   "/chosen/vm1: device-tree: /cpus lists 1 CPUs, the VM has 2 vCPUs", 2);
	vmt_image_data = NULL;
}

static void test_own_dtb_unreadable(void **state)
{
	void *fdt = board_layout();
	struct vm_config own = *vmt_find(1);
	char out[1024];

	own.image[VM_IMAGE_DTB].node = own.image[VM_IMAGE_KERNEL].node;
	assert_int_equal(guest_dt_build(fdt, &own, out, sizeof(out)), -2);
}

/* Defect 9.2: timer and device interrupts written as interrupts-extended. */
static void test_interrupts_extended(void **state)
{
	void *fdt = vmt_board("vm_board");
	uint32_t gic = vmt_phandle(fdt, "/soc/interrupt-controller@8000000");
	const fdt32_t *irqs;
	int len, timer;

	vmt_del(fdt, "/timer", "interrupts");
	vmt_cells(fdt, "/timer", "interrupts-extended", 16, gic, 1, 13, 0xf08, gic, 1, 14, 0xf08,
		  gic, 1, 11, 0xf08, gic, 1, 10, 0xf08);
	vmt_del(fdt, "/soc/serial@9040000", "interrupts");
	vmt_cells(fdt, "/soc/serial@9040000", "interrupts-extended", 4, gic, 0, 8, 4);
	vmt_add_vm(fdt, "vm1", 1);
	vmt_cells(fdt, VM1, "cpus", 1, 2);
	vmt_str(fdt, VM1, "passthrough", "/soc/serial@9040000");
	assert_int_equal(vmt_parse(fdt), 1);
	assert_int_equal(vmt_find(1)->nr_irqs, 1);
	assert_int_equal(vmt_find(1)->irq[0], 40);
	guest = vmt_build(fdt, 1);
	timer = fdt_path_offset(guest, "/timer");
	irqs = fdt_getprop(guest, timer, "interrupts", &len);
	assert_non_null(irqs);
	assert_int_equal(len, 12 * 4);
	/* Same PPIs; the GICv2 CPU mask names the VM's two vCPUs. */
	assert_int_equal(fdt32_to_cpu(irqs[1]), 13);
	assert_int_equal(fdt32_to_cpu(irqs[2]), 0x308);
	assert_int_equal(fdt32_to_cpu(irqs[7]), 11);
	assert_int_equal(fdt32_to_cpu(irqs[10]), 10);
	/* The device keeps interrupts-extended, pointing at the virtual GIC. */
	irqs = fdt_getprop(guest, fdt_path_offset(guest, "/soc/serial@9040000"),
			   "interrupts-extended", &len);
	assert_non_null(irqs);
	assert_int_equal(len, 16);
	assert_int_equal(
	    fdt32_to_cpu(irqs[0]),
	    fdt32_to_cpu(*(const fdt32_t *)fdt_getprop(
		guest, fdt_path_offset(guest, "/interrupt-controller@8000000"), "phandle", NULL)));
}

/*
 * Defect 9.1: a GICv3 with PPI partitions (#interrupt-cells = 4, RK3588
 * style): the guest's virtual GIC keeps 4 cells, a device keeps its SPI,
 * the timer its PPIs, with no partition (the guest has no partition nodes).
 */
static void test_gic_four_cells(void **state)
{
	void *fdt = vmt_board("vm_qemu_arm64_gicv3");
	uint32_t part = vmt_phandle(fdt, "/pl031@9010000");
	const fdt32_t *p;
	int len, i;

	vmt_cells(fdt, "/intc@8000000", "#interrupt-cells", 1, 4);
	vmt_cells(fdt, "/timer", "interrupts", 16, 1, 13, 4, 0, 1, 14, 4, 0, 1, 11, 4, part, 1, 10,
		  4, 0);
	vmt_cells(fdt, "/pl061@9030000", "interrupts", 4, 0, 7, 4, 0);
	vmt_cells(fdt, "/pl011@9000000", "interrupts", 4, 0, 1, 4, 0);
	vmt_add_vm(fdt, "vm1", 1);
	vmt_str(fdt, VM1, "passthrough", "/pl061@9030000");
	assert_int_equal(vmt_parse(fdt), 1);
	assert_int_equal(vmt_find(1)->nr_irqs, 1);
	assert_int_equal(vmt_find(1)->irq[0], 39);
	guest = vmt_build(fdt, 1);
	p = fdt_getprop(guest, fdt_path_offset(guest, "/timer"), "interrupts", &len);
	assert_non_null(p);
	assert_int_equal(len, 16 * 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(fdt32_to_cpu(p[i * 4]), 1);
		assert_int_equal(fdt32_to_cpu(p[i * 4 + 3]), 0);
	}
	assert_int_equal(fdt32_to_cpu(p[2 * 4 + 1]), 11);
	p = fdt_getprop(guest, fdt_path_offset(guest, "/pl061@9030000"), "interrupts", &len);
	assert_non_null(p);
	assert_int_equal(len, 16);
}

static int teardown(void **state)
{
	free(guest);
	guest = NULL;
	vmt_free();
	return 0;
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_golden_board_vm1),
	    T(test_golden_board_vm2),
	    T(test_nothing_foreign),
	    T(test_golden_gicv3),
	    T(test_layout_record),
	    T(test_watchdog_node),
	    T(test_buffer_too_small),
	    T(test_own_dtb_accepted),
	    T(test_own_dtb_refused),
	    T(test_own_dtb_unreadable),
	    T(test_own_dtb_refused_at_validation),
	    T(test_interrupts_extended),
	    T(test_gic_four_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
