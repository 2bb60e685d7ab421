// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/device.c with fake drivers declared through the real
 * DRIVER_DT_DECLARE() and DRIVER_HW_DECLARE(): match by compatible, class
 * filter, -ENODEV passing the node on to the next driver, disabled nodes,
 * DTB probe order, and a device-tree half alone recorded with its summary.
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
#include <shyper/device.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <unit.h>

#define MAX_CALLS 16

/* One probe call: which driver saw which node, with which compatible. */
struct call {
	const char *driver;
	char path[64];
	const char *compat;
	int ret;
};

static struct call calls[MAX_CALLS];
static int ncalls;
static void *fdt;

static int record(const char *driver, const void *blob, int node, const char *compat, int ret)
{
	struct call *c = &calls[ncalls++];

	assert_true(ncalls <= MAX_CALLS);
	c->driver = driver;
	c->compat = compat;
	c->ret = ret;
	assert_int_equal(fdt_get_path(blob, node, c->path, sizeof(c->path)), 0);
	return ret;
}

/*
 * "test,uart-decline" is declined by whichever driver sees it first, so
 * the fallthrough is tested whatever order the linker put the table in.
 */
static int decline_once(const char *driver, const void *blob, int node, const char *compat)
{
	int i;

	if (strcmp(compat, "test,uart-decline"))
		return record(driver, blob, node, compat, 0);
	for (i = 0; i < ncalls; i++)
		if (calls[i].ret == -ENODEV && !strcmp(calls[i].compat, compat))
			return record(driver, blob, node, compat, 0);
	return record(driver, blob, node, compat, -ENODEV);
}

static int uart_a_probe(const void *blob, int node, const struct dt_device_id *id)
{
	return decline_once("uart-a", blob, node, id->compatible);
}

static int uart_b_probe(const void *blob, int node, const struct dt_device_id *id)
{
	return decline_once("uart-b", blob, node, id->compatible);
}

static int broken_probe(const void *blob, int node, const struct dt_device_id *id)
{
	return record("broken", blob, node, id->compatible, -EIO);
}

static int intc_probe(const void *blob, int node, const struct dt_device_id *id)
{
	return record("intc", blob, node, id->compatible, 0);
}

/* A device-tree half without a hardware half: host builds record it as the checker does. */
static int dtonly_describe(const void *blob, int node, const struct dt_device_id *id,
			   const void *hw, char *buf, size_t len)
{
	snprintf(buf, len, "dt-only (%s), hw %s", id->compatible, hw ? "read" : "?");
	return 0;
}

static int none_describe(const void *blob, int node, const struct dt_device_id *id, const void *hw,
			 char *buf, size_t len)
{
	return -ENODEV;
}

static const struct dt_device_id uart_a_ids[] = {
    {"test,uart-a", NULL}, {"test,uart-decline", NULL}, {NULL, NULL}};
static const struct dt_device_id uart_b_ids[] = {
    {"test,uart-b", NULL}, {"test,uart-decline", NULL}, {NULL, NULL}};
static const struct dt_device_id broken_ids[] = {{"test,uart-broken", NULL}, {NULL, NULL}};
/* Same compatible as uart-a, other class: must never run in the serial pass. */
static const struct dt_device_id intc_ids[] = {
    {"test,intc", NULL}, {"test,uart-a", NULL}, {NULL, NULL}};
static const struct dt_device_id dtonly_ids[] = {{"test,timer", NULL}, {NULL, NULL}};

DRIVER_DT_DECLARE(uart_a_dt, "uart-a", DEVICE_SERIAL, uart_a_ids, none_describe);
DRIVER_DT_DECLARE(uart_b_dt, "uart-b", DEVICE_SERIAL, uart_b_ids, none_describe);
DRIVER_DT_DECLARE(broken_dt, "broken", DEVICE_SERIAL, broken_ids, none_describe);
DRIVER_DT_DECLARE(intc_dt, "intc", DEVICE_IRQCHIP, intc_ids, none_describe);
DRIVER_DT_DECLARE(dtonly_dt, "dt-only", DEVICE_TIMER, dtonly_ids, dtonly_describe);
DRIVER_HW_DECLARE(uart_a, uart_a_dt, uart_a_probe);
DRIVER_HW_DECLARE(uart_b, uart_b_dt, uart_b_probe);
DRIVER_HW_DECLARE(broken, broken_dt, broken_probe);
DRIVER_HW_DECLARE(intc, intc_dt, intc_probe);

static int setup(void **state)
{
	(void)state;
	memset(calls, 0, sizeof(calls));
	ncalls = 0;
	unit_capture_start();
	return 0;
}

static int load(void **state)
{
	(void)state;
	fdt = unit_load_dtb("devices", 0);
	return 0;
}

static int unload(void **state)
{
	(void)state;
	free(fdt);
	return 0;
}

/* Paths of the successful probes in call order, joined by spaces. */
static const char *accepted_paths(void)
{
	static char buf[512];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < ncalls; i++)
		if (calls[i].ret == 0)
			len += snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " " : "",
					calls[i].path);
	return buf;
}

