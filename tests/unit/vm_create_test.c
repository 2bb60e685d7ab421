// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vm_create.c with the real overlay, parse and validation code: a VM
 * from an overlay is accepted on what is free, refused with the boot's
 * message otherwise, and leaves the memory maps exactly as before on
 * refusal and after its release. core/vm.c's part (slots, vm_build) is
 * vm_build_test's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/dt_order.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <shyper/vm_create.h>
#include <unit.h>
#include "../../core/vm_internal.h"
#include "vm_testlib.h"

#define RAM_SIZE (64UL << 20)
#define VM4 "/fragment@0/__overlay__/vm4"

static u8 *ram;
static const struct vm_config *added;
static int add_result;
static unsigned int adds;
static u8 kernel[5000];
static u8 ramdisk[3000];
static void *overlay;

int vm_slot_free(void)
{
	return 1;
}

unsigned int vm_live_configs(struct vm_config *out)
{
	memcpy(out, vmt_vms, (size_t)vmt_count * sizeof(out[0]));
	return (unsigned int)vmt_count;
}

int vm_add(unsigned int slot, const struct vm_config *cfg)
{
	assert_int_equal(slot, 1);
	adds++;
	added = cfg;
	return add_result;
}

/* vmt_create_world(), then the overlay and the images. */
static int setup(void **state)
{
	(void)state;
	free(overlay);
	ram = vmt_create_world(RAM_SIZE);
	overlay = unit_load_dtb("overlay-create", 1024);
	for (size_t i = 0; i < sizeof(kernel); i++)
		kernel[i] = (u8)(i * 7 + 1);
	memset(ramdisk, 0x5a, sizeof(ramdisk));
	added = NULL;
	adds = 0;
	add_result = 0;
	unit_capture_clear();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(overlay);
	overlay = NULL;
	free(ram);
	vmt_free();
	return 0;
}

static int create(u32 *id)
{
	struct vm_create_req req = {
	    .overlay = {overlay, fdt_totalsize(overlay)},
	    .image[VM_IMAGE_KERNEL] = {kernel, sizeof(kernel)},
	    .image[VM_IMAGE_RAMDISK] = {ramdisk, sizeof(ramdisk)},
	};

	return vm_create(&req, id);
}

static bool inside_ram(u64 base, u64 size)
{
	return base >= (uintptr_t)ram && base + size <= (uintptr_t)ram + RAM_SIZE;
}

static void test_created(void **state)
{
	struct memmap usable = platform.usable, reserved = platform.reserved;
	const struct vm_image *k, *r;
	u32 id = 0;
	int node;

	(void)state;
	if (create(&id))
		fail_msg("%s", unit_capture_text());
	assert_int_equal(id, 4);
	assert_non_null(added);
	assert_string_equal(added->label, "created");
	assert_string_equal(added->path, "/chosen/vm4");
	assert_int_equal(added->nr_vcpus, 1);
	assert_int_not_equal(added->pcpu[0], vmt_find(1)->pcpu[0]); /* CPU 0 is vm1's */
	assert_true(inside_ram(added->mem[0].hpa, added->mem[0].size));
	/* The kernel: a copy in pages of its own, named in the VM's DT copy. */
	k = &added->image[VM_IMAGE_KERNEL];
	assert_true(inside_ram(k->hpa, k->size));
	assert_int_equal(k->size, ALIGN_UP(sizeof(kernel), PAGE_SIZE));
	assert_memory_equal((void *)(uintptr_t)k->hpa, kernel, sizeof(kernel));
	/* Copies from the bottom, RAM from the top (platform_alloc_low()). */
	assert_true(k->hpa + k->size <= added->mem[0].hpa);
	/* The ramdisk, which the overlay has no node for: one added, with the binding's compatible.
	 */
	r = &added->image[VM_IMAGE_RAMDISK];
	assert_true(inside_ram(r->hpa, r->size) && r->hpa != k->hpa);
	assert_int_equal(r->size, ALIGN_UP(sizeof(ramdisk), PAGE_SIZE));
	assert_memory_equal((void *)(uintptr_t)r->hpa, ramdisk, sizeof(ramdisk));
	node = fdt_path_offset(added->fdt, "/chosen/vm4/ramdisk");
	assert_true(node >= 0 && !fdt_node_check_compatible(added->fdt, node, "shyper,ramdisk"));
	assert_int_equal(added->image[VM_IMAGE_DTB].node, -1); /* none given: Shyper builds one */
	assert_true(added->fdt != platform.fdt);
	assert_int_equal(fdt_path_offset(added->fdt, "/chosen/vm4"), added->node);
	assert_true(fdt_path_offset(added->fdt, "/chosen/vm1") >= 0);
	assert_true(memmap_total(&platform.usable) < memmap_total(&usable) - added->mem[0].size);

	/* Released (core/vm.c gives the RAM back): the maps are as before, not fragmented. */
	memmap_give_back(&platform.usable, added->mem[0].hpa, added->mem[0].size, "ram");
	vm_create_release(1);
	assert_int_equal(platform.usable.count, usable.count);
	for (unsigned int i = 0; i < usable.count; i++) {
		assert_int_equal(platform.usable.region[i].base, usable.region[i].base);
		assert_int_equal(platform.usable.region[i].size, usable.region[i].size);
	}
	assert_int_equal(platform.reserved.count, reserved.count);
}

