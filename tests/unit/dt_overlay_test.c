// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/dt_overlay.c: the overlays /chosen lists ("shyper,overlay" nodes
 * with reg = address and size of a .dtbo) applied to a copy of the board
 * DTB with libfdt. A good overlay's VM appears; a corrupt one and one
 * naming a missing target are refused by node (and fragment) while the
 * good one still applies; the board DTB itself is never written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/dt.h>
#include <shyper/dt_overlay.h>
#include <shyper/errno.h>
#include <unit.h>

#define BUF_SIZE (64 * 1024)

static void *buf, *scratch;

static int setup(void **state)
{
	(void)state;
	buf = calloc(1, BUF_SIZE);
	scratch = calloc(1, BUF_SIZE);
	unit_capture_start();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(buf);
	free(scratch);
	return 0;
}

/* /chosen/@name naming @blob of @size bytes, in /chosen's default cells (2 and 1). */
static void add_overlay_node(void *fdt, const char *name, const void *blob, uint32_t size)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int node = fdt_add_subnode(fdt, chosen, name);
	uint64_t addr = (uint64_t)(uintptr_t)blob;
	fdt32_t reg[3] = {cpu_to_fdt32(addr >> 32), cpu_to_fdt32((uint32_t)addr),
			  cpu_to_fdt32(size)};

	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(fdt, node, "compatible", "shyper,overlay"), 0);
	assert_int_equal(fdt_setprop(fdt, node, "reg", reg, sizeof(reg)), 0);
}

static void *board(void)
{
	void *fdt = unit_load_dtb("qemu-virt-arm64", 4096);

	assert_true(fdt_path_offset(fdt, "/chosen") >= 0);
	assert_true(fdt_path_offset(fdt, "/chosen/vm1") < 0);
	return fdt;
}

static void test_none_listed(void **state)
{
	void *fdt = board();
	const void *out = NULL;

	(void)state;
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, BUF_SIZE, NULL, &out), 0);
	assert_ptr_equal(out, fdt);
	free(fdt);
}

static void test_applied(void **state)
{
	void *fdt = board(), *ov = unit_load_dtb("overlay-vm", 0);
	const void *out = NULL;
	int vm;

	(void)state;
	add_overlay_node(fdt, "overlay-vms", ov, fdt_totalsize(ov));
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, BUF_SIZE, NULL, &out), 1);
	assert_true(out == buf || out == scratch);
	vm = fdt_path_offset(out, "/chosen/vm1");
	assert_true(vm >= 0);
	assert_string_equal(dt_read_string(out, vm, "label"), "from-overlay");
	/* The board DTB is read, never written. */
	assert_true(fdt_path_offset(fdt, "/chosen/vm1") < 0);
	assert_true(unit_capture_has("overlay: /chosen/overlay-vms: applied"));
	free(ov);
	free(fdt);
}

/* Same nodes in the same order, with the same properties and values. */
static void assert_same_tree(const void *a, const void *b)
{
	int na = fdt_next_node(a, -1, NULL), nb = fdt_next_node(b, -1, NULL);

	for (; na >= 0 && nb >= 0;
	     na = fdt_next_node(a, na, NULL), nb = fdt_next_node(b, nb, NULL)) {
		int pa = fdt_first_property_offset(a, na), pb = fdt_first_property_offset(b, nb);

		assert_string_equal(fdt_get_name(a, na, NULL), fdt_get_name(b, nb, NULL));
		for (; pa >= 0 && pb >= 0;
		     pa = fdt_next_property_offset(a, pa), pb = fdt_next_property_offset(b, pb)) {
			const char *name_a, *name_b;
			int la, lb;
			const void *va = fdt_getprop_by_offset(a, pa, &name_a, &la);
			const void *vb = fdt_getprop_by_offset(b, pb, &name_b, &lb);

			assert_string_equal(name_a, name_b);
			assert_int_equal(la, lb);
			assert_memory_equal(va, vb, la);
		}
		assert_int_equal(pa, pb); /* both lists ended */
	}
	assert_int_equal(na, nb);
}

