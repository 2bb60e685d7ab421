// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hostile guest's framework and the attacks both architectures share:
 * memory outside the VM (below and above its RAM, other VMs' host
 * addresses, beyond the IPA and PA sizes, the host's devices), jumps out
 * of the VM, every offset and width of the virtual UART, console floods.
 *
 * Every attack ends with one line, "HOSTILE <name> held: <observed>" when
 * the hypervisor kept the guest in its box, "HOSTILE <name> ESCAPED: ..."
 * otherwise; a last line counts them. "Held" is judged here, from what
 * the guest itself saw (a fault it caught, a value it read back, an error
 * code); the victim VM's own output shows that nobody else noticed.
 */
#include <stdarg.h>

#include "guest-arch.h"
#include "hostile.h"

#define MIB (1ULL << 20)
#define PROBE_STEP MIB
#define HOST_SCAN (2048 * MIB) /* host RAM above and below ours that is scanned */
#define FLOOD_LINES 2000

volatile struct hfault hfault;
volatile uint64_t hresume;
volatile uint64_t hirqs[2];
volatile uint64_t hirq_last[2];
void (*volatile hirq_hook)(uint64_t intid);
volatile uint64_t hunexpected;
const struct fdt_info *hinfo;

static unsigned int attacks, held_count;
static uint64_t rand_state = 0x5348595045520001ULL; /* "SHYPER" */

uint64_t hrand(void)
{
	/* xorshift64 */
	rand_state ^= rand_state << 13;
	rand_state ^= rand_state >> 7;
	rand_state ^= rand_state << 17;
	return rand_state;
}

static void put_char(char c)
{
	char s[2] = {c, 0};

	puts_uart(s);
}

static void vhprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put_char(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 's':
			puts_uart(va_arg(ap, const char *));
			break;
		case 'x':
			put_hex(va_arg(ap, uint64_t));
			break;
		case 'u':
			put_dec(va_arg(ap, uint64_t));
			break;
		case 'i': {
			int64_t v = va_arg(ap, int64_t);

			if (v < 0)
				put_char('-');
			put_dec(v < 0 ? -(uint64_t)v : (uint64_t)v);
			break;
		}
		default:
			put_char(*fmt);
		}
	}
}

void hprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vhprintf(fmt, ap);
	va_end(ap);
}

void report(const char *name, int held, const char *fmt, ...)
{
	va_list ap;

	attacks++;
	held_count += !!held;
	hprintf("HOSTILE %s %s: ", name, held ? "held" : "ESCAPED");
	va_start(ap, fmt);
	vhprintf(fmt, ap);
	va_end(ap);
	puts_uart("\n");
}

void model(const char *name, int exact, const char *fmt, ...)
{
	va_list ap;

	hprintf("HOSTILE-MODEL %s %s: ", name, exact ? "exact" : "INEXACT");
	va_start(ap, fmt);
	vhprintf(fmt, ap);
	va_end(ap);
	puts_uart("\n");
}

int probe_load(uint64_t addr)
{
	uint64_t before = hfault.count;

	(void)mmio_read(addr, 8);
	return hfault.count != before;
}

int probe_store(uint64_t addr, uint64_t val)
{
	uint64_t before = hfault.count;

	mmio_write(addr, 8, val);
	return hfault.count != before;
}

static int within(uint64_t addr, uint64_t base, uint64_t size)
{
	return addr >= base && addr - base < size;
}

int is_own(uint64_t addr)
{
	const struct fdt_info *i = hinfo;

	return within(addr, i->ram_base, i->ram_size) ||
	       within(addr, i->uart & ~0xfffULL, 0x1000) ||
	       within(addr, i->intc_reg[0], i->intc_reg[1]) ||
	       within(addr, i->intc_reg[2], i->intc_reg[3]);
}

struct scan {
	uint64_t probes, faults, first_open;
};

/* A load and a store at @addr must both fault; the store's value marks us. */
static void scan_one(struct scan *s, uint64_t addr)
{
	if (is_own(addr))
		return;
	s->probes += 2;
	if (probe_load(addr))
		s->faults++;
	else if (!s->first_open)
		s->first_open = addr;
	if (probe_store(addr, 0x484f5354494c4521ULL)) /* "HOSTILE!" */
		s->faults++;
	else if (!s->first_open)
		s->first_open = addr;
}

