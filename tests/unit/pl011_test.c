// SPDX-License-Identifier: GPL-2.0-only
/*
 * drivers/serial/pl011.c against a model of the PL011's receive side as
 * QEMU 7.2 implements it (hw/char/pl011.c, facts only): the receive
 * interrupt rises when the FIFO fills to the trigger level of one
 * character, falls when a read empties it, and a write to UARTICR clears
 * it. Input must never be stranded: whenever the console's drain loop
 * stops, either the FIFO is empty or the interrupt is still raised, even
 * if a character arrives between any two of the driver's accesses (a
 * pasted script stalled the console that way, issue 9.4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <libfdt.h>
#include <shyper/console.h>
#include <shyper/device.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include <unit.h>

#define BASE 0x9000000
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTIMSC 0x38
#define UARTMIS 0x40
#define UARTICR 0x44
#define FR_RXFE (1U << 4)
#define INT_RX (1U << 4)

static struct {
	char fifo[64];
	unsigned int head, count;
	u32 int_level, imsc;
	unsigned int accesses, arrive_after; /* a character arrives after that access */
	char next;
} uart;

static void arrive(char c)
{
	uart.fifo[(uart.head + uart.count++) % sizeof(uart.fifo)] = c;
	if (uart.count == 1)
		uart.int_level |= INT_RX;
}

static void tick(void)
{
	if (++uart.accesses == uart.arrive_after)
		arrive(uart.next);
}

static u64 model_read(paddr_t addr, unsigned int size)
{
	u32 val = 0;

	assert_int_equal(size, 4);
	switch (addr - BASE) {
	case UARTFR:
		val = uart.count ? 0 : FR_RXFE;
		break;
	case UARTDR:
		if (uart.count) {
			val = (u8)uart.fifo[uart.head];
			uart.head = (uart.head + 1) % sizeof(uart.fifo);
			if (!--uart.count)
				uart.int_level &= ~INT_RX;
		}
		break;
	case UARTMIS:
		val = uart.int_level & uart.imsc;
		break;
	default:
		fail_msg("unexpected read at offset %#llx", (unsigned long long)(addr - BASE));
	}
	tick();
	return val;
}

static void model_write(paddr_t addr, u64 val, unsigned int size)
{
	assert_int_equal(size, 4);
	if (addr - BASE == UARTICR)
		uart.int_level &= ~(u32)val;
	else if (addr - BASE == UARTIMSC)
		uart.imsc = (u32)val;
	tick();
}

static const struct unit_mmio_model pl011_model = {model_read, model_write};

int mm_map_device(paddr_t base, u64 size)
{
	return 0;
}

static const struct console *probe(void)
{
	void *fdt = unit_load_dtb("qemu-virt-arm64", 0);
	int node = fdt_path_offset(fdt, "/pl011@9000000");

	assert_int_equal(device_probe_node(fdt, node, DEVICE_SERIAL), 0);
	free(fdt);
	assert_non_null(console_get());
	return console_get();
}

/* What the console interrupt handler does: read until the driver says empty. */
static unsigned int drain(const struct console *con, char *out)
{
	unsigned int n = 0;
	int c;

	while ((c = con->getc(con->ctx)) >= 0)
		out[n++] = (char)c;
	return n;
}

static void test_probe_unmasks_receive(void **state)
{
	unit_mmio_attach(&pl011_model);
	uart = (typeof(uart)){0};
	probe();
	assert_true(uart.imsc & INT_RX);
}

static void test_no_character_stranded(void **state)
{
	const struct console *con;
	char got[8];
	unsigned int k, n;

	unit_mmio_attach(&pl011_model);
	for (k = 1; k <= 8; k++) {
		uart = (typeof(uart)){0};
		con = probe();
		uart.accesses = 0;
		uart.arrive_after = k;
		uart.next = 'b';
		arrive('a');
		n = drain(con, got);
		if (uart.count && !(uart.int_level & uart.imsc))
			fail_msg(
			    "a character arriving after access %u is stranded: %u in the FIFO, "
			    "no interrupt",
			    k, uart.count);
		/* Whatever was read came in order; the rest waits for the next interrupt. */
		assert_true(n >= 1 && got[0] == 'a');
		if (n == 2)
			assert_int_equal(got[1], 'b');
	}
	unit_mmio_attach(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_probe_unmasks_receive),
	    cmocka_unit_test(test_no_character_stranded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
