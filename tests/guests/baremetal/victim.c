// SPDX-License-Identifier: GPL-2.0-only
/*
 * The victim (bootargs "victim"): a bare-metal VM next to the hostile one
 * that proves, from its own point of view, that it was not disturbed. At
 * start it fills 4 MiB of its RAM with a pattern and records a digest of
 * its interrupt controller's state (enables, pending bits, priorities,
 * configuration, targets); it sleeps between ticks until its timer
 * interrupt, which the hypervisor delivers; on every heartbeat tick it
 * checks memory and state, how late the tick came, and says so:
 *   "baremetal: tick 7 memory intact, irqchip unchanged, late 3 ms (max 9
 *   ms), timer interrupts 0x7"
 */
#include "guest-arch.h"
#include "hostile.h"
#include "victim.h"

#define MIB (1ULL << 20)
#define PATTERN_OFFSET (4 * MIB) /* above the image and its stacks */
#define PATTERN_SIZE (4 * MIB) /* below the DTB, at the top of RAM */

static volatile uint64_t *pattern;
static uint64_t words, digest0, last, max_late;

static uint64_t expected(uint64_t i)
{
	return (i + 1) * 0x9e3779b97f4a7c15ULL ^ 0x56494354494d2121ULL; /* "VICTIM!!" */
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

static uint64_t read_words(uint64_t h, uint64_t base, uint64_t from, uint64_t to)
{
	uint64_t off;

	for (off = from; off < to; off += 4)
		h = mix(h, mmio_read32(base + off));
	return h;
}

/* The state another VM must not be able to change: only our own accesses do. */
static uint64_t irqchip_digest(const struct fdt_info *info)
{
	uint64_t h = 0xcbf29ce484222325ULL, d = info->intc_reg[0];

	switch (info->intc_kind) {
	case INTC_GICV2:
		h = read_words(h, d, 0x100, 0x180); /* ISENABLER */
		h = read_words(h, d, 0x200, 0x280); /* ISPENDR */
		h = read_words(h, d, 0x400, 0xc00); /* IPRIORITYR, ITARGETSR */
		return read_words(h, d, 0xc00, 0xd00); /* ICFGR */
	case INTC_GICV3:
		h = read_words(h, d, 0x0, 0x8); /* CTLR, TYPER */
		h = read_words(h, d, 0x100, 0x180);
		h = read_words(h, d, 0x200, 0x280);
		h = read_words(h, d, 0x400, 0x800);
		h = read_words(h, d, 0xc00, 0xd00);
		h = read_words(h, d, 0x6100, 0x6200); /* IROUTER of SPIs 32-63 */
		/* Our redistributor: RD_base TYPER/WAKER, SGI_base enables to priorities. */
		h = read_words(h, info->intc_reg[2], 0x8, 0x18);
		return read_words(h, info->intc_reg[2] + 0x10000, 0x100, 0x420);
	case INTC_PLIC:
		h = read_words(h, d, 0x0, 0x1000); /* priorities */
		h = read_words(h, d, 0x1000, 0x1080); /* pending */
		h = read_words(h, d, 0x2000, 0x2080); /* context 0 enables */
		return read_words(h, d, 0x200000, 0x200004); /* context 0 threshold */
	default:
		return h;
	}
}

void victim_start(const struct fdt_info *info)
{
	uint64_t i;

	last = max_late = 0; /* .bss is not zeroed for us */
	hinfo = info;
	arch_victim_init();
	pattern = (volatile uint64_t *)(uintptr_t)(info->ram_base + PATTERN_OFFSET);
	words = PATTERN_SIZE / 8;
	for (i = 0; i < words; i++)
		pattern[i] = expected(i);
	digest0 = irqchip_digest(info);
	puts_uart("victim: pattern in ");
	put_hex(info->ram_base + PATTERN_OFFSET);
	puts_uart("-");
	put_hex(info->ram_base + PATTERN_OFFSET + PATTERN_SIZE);
	puts_uart(", irqchip digest ");
	put_hex(digest0);
	puts_uart("\n");
}

static void put_ms(uint64_t ticks, const struct fdt_info *info)
{
	put_dec(ticks * 1000 / arch_counter_freq(info));
	puts_uart(" ms");
}

void victim_wait(uint64_t deadline)
{
	arch_victim_wait(deadline);
}

void victim_tick(const struct fdt_info *info, uint64_t tick)
{
	uint64_t now = arch_counter(), period = arch_counter_freq(info), i, bad = 0, first = 0;
	uint64_t late = last && now - last > period ? now - last - period : 0;

	for (i = 0; i < words; i++)
		if (pattern[i] != expected(i) && !bad++)
			first = i;
	if (late > max_late && tick > 2)
		max_late = late;
	last = now;
	if (bad) {
		puts_uart(" memory CORRUPTED at ");
		put_hex((uint64_t)(uintptr_t)&pattern[first]);
	} else {
		puts_uart(" memory intact");
	}
	puts_uart(irqchip_digest(info) == digest0 ? ", irqchip unchanged, late "
						  : ", irqchip CHANGED, late ");
	put_ms(late, info);
	puts_uart(" (max ");
	put_ms(max_late, info);
	puts_uart("), timer interrupts ");
	put_hex(hirqs[0]);
}
