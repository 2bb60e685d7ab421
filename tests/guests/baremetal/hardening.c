// SPDX-License-Identifier: GPL-2.0-only
/*
 * "hardening": the architecture's checks once (hardening-<arch>.c), then
 * the reset race of issue 15 (vCPU 0 starts vCPU 1 and resets the VM at
 * once), 50 rounds. The round number survives each reset in a word of RAM
 * that no image covers, since a reset reloads only the images. The delay
 * between the start and the reset grows with the round, so that vCPU 1 is
 * caught both before and after it enters the guest.
 * "victim": a neighbour that checks its own memory and ticks every second.
 */
#include "guest-arch.h"
#include "hardening.h"

#define RACE_ROUNDS 50
#define RACE_MAGIC 0x4841524431350000ULL /* "HARD15" and the round below */
#define VICTIM_WORDS 8192

void hx_report(const char *check, const char *what, uint64_t value)
{
	puts_uart("hardening: ");
	puts_uart(check);
	puts_uart(": ");
	puts_uart(what);
	puts_uart(" ");
	put_hex(value);
	puts_uart("\n");
}

static volatile uint64_t *race_word(const struct fdt_info *info)
{
	return (volatile uint64_t *)(uintptr_t)(info->ram_base + info->ram_size / 2);
}

static void delay(unsigned long loops)
{
	volatile unsigned long i;

	for (i = 0; i < loops; i++)
		;
}

static void __attribute__((noreturn)) alive(const struct fdt_info *info, const char *who)
{
	uint64_t period = arch_counter_freq(info), next = arch_counter() + period, tick;

	for (tick = 1;; tick++) {
		arch_wait_until(next);
		next += period;
		puts_uart(who);
		puts_uart(": alive ");
		put_dec(tick);
		puts_uart("\n");
	}
}

static void __attribute__((noreturn)) reset_race(const struct fdt_info *info, unsigned int round)
{
	*race_word(info) = RACE_MAGIC | (round + 1);
	puts_uart("hardening: reset race round ");
	put_dec(round + 1);
	puts_uart("\n");
	arch_cpu_on(1);
	delay((round % 10) * 20000UL);
	hx_system_reset();
	puts_uart("hardening: SYSTEM_RESET returned\n");
	for (;;)
		;
}

static void __attribute__((noreturn)) hardening(const struct fdt_info *info)
{
	uint64_t word = *race_word(info);
	unsigned int round = (word & ~0xffULL) == RACE_MAGIC ? (unsigned int)(word & 0xff) : 0;

	if (round == 0) {
		hx_checks(info);
		puts_uart("hardening: checks done\n");
	}
	if (info->cpus > 1 && round < RACE_ROUNDS)
		reset_race(info, round);
	hx_report("reset race", "rounds survived", round);
	*race_word(info) = 0;
	alive(info, "hardening");
}

/* A pattern in the victim's own RAM, checked every second. */
static void __attribute__((noreturn)) victim(const struct fdt_info *info)
{
	volatile uint64_t *mem = race_word(info);
	uint64_t period = arch_counter_freq(info), next = arch_counter() + period, tick;
	unsigned int i, bad;

	for (i = 0; i < VICTIM_WORDS; i++)
		mem[i] = RACE_MAGIC ^ ((uint64_t)i * 0x9e3779b97f4a7c15ULL);
	for (tick = 1;; tick++) {
		arch_wait_until(next);
		next += period;
		for (i = 0, bad = 0; i < VICTIM_WORDS; i++)
			bad += mem[i] != (RACE_MAGIC ^ ((uint64_t)i * 0x9e3779b97f4a7c15ULL));
		puts_uart("victim: tick ");
		put_dec(tick);
		puts_uart(bad ? " memory CHANGED\n" : " memory intact\n");
	}
}

void hardening_main(const struct fdt_info *info)
{
	if (info->hardening)
		hardening(info);
	victim(info);
}
