// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every property of the shyper,vm binding, one valid and one invalid use
 * each (core/vm_parse.c, core/vm_image.c, core/vm_ref.c). The property
 * under test is set on /chosen/vm2 next to a plain valid /chosen/vm1: an
 * invalid value must refuse vm2 with a message naming it, and keep vm1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/vm_config.h>
#include <unit.h>
#include "vm_testlib.h"

#define VM2 "/chosen/vm2"
#define K2 "/chosen/vm2/kernel"

/* ---- identity ---- */
static void id_big(void *f)
{
	vmt_cells(f, VM2, "id", 1, 256);
}
static void id_two_cells(void *f)
{
	vmt_cells(f, VM2, "id", 2, 0, 2);
}
static void id_string(void *f)
{
	vmt_str(f, VM2, "id", "two");
}
static void cpus_string(void *f)
{
	vmt_str(f, VM2, "cpus", "two");
}
static void label_long(void *f)
{
	char label[301];

	memset(label, 'L', 300);
	label[300] = '\0';
	vmt_str(f, VM2, "label", label);
}
static void label_max(void *f)
{
	vmt_str(f, VM2, "label", "0123456789abcdef0123456789abcdef");
}
static void label_max_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(strlen(vm->label), 32);
}
static void pt_dangling_path(void *f)
{
	vmt_str(f, VM2, "passthrough", "/soc/no-such-device");
}
static void id_missing(void *f)
{
	vmt_del(f, VM2, "id");
}
static void label_ok(void *f)
{
	vmt_str(f, VM2, "label", "rtos");
}
static void label_check(void *fdt, const struct vm_config *vm)
{
	assert_string_equal(vm->label, "rtos");
}
static void label_empty(void *f)
{
	vmt_raw(f, VM2, "label", "", 1);
}
static void label_two(void *f)
{
	vmt_raw(f, VM2, "label", "a\0b", 4);
}
static void type_str(void *f)
{
	vmt_str(f, VM2, "type", "realtime");
}
static void type_cell(void *f)
{
	vmt_cells(f, VM2, "type", 1, 2);
}
static void type_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->type, VM_TYPE_REALTIME);
}
static void type_bad_str(void *f)
{
	vmt_str(f, VM2, "type", "fast");
}
static void type_bad_cell(void *f)
{
	vmt_cells(f, VM2, "type", 1, 7);
}
static void unknown_prop(void *f)
{
	vmt_cells(f, VM2, "vcpus", 1, 1);
}
static void bad_compat_cells(void *f)
{
	vmt_cells(f, VM2, "#address-cells", 1, 3);
}

/* ---- CPUs ---- */
static void cpus_two(void *f)
{
	vmt_cells(f, VM2, "cpus", 1, 2);
}
static void cpus_two_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_vcpus, 2);
}
static void cpus_zero(void *f)
{
	vmt_cells(f, VM2, "cpus", 1, 0);
}
static void cpus_too_many(void *f)
{
	vmt_cells(f, VM2, "cpus", 1, 5);
}
static void cpus_missing(void *f)
{
	vmt_del(f, VM2, "cpus");
}
static void hcpu_phandle(void *f)
{
	uint32_t a = vmt_phandle(f, "/cpus/cpu@2"), b = vmt_phandle(f, "/cpus/cpu@3");

	vmt_del(f, VM2, "cpus");
	vmt_cells(f, VM2, "host-cpus", 2, b, a);
}
static void hcpu_check(void *fdt, const struct vm_config *vm)
{
	assert_true(vm->cpus_fixed);
	assert_int_equal(vm->nr_vcpus, 2);
	assert_int_equal(vm->pcpu[0], 3);
	assert_int_equal(vm->pcpu[1], 2);
}
static void hcpu_path(void *f)
{
	static const char paths[] = "/cpus/cpu@3\0/cpus/cpu@2";

	vmt_del(f, VM2, "cpus");
	vmt_raw(f, VM2, "host-cpus", paths, sizeof(paths));
}
static void hcpu_not_cpu(void *f)
{
	vmt_str(f, VM2, "host-cpus", "/soc/gpio@9030000");
}
static void hcpu_dangling(void *f)
{
	vmt_str(f, VM2, "host-cpus", "/cpus/cpu@9");
}
static void hcpu_bad_phandle(void *f)
{
	vmt_cells(f, VM2, "host-cpus", 1, 0x4242);
}
static void hcpu_twice(void *f)
{
	static const char paths[] = "/cpus/cpu@3\0/cpus/cpu@3";

	vmt_del(f, VM2, "cpus");
	vmt_raw(f, VM2, "host-cpus", paths, sizeof(paths));
}
static void hcpu_count_mismatch(void *f)
{
	vmt_str(f, VM2, "host-cpus", "/cpus/cpu@3");
	vmt_cells(f, VM2, "cpus", 1, 2);
}
static void hcpu_malformed(void *f)
{
	vmt_raw(f, VM2, "host-cpus", "\0\0\1", 3);
}

