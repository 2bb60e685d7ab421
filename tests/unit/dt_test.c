// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/dt.c over fixtures shaped like real boards: cells, reg with
 * translation through nested (and non-identity) ranges, status,
 * stdout-path as alias or path with options.
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
#include <shyper/errno.h>
#include <unit.h>

static void *edge, *rpi4, *virt64, *riscv;

static int load_all(void **state)
{
	(void)state;
	edge = unit_load_dtb("dt-edge", 0);
	rpi4 = unit_load_dtb("rpi4", 0);
	virt64 = unit_load_dtb("qemu-virt-arm64", 0);
	riscv = unit_load_dtb("qemu-virt-riscv64", 0);
	return 0;
}

static int free_all(void **state)
{
	(void)state;
	free(edge);
	free(rpi4);
	free(virt64);
	free(riscv);
	return 0;
}

static int node(const void *fdt, const char *path)
{
	int off = fdt_path_offset(fdt, path);

	if (off < 0)
		fail_msg("fixture has no %s", path);
	return off;
}

/* Expect dt_read_reg(@path, @index) to give @addr/@size. */
static void check_reg(const void *fdt, const char *path, int index, paddr_t addr, u64 size)
{
	paddr_t a = 0;
	u64 s = 0;

	assert_int_equal(dt_read_reg(fdt, node(fdt, path), index, &a, &s), 0);
	assert_int_equal(a, addr);
	assert_int_equal(s, size);
}

static int reg_err(const void *fdt, const char *path, int index)
{
	paddr_t a = 0xdead;
	u64 s = 0xbeef;
	int err = dt_read_reg(fdt, node(fdt, path), index, &a, &s);

	/* Failure leaves the outputs alone. */
	assert_int_equal(a, 0xdead);
	assert_int_equal(s, 0xbeef);
	return err;
}

static void test_check(void **state)
{
	char garbage[64];
	void *copy;

	(void)state;
	assert_int_equal(dt_check(edge), 0);
	memset(garbage, 0xa5, sizeof(garbage));
	assert_int_equal(dt_check(garbage), -EINVAL);
	copy = malloc(fdt_totalsize(edge));
	memcpy(copy, edge, fdt_totalsize(edge));
	fdt_set_magic(copy, 0xd00dfeee);
	assert_int_equal(dt_check(copy), -EINVAL);
	free(copy);
}