static void scan_range(struct scan *s, uint64_t from, uint64_t to, uint64_t step)
{
	uint64_t a;

	for (a = from; a < to && a >= from; a += step)
		scan_one(s, a);
}

static void report_scan(const char *name, const struct scan *s, const char *what)
{
	if (s->first_open)
		report(name, 0, "%u of %u loads/stores %s faulted, open at %x", s->faults,
		       s->probes, what, s->first_open);
	else
		report(name, s->probes && s->faults == s->probes,
		       "%u of %u loads/stores %s faulted", s->faults, s->probes, what);
}

/* Every MiB below our RAM that is not one of our emulated devices. */
static void attack_mem_below_ram(void)
{
	struct scan s = {0};

	scan_range(&s, 0, hinfo->ram_base, PROBE_STEP);
	report_scan("mem_below_ram", &s, "below our RAM");
}

/*
 * Host RAM around ours, where the other VMs and the hypervisor live:
 * every MiB for 2 GiB above our RAM (and below it down to 0x40000000 or
 * the RAM base), wherever the hypervisor placed the victim.
 */
static void attack_mem_host_ram(void)
{
	uint64_t end = hinfo->ram_base + hinfo->ram_size;
	struct scan s = {0};

	scan_range(&s, end, end + HOST_SCAN, PROBE_STEP);
	report_scan("mem_other_vms", &s, "in the 2 GiB above our RAM");
}

/* The bytes right next to our RAM: a sloppy block mapping would show here. */
static void attack_mem_edges(void)
{
	uint64_t base = hinfo->ram_base, end = base + hinfo->ram_size;
	static const uint64_t after[] = {0, 8, 0x1000, 0x10000, 0x1ff000, 0x1ffff8, 0x200000};
	struct scan s = {0};
	unsigned int i;

	for (i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
		scan_one(&s, end + after[i]);
		if (base > after[i] + 8)
			scan_one(&s, base - 8 - after[i]);
	}
	report_scan("mem_ram_edges", &s, "just outside our RAM");
}

/* 2^32 .. 2^63: beyond the IPA size and the PA size, and far beyond. */
static void attack_mem_beyond_pa(void)
{
	struct scan s = {0};
	unsigned int b;

	for (b = 32; b < 64; b++) {
		scan_one(&s, 1ULL << b);
		scan_one(&s, (1ULL << b) - 8);
		scan_one(&s, (1ULL << b) | (hrand() & ((1ULL << b) - 8)));
	}
	report_scan("mem_beyond_pa", &s, "from 2^32 to 2^64");
}

/* The host's own devices (the board's map, known to any attacker). */
static void attack_host_devices(void)
{
	struct scan s = {0};
	unsigned int i;

	for (i = 0; arch_host_devices[i] != ~0ULL; i++) {
		scan_one(&s, arch_host_devices[i]);
		scan_one(&s, arch_host_devices[i] + 0x10);
	}
	report_scan("mem_host_devices", &s, "on the host's devices");
}

/* Execute outside the VM: each jump must come back as an instruction fault. */
static void attack_exec_outside(void)
{
	uint64_t end = hinfo->ram_base + hinfo->ram_size;
	const uint64_t target[] = {end, end + 0x200000,	     hinfo->uart, 1ULL << 40,
				   0,	arch_host_devices[0]};
	unsigned int i, n = sizeof(target) / sizeof(target[0]), faults = 0;
	uint64_t before;

	for (i = 0; i < n; i++) {
		before = hfault.count;
		arch_hostile_exec(target[i]);
		faults += hfault.count != before && hfault.addr == target[i];
	}
	report("exec_outside", faults == n,
	       "%u of %u jumps out of our RAM: instruction faults there", (uint64_t)faults,
	       (uint64_t)n);
}