/* ---- memory ---- */
static void mem_two(void *f)
{
	vmt_cells(f, VM2, "memory", 8, 0, 0x40000000, 0, 0x1000000, 0, 0x60000000, 0, 0x200000);
}
static void mem_two_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_mem, 2);
	assert_int_equal(vm->mem[1].gpa, 0x60000000);
	assert_int_equal(vm->mem[1].size, 0x200000);
	assert_false(vm->mem[0].fixed);
}
static void mem_unaligned(void *f)
{
	vmt_cells(f, VM2, "memory", 4, 0, 0x40000800, 0, 0x1000000);
}
static void mem_empty(void *f)
{
	vmt_cells(f, VM2, "memory", 4, 0, 0x40000000, 0, 0);
}
static void mem_odd(void *f)
{
	vmt_cells(f, VM2, "memory", 3, 0, 0x40000000, 0);
}
static void mem_self_overlap(void *f)
{
	vmt_cells(f, VM2, "memory", 8, 0, 0x40000000, 0, 0x1000000, 0, 0x40800000, 0, 0x1000000);
}
static void mem_missing(void *f)
{
	vmt_del(f, VM2, "memory");
}
static void hmem_ok(void *f)
{
	vmt_cells(f, VM2, "host-memory", 2, 0, 0x60000000);
}
static void hmem_check(void *fdt, const struct vm_config *vm)
{
	assert_true(vm->mem[0].fixed);
	assert_int_equal(vm->mem[0].hpa, 0x60000000);
}
static void hmem_count(void *f)
{
	vmt_cells(f, VM2, "host-memory", 4, 0, 0x60000000, 0, 0x61000000);
}
static void hmem_unaligned(void *f)
{
	vmt_cells(f, VM2, "host-memory", 2, 0, 0x60000010);
}
static void cells_one(void *f)
{
	vmt_cells(f, VM2, "#address-cells", 1, 1);
	vmt_cells(f, VM2, "#size-cells", 1, 1);
	vmt_cells(f, VM2, "memory", 2, 0x40000000, 0x1000000);
	vmt_cells(f, K2, "reg", 2, 0x48200000, 0x100000);
}
static void cells_one_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->mem[0].size, 0x1000000);
}

