// SPDX-License-Identifier: GPL-2.0-only
/*
 * "hardening": the architecture's checks (hardening-<arch>.c).
 * "race": the reset race of issue 15 (vCPU 0 starts vCPU 1 and the VM is
 * reset at once), one round per incarnation. Shyper scrubs a VM's RAM on
 * reset, so nothing in the guest can count rounds (the test does); the
 * variant and the delay come from the counter, which differs every time.
 * The reset comes from vCPU 0 after a delay, or from a third vCPU spinning
 * in the guest, released just before or just after the start, so that
 * vCPU 1 is caught before, while and after it enters the guest.
 * The neighbour that proves nothing else was disturbed is the "victim"
 * mode of victim.c.
 */
#include "guest-arch.h"
#include "hardening.h"

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

/* The race's state between the vCPUs of one incarnation. */
struct race {
	uint64_t want; /* vCPU 0 asks the next secondary to be the resetter */
	uint64_t ready; /* the resetter waits for go */
	uint64_t go; /* the resetter resets now */
};

static volatile struct race *race_area;

static volatile struct race *race_of(const struct fdt_info *info)
{
	return (volatile struct race *)(uintptr_t)(info->ram_base + info->ram_size / 2);
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

/* vCPU 2 (with 3 vCPUs): waits for vCPU 0's go, then resets the VM. */
void hardening_secondary(void)
{
	volatile struct race *r = race_area;

	if (!r || !r->want)
		return;
	r->want = 0;
	r->ready = 1;
	while (!r->go)
		;
	hx_system_reset();
}

static void start_resetter(volatile struct race *r, const struct fdt_info *info)
{
	r->go = 0;
	r->ready = 0;
	r->want = 1;
	race_area = r;
	arch_cpu_on(info->cpu_hwid[2], 2);
	while (!r->ready)
		;
}

/*
 * One round: vCPU 0 starts vCPU 1, and the VM is reset (a) by vCPU 0 after
 * a delay, or, with a third vCPU already in the guest, (b) by it as vCPU 0
 * starts vCPU 1, or (c) just after.
 */
static void __attribute__((noreturn)) reset_race(const struct fdt_info *info)
{
	volatile struct race *r = race_of(info);
	uint64_t seed = arch_counter();
	unsigned int how = info->cpus > 2 ? (unsigned int)((seed >> 4) % 3) : 0;

	puts_uart(how == 0 ? "hardening: reset race round (vCPU 0 resets)\n"
			   : "hardening: reset race round (vCPU 2 resets)\n");
	if (how)
		start_resetter(r, info);
	if (how == 1)
		r->go = 1;
	arch_cpu_on(info->cpu_hwid[1], 1);
	if (how == 2)
		r->go = 1;
	if (how == 0) {
		delay(((seed >> 8) % 8) * 10000UL);
		hx_system_reset();
		puts_uart("hardening: SYSTEM_RESET returned\n");
	}
	for (;;)
		;
}

static void __attribute__((noreturn)) hardening(const struct fdt_info *info)
{
	hx_checks(info);
	puts_uart("hardening: checks done\n");
	alive(info, "hardening");
}

void hardening_main(const struct fdt_info *info)
{
	if (info->race)
		reset_race(info);
	hardening(info);
}