/* Every refusal: the boot's message, no vm_add(), the maps as they were. */
static void expect_refused(int err, const char *msg)
{
	struct memmap usable = platform.usable, reserved = platform.reserved;
	u32 id = 0;

	assert_int_equal(create(&id), err);
	if (!unit_capture_has(msg))
		fail_msg("no \"%s\" in the log: %s", msg, unit_capture_text());
	assert_int_equal(adds, 0);
	assert_memory_equal(&platform.usable, &usable, sizeof(usable));
	assert_memory_equal(&platform.reserved, &reserved, sizeof(reserved));
}

static void test_id_taken(void **state)
{
	(void)state;
	vmt_cells(overlay, VM4, "id", 1, 1);
	expect_refused(-EEXIST, "vm: /chosen/vm4: id: 1 is already used by /chosen/vm1");
}

static void test_no_cpu_left(void **state)
{
	(void)state;
	vmt_cells(overlay, VM4, "cpus", 1, 4); /* vm1 holds one of the board's 4 */
	expect_refused(-EBUSY, "vm: /chosen/vm4: cpus: 4 vCPUs asked, only 3 CPUs left free");
}

static void test_malformed_property(void **state)
{
	(void)state;
	vmt_str(overlay, VM4, "cpus", "twelve");
	expect_refused(-EINVAL,
		       "vm: /chosen/vm4: cpus: must be a number, not a string (\"twelve\")");
}

static void test_not_enough_memory(void **state)
{
	(void)state;
	vmt_cells(overlay, VM4, "memory", 4, 0, 0x40000000, 0, 0x8000000);
	expect_refused(-ENOMEM, "vm: /chosen/vm4: memory: no free host RAM for 0x8000000 bytes");
}

static void test_other_target(void **state)
{
	(void)state;
	vmt_str(overlay, "/fragment@0", "target-path", "/cpus");
	expect_refused(-EINVAL, "overlay: fragment fragment@0: target-path: must be \"/chosen\"");
}

static void test_no_new_vm(void **state)
{
	(void)state;
	assert_int_equal(fdt_set_name(overlay, fdt_path_offset(overlay, VM4), "vm1"), 0);
	expect_refused(-ENOENT, "overlay: adds no new shyper,vm node under /chosen");
}

static void test_not_a_dtbo(void **state)
{
	struct memmap usable = platform.usable;
	struct vm_create_req req = {{kernel, sizeof(kernel)}, {{kernel, sizeof(kernel)}}};
	u32 id;

	(void)state;
	assert_int_equal(vm_create(&req, &id), -EINVAL);
	assert_true(unit_capture_has("overlay: not a valid .dtbo"));
	assert_memory_equal(&platform.usable, &usable, sizeof(usable));
}

/* On a host DT with nodes after /chosen, the device records' offsets would move. */
static void test_chosen_not_last(void **state)
{
	void *fdt = vmt_board("vm_board");
	u32 id;

	(void)state;
	vmt_add_vm(fdt, "vm1", 1);
	assert_int_equal(vmt_parse(fdt), 1);
	free(overlay);
	overlay = unit_load_dtb("overlay-create", 1024);
	assert_int_equal(create(&id), -EINVAL);
	assert_true(unit_capture_has("overlay: /chosen is not the host DT's last node"));
	assert_int_equal(adds, 0);
}

/* The same host DT as the boot leaves it, /chosen moved last: accepted. */
static void test_chosen_moved_last(void **state)
{
	static char moved[256 * 1024];
	void *fdt = vmt_board("vm_board");
	u32 id = 0;

	(void)state;
	vmt_add_vm(fdt, "vm1", 1);
	vmt_del(fdt, "/chosen", "linux,initrd-start"); /* as setup() */
	vmt_del(fdt, "/chosen", "linux,initrd-end");
	assert_int_equal(dt_move_chosen_last(fdt, moved, sizeof(moved)), 0);
	assert_int_equal(vmt_parse(moved), 1);
	memmap_add(&platform.ram, (uintptr_t)ram, RAM_SIZE, "ram");
	memset(&platform.usable, 0, sizeof(platform.usable));
	memmap_add(&platform.usable, (uintptr_t)ram, RAM_SIZE, "ram");
	free(overlay);
	overlay = unit_load_dtb("overlay-create", 1024);
	if (create(&id))
		fail_msg("%s", unit_capture_text());
	assert_int_equal(id, 4);
	assert_int_equal(adds, 1);
}

/* A build that fails gives back the VM's RAM and both copies. */
static void test_build_fails(void **state)
{
	struct memmap usable = platform.usable, reserved = platform.reserved;
	u32 id = 0;

	(void)state;
	add_result = -ENOMEM;
	assert_int_equal(create(&id), -ENOMEM);
	assert_int_equal(adds, 1);
	assert_memory_equal(&platform.usable, &usable, sizeof(usable));
	assert_memory_equal(&platform.reserved, &reserved, sizeof(reserved));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_created),	       T(test_id_taken),
	    T(test_no_cpu_left),       T(test_malformed_property),
	    T(test_not_enough_memory), T(test_other_target),
	    T(test_no_new_vm),	       T(test_chosen_not_last),
	    T(test_chosen_moved_last), T(test_not_a_dtbo),
	    T(test_build_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