/* ---- images ---- */
static void xen_compat(void *f)
{
	static const char compat[] = "multiboot,kernel\0multiboot,module";

	vmt_raw(f, K2, "compatible", compat, sizeof(compat));
	vmt_node(f, VM2, "ramdisk");
	vmt_str(f, VM2 "/ramdisk", "compatible", "multiboot,ramdisk");
	vmt_cells(f, VM2 "/ramdisk", "reg", 4, 0, 0x4a000000, 0, 0x100000);
	vmt_str(f, K2, "bootargs", "console=hvc0");
}
static void xen_check(void *fdt, const struct vm_config *vm)
{
	assert_true(vm->image[VM_IMAGE_RAMDISK].node >= 0);
	assert_int_equal(vm->image[VM_IMAGE_RAMDISK].hpa, 0x4a000000);
	assert_string_equal(vm->bootargs, "console=hvc0");
	/* Ramdisk below the DTB slot at the top of memory range 0. */
	assert_int_equal(vm->image[VM_IMAGE_DTB].gpa, 0x40e00000);
	assert_int_equal(vm->image[VM_IMAGE_RAMDISK].gpa, 0x40d00000);
}
static void no_kernel(void *f)
{
	vmt_str(f, K2, "compatible", "shyper,ramdisk");
}
static void two_kernels(void *f)
{
	vmt_node(f, VM2, "kernel2");
	vmt_str(f, VM2 "/kernel2", "compatible", "shyper,kernel");
	vmt_cells(f, VM2 "/kernel2", "reg", 4, 0, 0x4b000000, 0, 0x1000);
}
static void kernel_bad_reg(void *f)
{
	vmt_cells(f, K2, "reg", 2, 0x48200000, 0x1000);
}
static void kernel_unknown_prop(void *f)
{
	vmt_cells(f, K2, "size", 1, 4);
}
static void load_entry(void *f)
{
	vmt_cells(f, K2, "load", 2, 0, 0x40080000);
	vmt_cells(f, K2, "entry", 2, 0, 0x40080100);
}
static void load_entry_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->image[VM_IMAGE_KERNEL].gpa, 0x40080000);
	assert_int_equal(vm->entry, 0x40080100);
}
static void load_outside(void *f)
{
	vmt_cells(f, K2, "load", 2, 0, 0x80000000);
}
static void entry_outside(void *f)
{
	vmt_cells(f, K2, "entry", 2, 0, 0x40f00000);
}
static void bootargs_twice(void *f)
{
	vmt_str(f, K2, "bootargs", "a");
	vmt_str(f, VM2, "bootargs", "b");
}
static void bootargs_ok(void *f)
{
	vmt_str(f, VM2, "bootargs", "console=ttyAMA0");
}
static void bootargs_check(void *fdt, const struct vm_config *vm)
{
	assert_string_equal(vm->bootargs, "console=ttyAMA0");
}
static void bootargs_bad(void *f)
{
	vmt_raw(f, VM2, "bootargs", "abc", 3);
}
static void policies_ok(void *f)
{
	vmt_str(f, VM2, "on-poweroff", "restart");
	vmt_str(f, VM2, "on-reboot", "destroy");
}
static void policies_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->on_poweroff, VM_ACTION_RESTART);
	assert_int_equal(vm->on_reboot, VM_ACTION_DESTROY);
}
static void policies_default_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->on_poweroff, VM_ACTION_DEFAULT);
	assert_int_equal(vm->on_reboot, VM_ACTION_DEFAULT);
}
static void policies_none(void *f)
{
}
static void on_poweroff_bad(void *f)
{
	vmt_str(f, VM2, "on-poweroff", "reboot");
}
static void on_reboot_number(void *f)
{
	vmt_cells(f, VM2, "on-reboot", 1, 2);
}
static void staging_ok(void *f)
{
	vmt_cells(f, VM2, "type", 1, 1);
	vmt_cells(f, VM2, "staging-size", 1, 64 << 20);
}
static void staging_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->staging_size, 64 << 20);
	assert_int_equal(vm->layout.staging.size, 64 << 20);
}
static void staging_unaligned(void *f)
{
	vmt_cells(f, VM2, "type", 1, 1);
	vmt_cells(f, VM2, "staging-size", 1, (4 << 20) + 4096);
}
static void staging_general(void *f)
{
	vmt_cells(f, VM2, "staging-size", 1, 4 << 20);
}
static void crash_ok(void *f)
{
	vmt_str(f, VM2, "on-crash", "restart");
	vmt_cells(f, VM2, "restart-limit", 2, 3, 60);
	vmt_raw(f, VM2, "watchdog", "", 0);
}
static void crash_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->on_crash, VM_ACTION_RESTART);
	assert_int_equal(vm->restart_limit.count, 3);
	assert_int_equal(vm->restart_limit.seconds, 60);
	assert_true(vm->watchdog);
}
static void crash_default_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->on_crash, VM_ACTION_DEFAULT);
	assert_int_equal(vm->restart_limit.count, 0);
	assert_false(vm->watchdog);
}
static void on_crash_bad(void *f)
{
	vmt_str(f, VM2, "on-crash", "reboot");
}
static void restart_limit_one_cell(void *f)
{
	vmt_cells(f, VM2, "restart-limit", 1, 3);
}
static void restart_limit_zero(void *f)
{
	vmt_cells(f, VM2, "restart-limit", 2, 0, 60);
}
static void restart_limit_window(void *f)
{
	vmt_cells(f, VM2, "restart-limit", 2, 3, 86401);
}
static void watchdog_value(void *f)
{
	vmt_cells(f, VM2, "watchdog", 1, 10);
}
static void own_dtb(void *f)
{
	vmt_node(f, VM2, "dtb");
	vmt_str(f, VM2 "/dtb", "compatible", "multiboot,device-tree");
	vmt_cells(f, VM2 "/dtb", "reg", 4, 0, 0x4c000000, 0, 0x4000);
}
static void own_dtb_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->image[VM_IMAGE_DTB].hpa, 0x4c000000);
}
static void dtb_too_big(void *f)
{
	own_dtb(f);
	vmt_cells(f, VM2 "/dtb", "reg", 4, 0, 0x4c000000, 0, 0x300000);
}
static void ramdisk_no_room(void *f)
{
	vmt_node(f, VM2, "ramdisk");
	vmt_str(f, VM2 "/ramdisk", "compatible", "shyper,ramdisk");
	vmt_cells(f, VM2 "/ramdisk", "reg", 4, 0, 0x4a000000, 0, 0xe00000);
}
static void unknown_subnode(void *f)
{
	vmt_node(f, VM2, "extra");
	vmt_str(f, VM2 "/extra", "compatible", "foo");
}
static void shmem(void *f)
{
	vmt_node(f, VM2, "shm");
	vmt_str(f, VM2 "/shm", "compatible", "shyper,shmem");
}