/*
 * The tree Shyper builds is the one U-Boot's `fdt apply` (the same
 * fdt_overlay_apply() on the DTB as handed over) builds, once the
 * shyper,overlay node that named the .dtbo is gone: the guest DTBs, built
 * from the tree's contents, are then the same too. (Only the order of the
 * strings block may differ, which no reader sees.)
 */
static void test_same_tree_as_fdt_apply(void **state)
{
	void *fdt = board(), *ov = unit_load_dtb("overlay-vm", 0);
	void *ov_copy = unit_load_dtb("overlay-vm", 0);
	void *direct = calloc(1, BUF_SIZE), *ours = calloc(1, BUF_SIZE);
	const void *out = NULL;

	(void)state;
	assert_int_equal(fdt_open_into(fdt, direct, BUF_SIZE), 0);
	assert_int_equal(fdt_overlay_apply(direct, ov_copy), 0);
	add_overlay_node(fdt, "overlay-vms", ov, fdt_totalsize(ov));
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, BUF_SIZE, NULL, &out), 1);
	assert_int_equal(fdt_open_into(out, ours, BUF_SIZE), 0);
	assert_int_equal(fdt_del_node(ours, fdt_path_offset(ours, "/chosen/overlay-vms")), 0);
	assert_true(fdt_path_offset(direct, "/chosen/vm1") >= 0);
	assert_same_tree(ours, direct);
	free(direct);
	free(ours);
	free(ov_copy);
	free(ov);
	free(fdt);
}

static void test_broken_refused_others_applied(void **state)
{
	void *fdt = board(), *good = unit_load_dtb("overlay-vm", 0);
	void *missing = unit_load_dtb("overlay-missing-target", 0);
	void *corrupt = unit_load_dtb("overlay-vm", 0);
	const void *out = NULL;

	(void)state;
	memset(corrupt, 0xa5, 8); /* magic and totalsize */
	add_overlay_node(fdt, "overlay-corrupt", corrupt, fdt_totalsize(good));
	add_overlay_node(fdt, "overlay-missing", missing, fdt_totalsize(missing));
	add_overlay_node(fdt, "overlay-vms", good, fdt_totalsize(good));
	unit_capture_clear();
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, BUF_SIZE, NULL, &out), 1);
	assert_true(fdt_path_offset(out, "/chosen/vm1") >= 0);
	assert_true(fdt_path_offset(out, "/no-such-node") < 0);
	assert_true(unit_capture_has("/chosen/overlay-corrupt: "));
	assert_true(unit_capture_has("is not a valid .dtbo: overlay not applied"));
	assert_true(unit_capture_has("/chosen/overlay-missing: fragment fragment@0: "
				     "target-path \"/no-such-node\" is not in the DTB"));
	free(corrupt);
	free(missing);
	free(good);
	free(fdt);
}

static void test_size_smaller_than_blob(void **state)
{
	void *fdt = board(), *ov = unit_load_dtb("overlay-vm", 0);
	const void *out = NULL;

	(void)state;
	/* reg says fewer bytes than the header's totalsize: refused, not read past. */
	add_overlay_node(fdt, "overlay-short", ov, fdt_totalsize(ov) - 8);
	unit_capture_clear();
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, BUF_SIZE, NULL, &out), 0);
	assert_true(fdt_path_offset(out, "/chosen/vm1") < 0);
	assert_true(unit_capture_has("/chosen/overlay-short: "));
	free(ov);
	free(fdt);
}

static void test_no_room(void **state)
{
	void *fdt = board(), *ov = unit_load_dtb("overlay-vm", 0);
	const void *out = NULL;

	(void)state;
	add_overlay_node(fdt, "overlay-vms", ov, fdt_totalsize(ov));
	unit_capture_clear();
	assert_int_equal(dt_overlay_apply_all(fdt, buf, scratch, 256, NULL, &out), -ENOSPC);
	assert_ptr_equal(out, fdt);
	assert_true(unit_capture_has("does not fit"));
	free(ov);
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_none_listed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_applied, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_tree_as_fdt_apply, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_broken_refused_others_applied, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_smaller_than_blob, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_room, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