/* The calls made for @path, in order, as "driver=ret" joined by spaces. */
static const char *calls_for(const char *path)
{
	static char buf[256];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < ncalls; i++)
		if (!strcmp(calls[i].path, path))
			len += snprintf(buf + len, sizeof(buf) - len, "%s%s=%d", len ? " " : "",
					calls[i].driver, calls[i].ret);
	return buf;
}

static void test_serial_pass(void **state)
{
	(void)state;
	assert_int_equal(device_probe_class(fdt, DEVICE_SERIAL), 3);
	/* DTB order: uart@3000 comes first although its address is higher. */
	assert_string_equal(accepted_paths(), "/uart@3000 /uart@1000 /bus/uart@2000");
	/* Matched on its second compatible string, handed that string. */
	assert_string_equal(calls_for("/uart@3000"), "uart-b=0");
	assert_string_equal(calls[0].compat, "test,uart-b");
	assert_string_equal(calls_for("/uart@1000"), "uart-a=0");
	/* The disabled node and the unmatched one are never offered. */
	assert_string_equal(calls_for("/bus/uart@4000"), "");
	assert_string_equal(calls_for("/nothing@7000"), "");
	/* Class filter: the irqchip driver lists test,uart-a too. */
	assert_string_equal(calls_for("/intc@6000"), "");
}

static void test_decline_falls_through(void **state)
{
	const char *seq;

	(void)state;
	assert_int_equal(
	    device_probe_node(fdt, fdt_path_offset(fdt, "/bus/uart@2000"), DEVICE_SERIAL), 0);
	seq = calls_for("/bus/uart@2000");
	/* Table order is the linker's: either way the first declines. */
	if (strcmp(seq, "uart-a=-19 uart-b=0") && strcmp(seq, "uart-b=-19 uart-a=0"))
		fail_msg("unexpected probe sequence \"%s\"", seq);
}

static void test_failed_probe_logged_with_path(void **state)
{
	(void)state;
	assert_int_equal(device_probe_node(fdt, fdt_path_offset(fdt, "/uart@5000"), DEVICE_SERIAL),
			 -EIO);
	assert_true(unit_capture_has("device: /uart@5000: broken probe failed (-5)\n"));
	/* Counted as not probed by the class pass, which goes on. */
	unit_capture_clear();
	ncalls = 0;
	assert_int_equal(device_probe_class(fdt, DEVICE_SERIAL), 3);
	assert_true(unit_capture_has("/uart@5000"));
}

static void test_decline_is_silent(void **state)
{
	(void)state;
	assert_int_equal(device_probe_class(fdt, DEVICE_SERIAL), 3);
	assert_false(unit_capture_has("uart@2000"));
}

static void test_no_driver_or_disabled(void **state)
{
	(void)state;
	assert_int_equal(
	    device_probe_node(fdt, fdt_path_offset(fdt, "/nothing@7000"), DEVICE_SERIAL), -ENODEV);
	assert_int_equal(
	    device_probe_node(fdt, fdt_path_offset(fdt, "/bus/uart@4000"), DEVICE_SERIAL), -ENODEV);
	assert_int_equal(device_probe_node(fdt, fdt_path_offset(fdt, "/uart@1000"), DEVICE_TIMER),
			 -ENODEV);
	assert_int_equal(ncalls, 0);
}

static void test_irqchip_pass(void **state)
{
	(void)state;
	/* Both test,intc and (by class) the test,uart-a node. */
	assert_int_equal(device_probe_class(fdt, DEVICE_IRQCHIP), 2);
	assert_string_equal(accepted_paths(), "/uart@1000 /intc@6000");
	assert_string_equal(calls_for("/intc@6000"), "intc=0");
}

/* Host builds (the checker): the device-tree half's summary, hardware fields "?". */
static void test_dt_half_alone_is_recorded(void **state)
{
	const struct platform_device *dev;

	(void)state;
	memset(&platform, 0, sizeof(platform));
	assert_int_equal(device_probe_class(fdt, DEVICE_TIMER), 1);
	assert_int_equal(ncalls, 0);
	dev = platform_find_device(DEVICE_TIMER);
	assert_non_null(dev);
	assert_string_equal(dev->driver, "dt-only");
	assert_string_equal(dev->summary, "dt-only (test,timer), hw ?");
	assert_int_equal(dev->node, fdt_path_offset(fdt, "/timer@8000"));
}

static void test_class_names(void **state)
{
	(void)state;
	assert_string_equal(device_class_name(DEVICE_SERIAL), "serial");
	assert_string_equal(device_class_name(DEVICE_IRQCHIP), "irqchip");
	assert_string_equal(device_class_name(DEVICE_TIMER), "timer");
	assert_string_equal(device_class_name(DEVICE_CLASS_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_serial_pass, setup),
	    cmocka_unit_test_setup(test_decline_falls_through, setup),
	    cmocka_unit_test_setup(test_failed_probe_logged_with_path, setup),
	    cmocka_unit_test_setup(test_decline_is_silent, setup),
	    cmocka_unit_test_setup(test_no_driver_or_disabled, setup),
	    cmocka_unit_test_setup(test_irqchip_pass, setup),
	    cmocka_unit_test_setup(test_dt_half_alone_is_recorded, setup),
	    cmocka_unit_test_setup(test_class_names, setup),
	};

	return cmocka_run_group_tests_name("device", tests, load, unload);
}