/* ---- devices and console ---- */
static void pt_phandle(void *f)
{
	vmt_cells(f, VM2, "passthrough", 1, vmt_phandle(f, "/soc/gpio@9030000"));
}
static void pt_path(void *f)
{
	vmt_str(f, VM2, "passthrough", "/soc/gpio@9030000");
}
static void pt_check(void *fdt, const struct vm_config *vm)
{
	assert_int_equal(vm->nr_devices, 1);
	assert_int_equal(vm->nr_mmio, 1);
	assert_int_equal(vm->mmio[0].base, 0x9030000);
	assert_int_equal(vm->nr_irqs, 1);
	assert_int_equal(vm->irq[0], 39);
}
static void pt_alias(void *f)
{
	vmt_str(f, VM2, "passthrough", "serial0");
}
static void pt_dangling(void *f)
{
	vmt_str(f, VM2, "passthrough", "/soc/nothing@0");
}
static void pt_repeat(void *f)
{
	static const char paths[] = "/soc/gpio@9030000\0/soc/gpio@9030000";

	vmt_raw(f, VM2, "passthrough", paths, sizeof(paths));
}
static void pt_cpu(void *f)
{
	vmt_str(f, VM2, "passthrough", "/cpus/cpu@1");
}
static void pt_memory(void *f)
{
	vmt_str(f, VM2, "passthrough", "/memory@40000000");
}
static void vuart_ok(void *f)
{
	vmt_raw(f, VM2, "vuart", "", 0);
}
static void vuart_check(void *fdt, const struct vm_config *vm)
{
	assert_true(vm->vuart);
}
static void vuart_value(void *f)
{
	vmt_cells(f, VM2, "vuart", 1, 1);
}
static void disabled(void *f)
{
	vmt_str(f, VM2, "status", "disabled");
}

