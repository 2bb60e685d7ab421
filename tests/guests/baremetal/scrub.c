// SPDX-License-Identifier: GPL-2.0-only
/*
 * "scrub": does anything of the previous incarnation survive a reset?
 * Every boot counts the words of its RAM that are not zero, apart from
 * what the hypervisor loaded (this image with its bss and stacks, the
 * DTB), prints the count, fills that RAM with a marker and resets the
 * VM. A hypervisor that scrubs shows 0 on every boot; one that does not
 * shows the markers from the second boot on.
 */
#include <stdint.h>

#include "guest-arch.h"

#define MARKER 0x5343525542424544ULL /* "SCRUBBED" backwards, never zero */

extern char _start[], _guest_end[];

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static int outside_loaded(uint64_t a, uint64_t dtb, uint64_t dtb_end)
{
	return (a < (uintptr_t)_start || a >= (uintptr_t)_guest_end) && (a < dtb || a >= dtb_end);
}

void scrub_check(const void *dtb, const struct fdt_info *info)
{
	uint64_t dtb_start = (uintptr_t)dtb, dtb_end = dtb_start + be32((const uint8_t *)dtb + 4);
	uint64_t a, end = info->ram_base + info->ram_size, dirty = 0, words = 0;

	for (a = info->ram_base; a < end; a += 8) {
		if (!outside_loaded(a, dtb_start, dtb_end))
			continue;
		words++;
		dirty += *(volatile uint64_t *)(uintptr_t)a != 0;
	}
	puts_uart("SCRUB: ");
	put_dec(dirty);
	puts_uart(" nonzero of ");
	put_dec(words);
	puts_uart(" words\n");
	for (a = info->ram_base; a < end; a += 8)
		if (outside_loaded(a, dtb_start, dtb_end))
			*(volatile uint64_t *)(uintptr_t)a = MARKER;
	arch_wait_until(arch_counter() + 2 * arch_counter_freq(info));
	puts_uart("SCRUB: marked, resetting\n");
	arch_system_reset();
	puts_uart("SCRUB: reset returned\n");
	for (;;)
		arch_wait_until(arch_counter() + arch_counter_freq(info));
}