static void test_read_cells(void **state)
{
	static const u8 raw[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
	u64 v;

	(void)state;
	assert_int_equal(dt_read_cells(raw, 1, &v), 0);
	assert_int_equal(v, 0x12345678);
	assert_int_equal(dt_read_cells(raw, 2, &v), 0);
	assert_int_equal(v, 0x123456789abcdef0ULL);
	assert_int_equal(dt_read_cells(raw, 0, &v), 0);
	assert_int_equal(v, 0);
	v = 1;
	assert_int_equal(dt_read_cells(raw, 3, &v), -EINVAL);
	assert_int_equal(v, 0);
	assert_int_equal(dt_read_cells(raw, -1, &v), -EINVAL);
}

static void test_read_u32(void **state)
{
	int props = node(edge, "/props");
	u32 v = 0;

	(void)state;
	assert_int_equal(dt_read_u32(edge, props, "one-cell", &v), 0);
	assert_int_equal(v, 0x12345678);
	v = 7;
	assert_int_equal(dt_read_u32(edge, props, "two-cells", &v), -EINVAL);
	assert_int_equal(dt_read_u32(edge, props, "empty", &v), -EINVAL);
	assert_int_equal(dt_read_u32(edge, props, "byte", &v), -EINVAL);
	assert_int_equal(dt_read_u32(edge, props, "missing", &v), -ENOENT);
	assert_int_equal(v, 7);
}

static void test_read_u32_index(void **state)
{
	int props = node(edge, "/props");
	u32 v = 0;

	(void)state;
	assert_int_equal(dt_read_u32_index(edge, props, "list", 0, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(dt_read_u32_index(edge, props, "list", 2, &v), 0);
	assert_int_equal(v, 30);
	assert_int_equal(dt_read_u32_index(edge, props, "list", 3, &v), -ERANGE);
	assert_int_equal(dt_read_u32_index(edge, props, "list", -1, &v), -ERANGE);
	assert_int_equal(dt_read_u32_index(edge, props, "byte", 0, &v), -ERANGE);
	assert_int_equal(dt_read_u32_index(edge, props, "missing", 0, &v), -ENOENT);
}

static void test_address_and_size_cells(void **state)
{
	void *copy;

	(void)state;
	assert_int_equal(dt_addr_cells(edge, node(edge, "/props")), 1);
	assert_int_equal(dt_size_cells(edge, node(edge, "/props")), 1);
	assert_int_equal(dt_addr_cells(edge, node(edge, "/wide/dev@100000000")), 2);
	assert_int_equal(dt_size_cells(edge, node(edge, "/wide/dev@100000000")), 2);
	assert_int_equal(dt_addr_cells(edge, node(edge, "/bus@40000000/sub@10000/dev@1,0")), 2);
	assert_int_equal(dt_size_cells(edge, node(edge, "/bus@40000000/sub@10000/dev@1,0")), 1);
	assert_int_equal(dt_addr_cells(virt64, node(virt64, "/cpus/cpu@1")), 1);
	assert_int_equal(dt_size_cells(virt64, node(virt64, "/cpus/cpu@1")), 0);

	/* Without the properties the spec's defaults apply: 2 and 1. */
	copy = unit_load_dtb("dt-edge", 0);
	assert_int_equal(fdt_delprop(copy, 0, "#address-cells"), 0);
	assert_int_equal(fdt_delprop(copy, 0, "#size-cells"), 0);
	assert_int_equal(dt_addr_cells(copy, node(copy, "/props")), 2);
	assert_int_equal(dt_size_cells(copy, node(copy, "/props")), 1);
	free(copy);
}

static void test_status(void **state)
{
	(void)state;
	assert_true(dt_is_enabled(edge, node(edge, "/props")));
	assert_true(dt_is_enabled(edge, node(edge, "/status-okay")));
	assert_true(dt_is_enabled(edge, node(edge, "/status-ok")));
	assert_false(dt_is_enabled(edge, node(edge, "/status-disabled")));
	assert_false(dt_is_enabled(edge, node(edge, "/status-fail")));
	assert_false(dt_is_enabled(rpi4, node(rpi4, "/soc/serial@7e215040")));
}

static void test_reg_one_cell_root(void **state)
{
	(void)state;
	check_reg(edge, "/status-okay", 0, 0x1000, 0x10);
	assert_int_equal(dt_reg_count(edge, node(edge, "/status-okay")), 1);
	assert_int_equal(reg_err(edge, "/status-okay", 1), -ENOENT);
	assert_int_equal(reg_err(edge, "/status-okay", -1), -ENOENT);
}

static void test_reg_through_ranges(void **state)
{
	(void)state;
	assert_int_equal(dt_reg_count(edge, node(edge, "/bus@40000000/serial@100")), 2);
	check_reg(edge, "/bus@40000000/serial@100", 0, 0x40000100, 0x20);
	check_reg(edge, "/bus@40000000/serial@100", 1, 0x40000200, 0x20);
	assert_int_equal(reg_err(edge, "/bus@40000000/serial@100", 2), -ENOENT);
	/* Two levels: 2-cell child bus inside a 1-cell bus. */
	check_reg(edge, "/bus@40000000/sub@10000/dev@1,0", 0, 0x40010080, 0x8);
	check_reg(edge, "/bus@40000000/sub@10000/size-zero@1,0", 0, 0x40010000, 0);
	check_reg(edge, "/identity/dev@5000", 0, 0x5000, 0x10);
	check_reg(edge, "/wide/dev@100000000", 0, 0x80001000, 0x100);
	check_reg(edge, "/wide/big@100000000", 0, 0x80000000, 0x100000000ULL);
}

static void test_reg_untranslatable(void **state)
{
	u64 addr = 0x10;

	(void)state;
	/* Past the end of the only ranges entry. */
	assert_int_equal(reg_err(edge, "/bus@40000000/outside@2000000", 0), -EINVAL);
	/* A bus without ranges. */
	assert_int_equal(reg_err(edge, "/isolated/dev@10", 0), -EINVAL);
	assert_int_equal(dt_translate(edge, node(edge, "/isolated/dev@10"), &addr), -EINVAL);
	addr = 0x20;
	assert_int_equal(dt_translate(edge, node(edge, "/bus@40000000/serial@100"), &addr), 0);
	assert_int_equal(addr, 0x40000020);
}

static void test_reg_malformed(void **state)
{
	(void)state;
	assert_int_equal(dt_reg_count(edge, node(edge, "/bad-reg")), -EINVAL);
	assert_int_equal(reg_err(edge, "/bad-reg", 0), -EINVAL);
	assert_int_equal(dt_reg_count(edge, node(edge, "/no-reg")), -ENOENT);
	assert_int_equal(reg_err(edge, "/no-reg", 0), -ENOENT);
	/* Three address cells (PCI style) are beyond dt_read_reg(). */
	assert_int_equal(dt_reg_count(edge, node(edge, "/three/dev@0")), 1);
	assert_int_equal(reg_err(edge, "/three/dev@0", 0), -EINVAL);
}

/* BCM2711: the VideoCore bus 0x7e000000 is the ARM's 0xfe000000. */
static void test_absurd_cells(void **state)
{
	u64 addr = 0;

	(void)state;
	/* (cells * 4) must not overflow, zero-sized ranges entries not divide. */
	assert_int_equal(reg_err(edge, "/huge-cells/dev@0", 0), -EINVAL);
	assert_int_equal(dt_translate(edge, node(edge, "/huge-cells/dev@0"), &addr), -EINVAL);
	assert_int_equal(dt_translate(edge, node(edge, "/zero-outer/zero-inner/leaf"), &addr),
			 -EINVAL);
}

static void test_reg_rpi4_non_identity(void **state)
{
	(void)state;
	check_reg(rpi4, "/soc/serial@7e201000", 0, 0xfe201000, 0x200);
	check_reg(rpi4, "/soc/local_intc@40000000", 0, 0xff800000, 0x100);
	assert_int_equal(dt_reg_count(rpi4, node(rpi4, "/soc/interrupt-controller@40041000")), 4);
	check_reg(rpi4, "/soc/interrupt-controller@40041000", 0, 0xff841000, 0x1000);
	check_reg(rpi4, "/soc/interrupt-controller@40041000", 3, 0xff846000, 0x2000);
	/* Through emmc2bus (1-cell) then scb (2-cell), both non-trivial. */
	check_reg(rpi4, "/scb/emmc2bus/mmc@7e340000", 0, 0xfe340000, 0x100);
	check_reg(rpi4, "/memory@0", 1, 0x40000000, 0xbc000000);
}

static void test_reg_qemu_virt(void **state)
{
	(void)state;
	check_reg(virt64, "/intc@8000000", 1, 0x80a0000, 0xf60000);
	check_reg(virt64, "/intc@8000000/its@8080000", 0, 0x8080000, 0x20000);
	check_reg(virt64, "/pcie@10000000", 0, 0x4010000000ULL, 0x10000000);
	check_reg(riscv, "/soc/serial@10000000", 0, 0x10000000, 0x100);
	check_reg(riscv, "/soc/plic@c000000", 0, 0xc000000, 0x600000);
}

static void test_match(void **state)
{
	static const char *const pl011[] = {"arm,pl011", NULL};
	static const char *const either[] = {"arm,primecell", "arm,pl011", NULL};
	static const char *const none[] = {"ns16550a", "snps,dw-apb-uart", NULL};
	int uart = node(virt64, "/pl011@9000000");

	(void)state;
	assert_string_equal(dt_match(virt64, uart, pl011), "arm,pl011");
	/* The driver's list order decides, not the node's. */
	assert_string_equal(dt_match(virt64, uart, either), "arm,primecell");
	assert_null(dt_match(virt64, uart, none));
	assert_null(dt_match(virt64, node(virt64, "/cpus/cpu-map"), pl011));
}

static void test_stdout_path_forms(void **state)
{
	(void)state;
	/* Plain path (QEMU arm64 and riscv). */
	assert_int_equal(dt_stdout_node(virt64), node(virt64, "/pl011@9000000"));
	assert_int_equal(dt_stdout_node(riscv), node(riscv, "/soc/serial@10000000"));
	/* Alias with options (Raspberry Pi firmware). */
	assert_int_equal(dt_stdout_node(rpi4), node(rpi4, "/soc/serial@7e201000"));
	/* Path with options. */
	assert_int_equal(dt_stdout_node(edge), node(edge, "/bus@40000000/serial@100"));
}

/*
 * In a writable copy of rpi4, replace stdout-path by @prop = @value (none
 * when NULL) and expect dt_stdout_node() to find @want (NULL: -ENOENT).
 */
static void expect_stdout(const char *prop, const char *value, const char *want)
{
	void *blob = unit_load_dtb("rpi4", 1024);
	int chosen = node(blob, "/chosen");

	assert_int_equal(fdt_delprop(blob, chosen, "stdout-path"), 0);
	if (value)
		assert_int_equal(fdt_setprop_string(blob, chosen, prop, value), 0);
	if (want)
		assert_int_equal(dt_stdout_node(blob), node(blob, want));
	else
		assert_int_equal(dt_stdout_node(blob), -ENOENT);
	free(blob);
}

static void test_stdout_path_variants(void **state)
{
	(void)state;
	expect_stdout("stdout-path", "serial1", "/soc/serial@7e201000");
	/* An alias whose value is a path string; status is the driver's business. */
	expect_stdout("stdout-path", "serial0:9600", "/soc/serial@7e215040");
	expect_stdout("stdout-path", "/soc/serial@7e201000:115200n8", "/soc/serial@7e201000");
	expect_stdout("linux,stdout-path", "serial1", "/soc/serial@7e201000");
	expect_stdout("stdout-path", "serial7:115200", NULL);
	expect_stdout("stdout-path", "/soc/nothing@0", NULL);
	expect_stdout("stdout-path", "", NULL);
	expect_stdout("stdout-path", ":115200", NULL);
	expect_stdout("stdout-path", NULL, NULL);
}

static void test_stdout_no_chosen(void **state)
{
	void *blob = unit_load_dtb("rpi4", 0);

	(void)state;
	assert_int_equal(fdt_del_node(blob, node(blob, "/chosen")), 0);
	assert_int_equal(dt_stdout_node(blob), -ENOENT);
	free(blob);
}

static void test_path(void **state)
{
	char buf[64], tiny[8];
	int n = node(rpi4, "/scb/emmc2bus/mmc@7e340000");

	(void)state;
	assert_string_equal(dt_path(rpi4, n, buf, sizeof(buf)), "/scb/emmc2bus/mmc@7e340000");
	assert_string_equal(dt_path(rpi4, n, tiny, sizeof(tiny)), "?");
	assert_string_equal(dt_path(rpi4, 0, buf, sizeof(buf)), "/");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_read_cells),
	    cmocka_unit_test(test_read_u32),
	    cmocka_unit_test(test_read_u32_index),
	    cmocka_unit_test(test_address_and_size_cells),
	    cmocka_unit_test(test_status),
	    cmocka_unit_test(test_reg_one_cell_root),
	    cmocka_unit_test(test_reg_through_ranges),
	    cmocka_unit_test(test_reg_untranslatable),
	    cmocka_unit_test(test_reg_malformed),
	    cmocka_unit_test(test_absurd_cells),
	    cmocka_unit_test(test_reg_rpi4_non_identity),
	    cmocka_unit_test(test_reg_qemu_virt),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_stdout_path_forms),
	    cmocka_unit_test(test_stdout_path_variants),
	    cmocka_unit_test(test_stdout_no_chosen),
	    cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests_name("dt", tests, load_all, free_all);
}
