// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/dt_order.c: /chosen moved after the root's other nodes (before
 * __symbols__), every node and property kept, and nothing else reordered.
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
#include <unit.h>

#define BUF_SIZE (64 * 1024)

static char buf[BUF_SIZE];

/* Every node of @a is in @b by path, with the same properties in the same order. */
static void assert_same_nodes(const void *a, const void *b)
{
	int node, depth = 0, count = 0;
	char path[256];

	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(a, node, &depth), count++) {
		int pa, pb, other;

		assert_int_equal(fdt_get_path(a, node, path, sizeof(path)), 0);
		other = fdt_path_offset(b, path);
		assert_true(other >= 0);
		pb = fdt_first_property_offset(b, other);
		fdt_for_each_property_offset (pa, a, node) {
			const char *na, *nb;
			int la, lb;
			const void *va = fdt_getprop_by_offset(a, pa, &na, &la);
			const void *vb = fdt_getprop_by_offset(b, pb, &nb, &lb);

			assert_non_null(vb);
			assert_string_equal(na, nb);
			assert_int_equal(la, lb);
			assert_memory_equal(va, vb, (size_t)la);
			pb = fdt_next_property_offset(b, pb);
		}
		assert_true(pb < 0); /* no property more in @b */
	}
	for (node = 0, depth = 0; node >= 0 && depth >= 0; node = fdt_next_node(b, node, &depth))
		count--;
	assert_int_equal(count, 0);
}

/* The root's subnode names, comma-separated. */
static const char *root_order(const void *fdt)
{
	static char names[512];
	int sub;

	names[0] = '\0';
	fdt_for_each_subnode (sub, fdt, 0) {
		strcat(names, fdt_get_name(fdt, sub, NULL));
		strcat(names, ",");
	}
	return names;
}

/*
 * QEMU's riscv64 tree has /chosen first: it moves behind the others but
 * stays before __symbols__ (dtc -@), which run-time overlays add labels to.
 */
static void test_riscv_chosen_moved(void **state)
{
	void *fdt = unit_load_dtb("qemu-virt-riscv64", 0);
	char *symbols, want[512];

	(void)state;
	assert_false(dt_chosen_is_last(fdt));
	strcpy(want, root_order(fdt));
	assert_int_equal(strncmp(want, "chosen,", 7), 0);
	symbols = strstr(want, "__symbols__,");
	assert_non_null(symbols);
	assert_string_equal(symbols, "__symbols__,"); /* dtc puts it last */
	strcpy(symbols, "chosen,__symbols__,");
	assert_int_equal(dt_move_chosen_last(fdt, buf, sizeof(buf)), 0);
	assert_true(dt_chosen_is_last(buf));
	assert_string_equal(root_order(buf), want + 7);
	assert_same_nodes(fdt, buf);
	assert_same_nodes(buf, fdt);
	assert_int_equal(fdt_totalsize(buf), sizeof(buf)); /* room for the run-time overlays */
	free(fdt);
}

/* A tree with /chosen last already (QEMU's arm64 one) needs no copy. */
static void test_arm64_already_last(void **state)
{
	void *fdt = unit_load_dtb("qemu-virt-arm64", 0);

	(void)state;
	assert_true(dt_chosen_is_last(fdt));
	free(fdt);
}

/* Reservations and the boot CPU are the header's and the map's: kept. */
static void test_reservations_kept(void **state)
{
	void *fdt = unit_load_dtb("platform-mem", 0);
	u64 a, b, c, d;
	int i;

	(void)state;
	fdt_set_boot_cpuid_phys(fdt, 3);
	assert_int_equal(dt_move_chosen_last(fdt, buf, sizeof(buf)), 0);
	assert_int_equal(fdt_num_mem_rsv(buf), fdt_num_mem_rsv(fdt));
	assert_true(fdt_num_mem_rsv(buf) >= 2);
	for (i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		assert_int_equal(fdt_get_mem_rsv(fdt, i, &a, &b), 0);
		assert_int_equal(fdt_get_mem_rsv(buf, i, &c, &d), 0);
		assert_true(a == c && b == d);
	}
	assert_int_equal(fdt_boot_cpuid_phys(buf), 3);
	assert_same_nodes(fdt, buf);
	free(fdt);
}

/* No /chosen: nothing to move. */
static void test_no_chosen(void **state)
{
	void *fdt = unit_load_dtb("qemu-virt-riscv64", 0);

	(void)state;
	assert_int_equal(fdt_del_node(fdt, fdt_path_offset(fdt, "/chosen")), 0);
	assert_true(dt_chosen_is_last(fdt));
	free(fdt);
}

/* A buffer too small is refused, not overrun. */
static void test_too_small(void **state)
{
	void *fdt = unit_load_dtb("qemu-virt-riscv64", 0);
	size_t size = fdt_size_dt_struct(fdt) / 2;

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(dt_move_chosen_last(fdt, buf, size), -FDT_ERR_NOSPACE);
	assert_int_equal((unsigned char)buf[size], 0xa5);
	free(fdt);
}

/*
 * dt_with_chosen_last(), the boot's and the checker's call: the tree itself
 * when /chosen is last, the moved copy otherwise, the tree itself with a
 * warning when the copy does not fit.
 */
static void test_with_chosen_last(void **state)
{
	void *arm = unit_load_dtb("qemu-virt-arm64", 0);
	void *rv = unit_load_dtb("qemu-virt-riscv64", 0);

	(void)state;
	unit_capture_start();
	unit_capture_clear();
	assert_ptr_equal(dt_with_chosen_last(arm, buf, sizeof(buf)), arm);
	assert_ptr_equal(dt_with_chosen_last(rv, buf, sizeof(buf)), buf);
	assert_true(dt_chosen_is_last(buf));
	assert_string_equal(unit_capture_text(), "");
	assert_ptr_equal(dt_with_chosen_last(rv, buf, 2048), rv);
	assert_true(unit_capture_has("the DTB does not fit 2 KiB with /chosen moved last: VMs "
				     "cannot be created at run time"));
	free(arm);
	free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_riscv_chosen_moved), cmocka_unit_test(test_arm64_already_last),
	    cmocka_unit_test(test_reservations_kept),  cmocka_unit_test(test_no_chosen),
	    cmocka_unit_test(test_too_small),	       cmocka_unit_test(test_with_chosen_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