/* Every aligned offset and width of the virtual UART's page, read. */
static void attack_vuart_reads(void)
{
	uint64_t page = hinfo->uart & ~0xfffULL, before = hfault.count, n = 0;
	unsigned int off, width;

	for (off = 0; off < 0x1000; off++)
		for (width = 1; width <= 8; width *= 2)
			if (!(off & (width - 1))) {
				(void)mmio_read(page + off, width);
				n++;
			}
	report("vuart_every_offset", 1,
	       "%u reads, every width and offset of the UART page, %u faulted", n,
	       hfault.count - before);
}

/*
 * Every register of the UART but the data register written with all ones
 * (divisor latch, loopback, interrupt enables, FIFO resets), then the
 * driver's settings back: the model must take it and still print.
 */
static void attack_vuart_writes(void)
{
	int pl011 = hinfo->uart_kind == UART_PL011;
	unsigned int step = pl011 ? 4 : 1U << hinfo->reg_shift, off, n = 0;
	uint64_t u = hinfo->uart, before = hfault.count;

	for (off = step; (u + off) & 0xfff; off += step, n++)
		mmio_write(u + off, pl011 ? 4 : 1, ~0ULL);
	if (pl011) {
		mmio_write32(u + 0x38, 0); /* UARTIMSC */
		mmio_write32(u + 0x2c, 0x70); /* UARTLCR_H: 8 bits, FIFOs */
		mmio_write32(u + 0x30, 0x301); /* UARTCR: enabled, TX, RX */
	} else {
		mmio_write(u + (3U << hinfo->reg_shift), 1, 0x03); /* LCR: 8N1, DLAB off */
		mmio_write(u + (1U << hinfo->reg_shift), 1, 0); /* IER */
		mmio_write(u + (4U << hinfo->reg_shift), 1, 0); /* MCR: no loopback */
		mmio_write(u + (2U << hinfo->reg_shift), 1, 0x07); /* FCR */
	}
	report("vuart_every_register", 1,
	       "all ones to %u UART registers (%u faulted), reset, still printing", (uint64_t)n,
	       hfault.count - before);
}

/*
 * Console flood: many lines, then one without an end and beyond the
 * line buffer; the victim's ticks keep their place in the console.
 */
static void attack_console_flood(void)
{
	unsigned int i, j;

	for (i = 0; i < FLOOD_LINES; i++)
		hprintf("hostile: flood line %u ................................................\n",
			(uint64_t)i);
	for (j = 0; j < 4096; j++)
		put_char((char)('a' + j % 26));
	puts_uart("\n");
	report("console_flood", 1, "%u lines and a 4096-character line written",
	       (uint64_t)FLOOD_LINES);
}

/* Control characters and bytes >= 0x80 in our output. */
static void attack_console_binary(void)
{
	unsigned int c;

	for (c = 1; c < 256; c++)
		if (c != '\n')
			put_char((char)c);
	puts_uart("\n");
	report("console_binary", 1, "every byte value 0x01-0xff written in one line");
}

void hostile_common_attacks(void)
{
	attack_mem_below_ram();
	attack_mem_edges();
	attack_mem_host_ram();
	attack_mem_beyond_pa();
	attack_host_devices();
	attack_exec_outside();
	attack_vuart_reads();
	attack_vuart_writes();
	attack_console_binary();
	attack_console_flood();
}

void hostile_main(const struct fdt_info *info)
{
	/* Nothing zeroes our .bss (it holds the stack): start from known values. */
	hfault.count = 0;
	hresume = 0;
	hirqs[0] = hirqs[1] = 0;
	hunexpected = 0;
	attacks = held_count = 0;
	hinfo = info;
	arch_hostile_init();
	hprintf("HOSTILE start: RAM %x size %x, %u vCPUs, vCPU 1 took %u interrupts\n",
		info->ram_base, info->ram_size, (uint64_t)info->cpus, hirqs[1]);
	hostile_common_attacks();
	arch_hostile_attacks();
	hprintf("HOSTILE summary: %u attacks, %u held, %u escaped, %u unexpected exceptions\n",
		(uint64_t)attacks, (uint64_t)held_count, (uint64_t)(attacks - held_count),
		hunexpected);
	arch_hostile_park();
}
