// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bare-metal test guest. It reports what it sees from its own point of
 * view: the UART and RAM its DTB describes, its CPU count, a heartbeat
 * from the virtual counter, and, when its bootargs contain "attack", what
 * happens when it stores outside its RAM (it expects a data abort).
 * It also powers on its other vCPUs through PSCI when bootargs say "smp".
 */
#include <stdarg.h>
#include <stdint.h>

#include "fdt_mini.h"

static uint64_t uart;

static void putc_uart(char c)
{
	volatile uint32_t *base = (volatile uint32_t *)uart;

	while (base[0x18 / 4] & (1U << 5))
		;
	base[0] = (uint32_t)c;
}

static void puts_uart(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_uart('\r');
		putc_uart(*s);
	}
}

static void put_hex(uint64_t v)
{
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = '\0';
	puts_uart(buf);
}

static void put_dec(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	puts_uart(&buf[i]);
}

static uint64_t counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static uint64_t counter_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static int64_t psci(uint64_t fn, uint64_t a, uint64_t b, uint64_t c)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a;
	register uint64_t x2 __asm__("x2") = b;
	register uint64_t x3 __asm__("x3") = c;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (int64_t)x0;
}

static volatile int secondaries_up;

void guest_abort(uint64_t esr, uint64_t far);
void guest_unexpected(void);
void guest_secondary(void);
void guest_main(const void *dtb);
extern char _start[];

void guest_abort(uint64_t esr, uint64_t far)
{
	puts_uart("baremetal: data abort caught in the guest, ESR ");
	put_hex(esr);
	puts_uart(" FAR ");
	put_hex(far);
	puts_uart("\n");
}

void guest_unexpected(void)
{
	puts_uart("baremetal: unexpected exception\n");
}

void guest_secondary(void)
{
	__atomic_add_fetch(&secondaries_up, 1, __ATOMIC_SEQ_CST);
}

static void start_secondaries(unsigned int cpus)
{
	unsigned int i;

	for (i = 1; i < cpus; i++)
		psci(0xc4000003, i, (uint64_t)(uintptr_t)_start, 0);
	for (i = 0; i < 100000000 && secondaries_up != (int)cpus - 1; i++)
		;
	puts_uart("baremetal: secondary vCPUs up: ");
	put_dec((uint64_t)secondaries_up);
	puts_uart("\n");
}

static void heartbeat(uint64_t ram_end, int attack)
{
	uint64_t period = counter_freq(), next = counter() + period, tick;

	for (tick = 1;; tick++) {
		while (counter() < next)
			;
		next += period;
		puts_uart("baremetal: tick ");
		put_dec(tick);
		puts_uart("\n");
		if (attack && tick == 2) {
			puts_uart("baremetal: writing outside my RAM at ");
			put_hex(ram_end + 0x1000);
			puts_uart("\n");
			*(volatile uint64_t *)(uintptr_t)(ram_end + 0x1000) = 0xbad;
			puts_uart("baremetal: still running after the abort\n");
		}
	}
}

void guest_main(const void *dtb)
{
	struct fdt_info info;
	uint64_t psci_version;

	fdt_mini_scan(dtb, &info);
	uart = info.uart;
	puts_uart("baremetal: hello, RAM ");
	put_hex(info.ram_base);
	puts_uart(" size ");
	put_hex(info.ram_size);
	puts_uart(", cpus ");
	put_dec(info.cpus);
	puts_uart("\n");
	psci_version = (uint64_t)psci(0x84000000, 0, 0, 0);
	puts_uart("baremetal: PSCI version ");
	put_hex(psci_version);
	puts_uart("\n");
	if (info.smp && info.cpus > 1)
		start_secondaries(info.cpus);
	puts_uart("BAREMETAL READY\n");
	heartbeat(info.ram_base + info.ram_size, info.attack);
}