static const struct vmt_case cases[] = {
    {id_big, "/chosen/vm2: id: 256 is above the largest id 255", NULL},
    {id_two_cells, "/chosen/vm2: id: must be one cell", NULL},
    {id_missing, "/chosen/vm2: id: missing, but required", NULL},
    {label_ok, NULL, label_check},
    {label_empty, "/chosen/vm2: label: must be one non-empty printable string", NULL},
    {label_two, "/chosen/vm2: label: must be one non-empty printable string", NULL},
    {type_str, NULL, type_check},
    {type_cell, NULL, type_check},
    {type_bad_str, "/chosen/vm2: type: must be", NULL},
    {type_bad_cell, "/chosen/vm2: type: must be", NULL},
    {unknown_prop, "/chosen/vm2: vcpus: unknown property", NULL},
    {bad_compat_cells, "/chosen/vm2: #address-cells: must be <1> or <2>", NULL},
    {cpus_two, NULL, cpus_two_check},
    {cpus_zero, "/chosen/vm2: cpus: must be one cell", NULL},
    {cpus_too_many, "/chosen/vm2: cpus: 5 vCPUs but the board has 4 usable CPUs", NULL},
    {cpus_missing, "/chosen/vm2: cpus: missing: give cpus or host-cpus", NULL},
    {hcpu_phandle, NULL, hcpu_check},
    {hcpu_path, NULL, hcpu_check},
    {hcpu_not_cpu, "/chosen/vm2: host-cpus: entry 0 (/soc/gpio@9030000) is not a usable CPU node",
     NULL},
    {hcpu_dangling, "/chosen/vm2: host-cpus: entry 0 (\"/cpus/cpu@9\") names no node", NULL},
    {hcpu_bad_phandle, "/chosen/vm2: host-cpus: entry 0 (phandle 0x4242) names no node", NULL},
    {hcpu_twice, "/chosen/vm2: host-cpus: CPU 3 is listed twice", NULL},
    {hcpu_count_mismatch, "/chosen/vm2: host-cpus: lists 1 CPUs but cpus = <2>", NULL},
    {hcpu_malformed, "/chosen/vm2: host-cpus: must list 1 to", NULL},
    {mem_two, NULL, mem_two_check},
    {mem_unaligned,
     "/chosen/vm2: memory: range 0x40000800+0x1000000 is empty, wraps or is not page aligned",
     NULL},
    {mem_empty, "/chosen/vm2: memory: range 0x40000000+0x0 is empty", NULL},
    {mem_odd, "/chosen/vm2: memory: must hold 1 to 8 <address size> pairs of 2+2 cells", NULL},
    {mem_self_overlap, "/chosen/vm2: memory: range 0x40800000+0x1000000 overlaps range 0", NULL},
    {mem_missing, "/chosen/vm2: memory: missing, but required", NULL},
    {hmem_ok, NULL, hmem_check},
    {hmem_count, "/chosen/vm2: host-memory: must hold one 2-cell address per memory range (1)",
     NULL},
    {hmem_unaligned, "/chosen/vm2: host-memory: 0x60000010 is not page aligned", NULL},
    {cells_one, NULL, cells_one_check},
    {xen_compat, NULL, xen_check},
    {no_kernel, "/chosen/vm2: kernel: missing", NULL},
    {two_kernels, "compatible: a second kernel image", NULL},
    {kernel_bad_reg, "/chosen/vm2/kernel: reg: must be one non-empty <address size> of 2+2 cells",
     NULL},
    {kernel_unknown_prop, "/chosen/vm2/kernel: size: unknown property for a kernel image", NULL},
    {load_entry, NULL, load_entry_check},
    {load_outside, "/chosen/vm2: kernel: guest range 0x80000000+0x100000 is outside memory", NULL},
    {entry_outside, "/chosen/vm2: entry: 0x40f00000 is outside the kernel", NULL},
    {bootargs_ok, NULL, bootargs_check},
    {bootargs_bad, "/chosen/vm2: bootargs: must be one string", NULL},
    {bootargs_twice, "/chosen/vm2/kernel: bootargs: must be one string, given once", NULL},
    {policies_ok, NULL, policies_check},
    {policies_none, NULL, policies_default_check},
    {on_poweroff_bad, "/chosen/vm2: on-poweroff: must be \"restart\", \"stop\" or \"destroy\"",
     NULL},
    {on_reboot_number, "/chosen/vm2: on-reboot: must be \"restart\", \"stop\" or \"destroy\"",
     NULL},
    {staging_ok, NULL, staging_check},
    {staging_unaligned,
     "/chosen/vm2: staging-size: must be one cell, a multiple of 2 MiB from 2 to 256 MiB", NULL},
    {staging_general, "/chosen/vm2: staging-size: only the management VM has a staging window",
     NULL},
    {crash_ok, NULL, crash_check},
    {policies_none, NULL, crash_default_check},
    {on_crash_bad, "/chosen/vm2: on-crash: must be \"restart\", \"stop\" or \"destroy\"", NULL},
    {restart_limit_one_cell,
     "/chosen/vm2: restart-limit: must be <count seconds>, count 1..16, seconds 1..86400", NULL},
    {restart_limit_zero,
     "/chosen/vm2: restart-limit: must be <count seconds>, count 1..16, seconds 1..86400", NULL},
    {restart_limit_window,
     "/chosen/vm2: restart-limit: must be <count seconds>, count 1..16, seconds 1..86400", NULL},
    {watchdog_value, "/chosen/vm2: watchdog: is a boolean and takes no value", NULL},
    {own_dtb, NULL, own_dtb_check},
    {dtb_too_big, "/chosen/vm2: device-tree: 0x300000 bytes, more than the 2 MiB slot", NULL},
    {ramdisk_no_room, "/chosen/vm2: ramdisk: guest range 0x40000000 overlaps the kernel", NULL},
    {unknown_subnode, "/chosen/vm2/extra: compatible: unknown sub-node (not an image)", NULL},
    {shmem, "/chosen/vm2/shm: region: must be one name of 1 to 31 characters", NULL},
    {pt_phandle, NULL, pt_check},
    {pt_path, NULL, pt_check},
    {pt_alias, "/chosen/vm2: passthrough: /soc/serial@9000000 is used by the hypervisor", NULL},
    {pt_dangling, "/chosen/vm2: passthrough: entry 0 (\"/soc/nothing@0\") names no node", NULL},
    {pt_dangling_path, "/chosen/vm2: passthrough: entry 0 (\"/soc/no-such-device\") names no node",
     NULL},
    {id_string, "/chosen/vm2: id: must be a number, not a string (\"two\")", NULL},
    {cpus_string, "/chosen/vm2: cpus: must be a number, not a string (\"two\")", NULL},
    {label_long, "/chosen/vm2: label: is 300 characters long, at most 32", NULL},
    {label_max, NULL, label_max_check},
    {pt_repeat, "/chosen/vm2: passthrough: entry 1 repeats entry 0", NULL},
    {pt_cpu, "/chosen/vm2: passthrough: /cpus/cpu@1 is not a device", NULL},
    {pt_memory, "/chosen/vm2: passthrough: /memory@40000000 is not a device", NULL},
    {vuart_ok, NULL, vuart_check},
    {vuart_value, "/chosen/vm2: vuart: is a boolean and takes no value", NULL},
    {disabled, "/chosen/vm2: disabled, skipped", NULL},
};

