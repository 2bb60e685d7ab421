// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bare-metal test guest, for arm64 and riscv64. It reports what it sees
 * from its own point of view: the UART and RAM its DTB describes, its CPU
 * count, a heartbeat from the counter, and, when its bootargs contain
 * "attack", what happens when it stores outside its RAM (it expects a
 * data abort / access fault). It also powers on its other vCPUs through
 * the firmware (PSCI, SBI HSM) when bootargs say "smp".
 */
#include <stdarg.h>
#include <stdint.h>

#include "fdt_mini.h"
#include "badrings.h"
#include "bench.h"
#include "guest-arch.h"
#include "hostile.h"
#include "shmem.h"
#include "victim.h"

static struct fdt_info info;

void *memset(void *s, int c, unsigned long n);

/* GCC may call memset for a large struct initialiser, even freestanding. */
void *memset(void *s, int c, unsigned long n)
{
	volatile unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/* PL011: wait while TXFF; 16550: wait for LSR.THRE. */
static void putc_uart(char c)
{
	if (info.uart_kind == UART_PL011) {
		volatile uint32_t *base = (volatile uint32_t *)(uintptr_t)info.uart;

		while (base[0x18 / 4] & (1U << 5))
			;
		base[0] = (uint32_t)c;
	} else {
		volatile uint8_t *base = (volatile uint8_t *)(uintptr_t)info.uart;

		while (!(base[5 << info.reg_shift] & (1U << 5)))
			;
		base[0] = (uint8_t)c;
	}
}

void puts_uart(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_uart('\r');
		putc_uart(*s);
	}
}

void put_hex(uint64_t v)
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

void put_dec(uint64_t v)
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

static volatile int secondaries_up;
/* What each secondary read of itself (MPIDR_EL1 affinity / hart id), +1: 0 = not up. */
static volatile uint64_t secondary_seen[FDT_MINI_MAX_CPUS];

void guest_unexpected(void);
void guest_secondary(uint64_t index, uint64_t hwid);
void guest_main(const void *dtb);

void guest_unexpected(void)
{
	puts_uart("baremetal: unexpected exception\n");
}

void guest_secondary(uint64_t index, uint64_t hwid)
{
	if (index < FDT_MINI_MAX_CPUS)
		secondary_seen[index] = (hwid & 0xff00ffffffULL) + 1; /* MPIDR Aff3..Aff0 */
	__atomic_add_fetch(&secondaries_up, 1, __ATOMIC_SEQ_CST);
	if (info.race)
		hardening_secondary();
}

/*
 * Start every CPU of the DT by its reg (PSCI CPU_ON / SBI HART_START),
 * then report each one that came up with the id it read of itself.
 */
static void start_secondaries(unsigned int cpus)
{
	uint64_t deadline = arch_counter() + 30 * arch_counter_freq(&info);
	unsigned int i;

	if (cpus > FDT_MINI_MAX_CPUS)
		cpus = FDT_MINI_MAX_CPUS;
	for (i = 1; i < cpus; i++)
		arch_cpu_on(info.cpu_hwid[i], i);
	while (secondaries_up != (int)cpus - 1 && arch_counter() < deadline)
		;
	for (i = 1; i < cpus; i++) {
		if (!secondary_seen[i])
			continue;
		puts_uart("baremetal: cpu ");
		put_dec(i);
		puts_uart(" up, dt reg ");
		put_hex(info.cpu_hwid[i]);
		puts_uart(", it reads ");
		put_hex(secondary_seen[i] - 1);
		puts_uart("\n");
	}
	puts_uart("baremetal: secondary vCPUs up: ");
	put_dec((uint64_t)secondaries_up);
	puts_uart("\n");
}

/* One trapped MMIO read: the UART's status register. */
void uart_status(void)
{
	if (info.uart_kind == UART_PL011)
		(void)((volatile uint32_t *)(uintptr_t)info.uart)[0x18 / 4];
	else
		(void)((volatile uint8_t *)(uintptr_t)info.uart)[5 << info.reg_shift];
}

static void heartbeat(uint64_t ram_end, int attack)
{
	uint64_t period = arch_counter_freq(&info), next = arch_counter() + period, tick;

	for (tick = 1;; tick++) {
		if (info.victim)
			victim_wait(next);
		else
			arch_wait_until(next);
		next += period;
		puts_uart("baremetal: tick ");
		put_dec(tick);
		if (info.victim)
			victim_tick(&info, tick);
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
	fdt_mini_scan(dtb, &info);
	puts_uart("baremetal: hello, RAM ");
	put_hex(info.ram_base);
	puts_uart(" size ");
	put_hex(info.ram_size);
	puts_uart(", cpus ");
	put_dec(info.cpus);
	puts_uart("\n");
	arch_report_firmware();
	if (info.crash) {
		puts_uart("baremetal: crashing on purpose\n");
		arch_crash();
	}
	if (info.hostile)
		hostile_main(&info);
	if (info.smp && info.cpus > 1)
		start_secondaries(info.cpus);
	if (info.bench)
		bench_main(&info);
	if (info.scrub)
		scrub_check(dtb, &info);
	if (info.hardening || info.race)
		hardening_main(&info); /* tests/guests/baremetal/hardening.c */
	if (info.victim)
		victim_start(&info);
	if (info.shmem_echo)
		shmem_echo_main(&info); /* tests/guests/baremetal/shmem.c */
	else if (info.shmem_outsider)
		shmem_outsider_main(&info);
	else if (info.shmem)
		shmem_main(&info);
	if (info.badrings)
		badrings_main(&info); /* tests/guests/baremetal/badrings.c */
	puts_uart("BAREMETAL READY\n");
	heartbeat(info.ram_base + info.ram_size, info.attack);
}
