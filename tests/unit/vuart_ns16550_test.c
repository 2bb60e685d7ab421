// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vuart_ns16550.c: which accesses the 16550 model takes (bytes, or
 * the host console's reg-io-width when a register slot holds it, on a
 * register boundary) and that everything else is refused (issue 15,
 * finding 4). The UART plumbing it calls is replaced by a few fakes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

static unsigned int sent;

void vuart_putc(struct vuart *vu, char c)
{
	(void)vu;
	(void)c;
	sent++;
}

/* The input queue: a few entries, characters or VUART_RX_BREAK. */
static int queue[8];
static unsigned int queued, head;

int vuart_rx_pop_entry(struct vuart *vu)
{
	(void)vu;
	if (head == queued)
		return -1;
	return queue[head++];
}

int vuart_rx_pop(struct vuart *vu)
{
	int c;

	while ((c = vuart_rx_pop_entry(vu)) == VUART_RX_BREAK)
		;
	return c;
}

bool vuart_rx_break_next(const struct vuart *vu)
{
	(void)vu;
	return head < queued && queue[head] == VUART_RX_BREAK;
}

unsigned int vuart_rx_count(const struct vuart *vu)
{
	(void)vu;
	return queued - head;
}

void vuart_update_irq(struct vuart *vu, bool level)
{
	vu->level = level;
}

static int try_access(struct vuart *vu, u64 offset, unsigned int width, bool write)
{
	struct mmio_access acc = {.addr = offset, .width = width, .write = write, .value = 'x'};

	return vuart_ns16550_access(NULL, &acc, offset, vu);
}

static u32 read_reg(struct vuart *vu, u64 offset)
{
	struct mmio_access acc = {.addr = offset, .width = 1, .write = false};

	assert_int_equal(vuart_ns16550_access(NULL, &acc, offset, vu), 0);
	return (u32)acc.value;
}

/* The power button (vuart_send_sysrq()): what Linux's 8250 driver reads, LSR then RBR. */
static void test_break_then_key(void **state)
{
	struct vuart vu;

	(void)state;
	memset(&vu, 0, sizeof(vu));
	vuart_ns16550_init(&vu, 0, 1);
	queue[0] = VUART_RX_BREAK;
	queue[1] = 'o';
	queued = 2;
	head = 0;
	assert_int_equal(read_reg(&vu, 5) & 0x11, 0x11); /* LSR: DR and BI */
	assert_int_equal(read_reg(&vu, 0), 0); /* the break reads as 0 */
	assert_int_equal(read_reg(&vu, 5) & 0x11, 0x01); /* 'o' is an ordinary character */
	assert_int_equal(read_reg(&vu, 0), 'o');
	assert_int_equal(read_reg(&vu, 5) & 0x11, 0);
	queued = head = 0;
}

/* QEMU virt and most boards: reg-shift 0, no reg-io-width (bytes). */
static void test_byte_registers(void **state)
{
	struct vuart vu;

	(void)state;
	memset(&vu, 0, sizeof(vu));
	vuart_ns16550_init(&vu, 0, 1);
	sent = 0;
	assert_int_equal(try_access(&vu, 0, 1, true), 0);
	assert_int_equal(sent, 1);
	assert_int_equal(try_access(&vu, 5, 1, false), 0);
	assert_int_equal(try_access(&vu, 0, 4, true), -EINVAL); /* would span THR..MCR */
	assert_int_equal(try_access(&vu, 0, 2, false), -EINVAL);
	assert_int_equal(try_access(&vu, 0, 8, false), -EINVAL);
	assert_int_equal(try_access(&vu, 4, 4, true), -EINVAL);
	assert_int_equal(sent, 1); /* nothing refused reached the line */
}

/* DesignWare-style: reg-shift 2, reg-io-width 4: words and bytes, at a register. */
static void test_word_registers(void **state)
{
	struct vuart vu;

	(void)state;
	memset(&vu, 0, sizeof(vu));
	vuart_ns16550_init(&vu, 2, 4);
	assert_int_equal(try_access(&vu, 0x14, 4, false), 0);
	assert_int_equal(try_access(&vu, 0x14, 1, false), 0);
	assert_int_equal(try_access(&vu, 0x15, 1, false), -EINVAL); /* inside a slot */
	assert_int_equal(try_access(&vu, 0x16, 2, false), -EINVAL);
	assert_int_equal(try_access(&vu, 0x14, 2, false), -EINVAL); /* not the io width */
	assert_int_equal(try_access(&vu, 0x10, 8, false), -EINVAL);
}

/* reg-shift 2 with byte-wide registers: a word access is not what the binding says. */
static void test_spaced_byte_registers(void **state)
{
	struct vuart vu;

	(void)state;
	memset(&vu, 0, sizeof(vu));
	vuart_ns16550_init(&vu, 2, 1);
	assert_int_equal(try_access(&vu, 0x14, 1, false), 0);
	assert_int_equal(try_access(&vu, 0x14, 4, false), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_byte_registers),
	    cmocka_unit_test(test_break_then_key),
	    cmocka_unit_test(test_word_registers),
	    cmocka_unit_test(test_spaced_byte_registers),
	};

	return cmocka_run_group_tests_name("vuart_ns16550", tests, NULL, NULL);
}
