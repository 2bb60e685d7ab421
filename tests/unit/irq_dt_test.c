// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/irq_dt.c with the GIC and PLIC bindings' decoders: #interrupt-cells
 * 3 and 4, interrupts-extended, inherited interrupt-parent, malformed
 * specifiers; and the Arm timer's PPIs read through them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <libfdt.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/timer.h>
#include <unit.h>

static void *fdt;

static int load(void **state)
{
	(void)state;
	fdt = unit_load_dtb("irq-specifiers", 0);
	return 0;
}

static int unload(void **state)
{
	(void)state;
	free(fdt);
	return 0;
}

static int node(const char *path)
{
	int off = fdt_path_offset(fdt, path);

	if (off < 0)
		fail_msg("fixture has no %s", path);
	return off;
}

static void check_irq(const char *path, int index, const char *ctrl, u32 hwirq, bool percpu)
{
	struct dt_irq irq;

	assert_int_equal(dt_read_irq(fdt, node(path), index, &irq), 0);
	assert_int_equal(irq.ctrl, node(ctrl));
	assert_int_equal(irq.hwirq, hwirq);
	assert_int_equal(irq.percpu, percpu);
}

/* Defect 9.1: a 4-cell GIC specifier was read with a 3-cell stride. */
static void test_gic_four_cells(void **state)
{
	(void)state;
	assert_int_equal(dt_irq_count(fdt, node("/timer-rk3588")), 5);
	check_irq("/timer-rk3588", 0, "/interrupt-controller@fe600000", 29, true);
	check_irq("/timer-rk3588", 2, "/interrupt-controller@fe600000", 27, true);
	check_irq("/timer-rk3588", 3, "/interrupt-controller@fe600000", 26, true);
	check_irq("/bus/uart@1000", 0, "/interrupt-controller@fe600000", 37, false);
	check_irq("/bus/uart@1000", 1, "/interrupt-controller@fe600000", 4103, false);
	assert_int_equal(arch_timer_dt_ppi(fdt, node("/timer-rk3588"), ARCH_TIMER_VIRT), 27);
	assert_int_equal(arch_timer_dt_ppi(fdt, node("/timer-rk3588"), ARCH_TIMER_HYP), 26);
}

/* Defect 9.2: interrupts-extended, one controller per entry. */
static void test_interrupts_extended(void **state)
{
	struct dt_irq irq;

	(void)state;
	assert_int_equal(dt_irq_count(fdt, node("/timer-rcar")), 4);
	assert_int_equal(arch_timer_dt_ppi(fdt, node("/timer-rcar"), ARCH_TIMER_VIRT), 27);
	assert_int_equal(arch_timer_dt_ppi(fdt, node("/timer-rcar"), ARCH_TIMER_HYP), 26);
	assert_int_equal(dt_irq_count(fdt, node("/bus/mixed@2000")), 3);
	check_irq("/bus/mixed@2000", 0, "/interrupt-controller@f1010000", 65, false);
	/* A controller no binding decoder knows: located, not decoded. */
	assert_int_equal(dt_read_irq(fdt, node("/bus/mixed@2000"), 1, &irq), -ENOTSUP);
	assert_int_equal(irq.ctrl, node("/gpio@1000"));
	assert_int_equal(irq.nr_cells, 2);
	assert_int_equal(irq.cell[0], 3);
	check_irq("/bus/mixed@2000", 2, "/interrupt-controller@c000000", 17, false);
	assert_int_equal(dt_read_irq(fdt, node("/bus/mixed@2000"), 3, &irq), -ENOENT);
}

static void test_parent_lookup(void **state)
{
	(void)state;
	/* Inherited from the bus; a controller's own interrupts go to its parent. */
	assert_int_equal(dt_irq_parent(fdt, node("/bus/uart@1000")),
			 node("/interrupt-controller@fe600000"));
	check_irq("/interrupt-controller@fe600000", 0, "/interrupt-controller@fe600000", 25, true);
	check_irq("/gpio@1000", 0, "/interrupt-controller@f1010000", 42, false);
	/* No interrupt-parent anywhere above: no controller. */
	assert_int_equal(dt_irq_parent(fdt, node("/interrupt-controller@c000000")), -ENOENT);
	/* The PLIC's contexts: hart-local causes, per CPU. */
	assert_int_equal(dt_irq_count(fdt, node("/interrupt-controller@c000000")), 2);
	check_irq("/interrupt-controller@c000000", 0, "/cpus/cpu@0/interrupt-controller", 11, true);
	check_irq("/interrupt-controller@c000000", 1, "/cpus/cpu@0/interrupt-controller", 9, true);
	assert_int_equal(dt_irq_count(fdt, node("/bus")), 0);
}

static void test_malformed(void **state)
{
	struct dt_irq irq;

	(void)state;
	assert_int_equal(dt_read_irq(fdt, node("/bus/bad-type@3000"), 0, &irq), -EINVAL);
	assert_int_equal(dt_irq_count(fdt, node("/bus/short@4000")), -EINVAL);
	assert_int_equal(dt_read_irq(fdt, node("/bus/short@4000"), 0, &irq), -EINVAL);
	assert_int_equal(dt_irq_count(fdt, node("/bus/bad-phandle@5000")), -EINVAL);
	check_irq("/bus/plic-dev@6000", 0, "/interrupt-controller@c000000", 10, false);
	/* PLIC source 0 does not exist. */
	assert_int_equal(dt_read_irq(fdt, node("/bus/plic-dev@6000"), 1, &irq), -EINVAL);
	assert_int_equal(dt_read_irq(fdt, node("/bus/plic-dev@6000"), -1, &irq), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gic_four_cells),
	    cmocka_unit_test(test_interrupts_extended),
	    cmocka_unit_test(test_parent_lookup),
	    cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