static void run_case(void **state)
{
	void *fdt = vmt_board("vm_board");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	vmt_run_case(fdt, *state);
}

static void test_no_chosen(void **state)
{
	void *fdt = vmt_board("vm_board");

	assert_int_equal(fdt_del_node(fdt, fdt_path_offset(fdt, "/chosen")), 0);
	assert_int_equal(vmt_parse(fdt), 0);
}

static void test_id_order(void **state)
{
	void *fdt = vmt_board("vm_board");

	/* fdt_add_subnode() puts new nodes first: vm3 ends up before vm1. */
	vmt_add_vm(fdt, "vm3", 3);
	vmt_add_vm(fdt, "vm1", 1);
	assert_int_equal(vmt_parse(fdt), 2);
	assert_int_equal(vmt_vms[0].id, 1);
	assert_int_equal(vmt_vms[1].id, 3);
}

/* Defect 9.12: nodes that look like VMs are not ignored without a word. */
static void test_lookalikes_warned(void **state)
{
	void *fdt = vmt_board("vm_board");

	vmt_add_vm(fdt, "vm1", 1);
	vmt_add_vm(fdt, "vm2", 2);
	vmt_str(fdt, VM2, "compatible", "shyper,vmm");
	vmt_node(fdt, "/chosen", "vm3");
	vmt_node(fdt, "/chosen", "framebuffer@0");
	assert_int_equal(vmt_parse(fdt), 1);
	if (!unit_capture_has("vm: /chosen/vm2: looks like a VM but its compatible is "
			      "\"shyper,vmm\", not \"shyper,vm\": ignored\n") ||
	    !unit_capture_has("vm: /chosen/vm3: looks like a VM but it has no compatible, not "
			      "\"shyper,vm\": ignored\n") ||
	    unit_capture_has("framebuffer"))
		fail_msg("log:\n%s", unit_capture_text());
	assert_int_equal(vm_config_lookalikes(fdt, false), 2);
}

static int teardown(void **state)
{
	vmt_free();
	return 0;
}

int main(void)
{
	struct CMUnitTest tests[ARRAY_SIZE(cases) + 3];
	static char names[ARRAY_SIZE(cases)][64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(names[i], sizeof(names[i]), "property_case_%02u_%s", i,
			 cases[i].refusal ? "invalid" : "valid");
		tests[i] =
		    (struct CMUnitTest){names[i], run_case, NULL, teardown, (void *)&cases[i]};
	}
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_no_chosen, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_id_order, teardown);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test_teardown(test_lookalikes_warned, teardown);
	return _cmocka_run_group_tests("vm_parse", tests, i, NULL, NULL);
}
