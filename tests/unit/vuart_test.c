// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vuart.c with the PL011 model: a VM's tagged lines as the physical
 * console receives them (controls neutralised unless the VM has the focus,
 * issue 15.2; long labels cut, lines never glued, issue 9.5), and the input
 * queue (a 4 KiB paste kept, drops beyond it counted and reported, 9.4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/console.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>
#include <unit.h>

static u32 focus_id;
static struct vm_config cfg = {.id = 1, .label = "linux1"};
static struct vm vm = {.cfg = &cfg};
static void *board;

/* Stand-ins for the console multiplexer and the VM and arch code. */
u32 console_mux_focus(void)
{
	return focus_id;
}

u32 console_irq(void)
{
	return 33;
}

int vm_register_mmio(struct vm *v, u64 base, u64 size,
		     int (*handle)(struct vcpu *, struct mmio_access *, u64, void *), void *priv)
{
	return 0;
}

void vuart_arch_set_irq(struct vm *v, u32 irq, bool level)
{
}

static int setup(void **state)
{
	(void)state;
	unit_capture_start();
	board = unit_load_dtb("qemu-virt-arm64", 0);
	memset(&platform, 0, sizeof(platform));
	platform.fdt = board;
	platform_add_device(DEVICE_SERIAL, dt_stdout_node(board), "pl011", "test console");
	assert_int_equal(vuart_init(&vm), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(board);
	return 0;
}

static void put(const char *s)
{
	for (; *s; s++)
		vuart_putc(vm.vuart, *s);
}

static void test_lines_tagged_and_neutralised(void **state)
{
	(void)state;
	unit_capture_clear();
	focus_id = 0;
	put("\x1b[2K\x1b[1G[victim] FORGED\r\nnext\n");
	assert_string_equal(unit_capture_text(),
			    "[linux1] \\x1b[2K\\x1b[1G[victim] FORGED\n[linux1] next\n");
	/* The focus VM's bytes pass unchanged. */
	unit_capture_clear();
	focus_id = 1;
	put("\x1b[1mbold\x1b[0m\n");
	assert_string_equal(unit_capture_text(), "[linux1] \x1b[1mbold\x1b[0m\n");
	focus_id = 0;
}

static void test_long_label_line_complete(void **state)
{
	static char label[301];

	(void)state;
	memset(label, 'L', 300);
	cfg.label = label;
	unit_capture_clear();
	put("text\n");
	cfg.label = "linux1";
	assert_int_equal(strlen(unit_capture_text()), 1 + CONSOLE_LABEL_MAX + 2 + 4 + 1);
	assert_string_equal(unit_capture_text() + 1 + CONSOLE_LABEL_MAX, "] text\n");
}

static void test_paste_kept_drops_reported(void **state)
{
	int i;

	(void)state;
	unit_capture_clear();
	for (i = 0; i < 4096; i++)
		vuart_deliver(vm.vuart, (char)('a' + i % 26));
	assert_int_equal(vuart_rx_count(vm.vuart), 4096);
	assert_false(unit_capture_has("dropping"));
	for (i = 0; i < 10; i++)
		vuart_deliver(vm.vuart, 'x');
	assert_true(
	    unit_capture_has("vuart: vm1: input queue full (4096 characters): dropping input\n"));
	/* Order kept: the first character pasted comes out first. */
	assert_int_equal(vuart_rx_pop(vm.vuart), 'a');
	vuart_deliver(vm.vuart, 'y');
	assert_true(unit_capture_has("vuart: vm1: 10 input character(s) dropped\n"));
	assert_int_equal(vuart_rx_count(vm.vuart), 4096);
}

/* The management VM's console read (CTL_CMD_CONSOLE_READ): output by number, the last 16 KiB. */
static void test_history_numbered_and_bounded(void **state)
{
	u8 buf[256];
	u32 start, next, oldest;
	unsigned int n, i;

	(void)state;
	next = 0;
	while (vuart_history_read(vm.vuart, next, buf, sizeof(buf), &next, &oldest))
		;
	start = next;
	put("hello\n");
	n = vuart_history_read(vm.vuart, start, buf, 3, &next, &oldest);
	assert_int_equal(n, 3);
	assert_memory_equal(buf, "hel", 3);
	assert_int_equal(next, start + 3);
	n = vuart_history_read(vm.vuart, next, buf, sizeof(buf), &next, &oldest);
	assert_int_equal(n, 3);
	assert_memory_equal(buf, "lo\n", 3);
	assert_int_equal(vuart_history_read(vm.vuart, next, buf, sizeof(buf), &next, &oldest), 0);
	/* More than the ring holds: a read from the start begins at the oldest byte kept. */
	for (i = 0; i < VUART_HISTORY + 1000; i++)
		vuart_putc(vm.vuart, (char)('0' + i % 10));
	n = vuart_history_read(vm.vuart, start, buf, 10, &next, &oldest);
	assert_int_equal(oldest, start + 6 + 1000);
	assert_int_equal(next, oldest + 10);
	assert_memory_equal(buf, "0123456789", 10);
}

/* Typed by the management VM (CTL_CMD_CONSOLE_WRITE): queued while there is room. */
static void test_input_stops_when_full(void **state)
{
	(void)state;
	assert_int_equal(vuart_rx_count(vm.vuart), 4096); /* full from the paste above */
	assert_int_equal(vuart_input(vm.vuart, "ls\r", 3), 0);
	vuart_rx_pop(vm.vuart);
	vuart_rx_pop(vm.vuart);
	assert_int_equal(vuart_input(vm.vuart, "ls\r", 3), 2);
	while (vuart_rx_count(vm.vuart))
		vuart_rx_pop(vm.vuart);
	assert_int_equal(vuart_input(vm.vuart, "ls\r", 3), 3);
	assert_int_equal(vuart_rx_pop(vm.vuart), 'l');
}

static u32 read_dr(void)
{
	struct mmio_access acc = {.width = 4, .write = false};

	assert_int_equal(vuart_pl011_access(NULL, &acc, 0, vm.vuart), 0);
	return (u32)acc.value;
}

/*
 * The power button (CTL_CMD_SHUTDOWN): a BREAK entry then the key, as
 * Linux's PL011 driver reads them (DR with BE set and data 0, then 'o');
 * SBI's console read skips the break; no room for both, nothing queued.
 */
static void test_power_button(void **state)
{
	(void)state;
	while (vuart_rx_count(vm.vuart))
		vuart_rx_pop(vm.vuart);
	assert_int_equal(vuart_send_sysrq(vm.vuart, 'o'), 0);
	assert_int_equal(vuart_rx_count(vm.vuart), 2);
	assert_true(vuart_rx_break_next(vm.vuart));
	assert_int_equal(read_dr(), 1U << 10);
	assert_int_equal(read_dr(), 'o');
	assert_int_equal(vuart_send_sysrq(vm.vuart, 'o'), 0);
	assert_int_equal(vuart_rx_pop(vm.vuart), 'o');
	while (vuart_rx_count(vm.vuart) < VUART_RX - 1)
		vuart_deliver(vm.vuart, 'x');
	assert_int_equal(vuart_send_sysrq(vm.vuart, 'o'), -EAGAIN);
	assert_int_equal(vuart_rx_count(vm.vuart), VUART_RX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_tagged_and_neutralised),
	    cmocka_unit_test(test_long_label_line_complete),
	    cmocka_unit_test(test_paste_kept_drops_reported),
	    cmocka_unit_test(test_history_numbered_and_bounded),
	    cmocka_unit_test(test_input_stops_when_full),
	    cmocka_unit_test(test_power_button),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
