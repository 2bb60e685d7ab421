// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared memory peer (bootargs "shmem"): the bare-metal side of
 * tests/qemu/test_shmem.py. From its DT it finds the "shyper,shmem-v1"
 * regions "ping" (read-write for both) and "ro" (read-only for the
 * peer), writes a pattern into "ro", waits for the Linux peer's first
 * ring (its tool is up), checks from its own interrupt controller that
 * the ring raised its doorbell interrupt and that the acknowledgement
 * lowered it, then drives SHMEM_ROUNDS ping-pong rounds on "ping" with
 * the message layout of tools/guest/shyper-shm.h, checking each reply's
 * sequence number and checksum, and finally that "ro" is intact.
 * Message layout and checks: tools/guest/shm-proto.h. Each
 * step prints one "shmem: ..." line the test matches.
 */
#include "guest-arch.h"
#include "hostile.h"
#include "shmem.h"
#include "shm-proto.h"

#define SHMEM_ROUNDS 200

struct region {
	uint64_t base, size, bell;
	uint32_t irq, peer;
};

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
	return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Region @name from the DT (2-cell addresses and sizes at the root). */
static int find_region(const struct fdt_info *info, const char *name, struct region *r)
{
	const uint8_t *reg, *irq, *peers;
	const char *n;
	uint32_t len, ilen, plen, i;

	for (i = 0; fdt_mini_prop(info->dtb, SHMEM_GUEST_COMPATIBLE, i, "compatible", &len); i++) {
		n = fdt_mini_prop(info->dtb, SHMEM_GUEST_COMPATIBLE, i, "shyper,region", &len);
		if (!n || !same(n, name))
			continue;
		reg = fdt_mini_prop(info->dtb, SHMEM_GUEST_COMPATIBLE, i, "reg", &len);
		irq = fdt_mini_prop(info->dtb, SHMEM_GUEST_COMPATIBLE, i, "interrupts", &ilen);
		peers = fdt_mini_prop(info->dtb, SHMEM_GUEST_COMPATIBLE, i, "shyper,peers", &plen);
		if (!reg || len < 32 || !irq || !peers || plen < 4)
			return -1;
		r->base = be64(reg);
		r->size = be64(reg + 8);
		r->bell = be64(reg + 16);
		/* GIC: <SPI n flags> is INTID n + 32; PLIC: the source. */
		r->irq = info->intc_kind == INTC_PLIC ? be32(irq) : be32(irq + 4) + 32;
		r->peer = be32(peers);
		return 0;
	}
	return -1;
}

static volatile uint32_t *word(const struct region *r, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(r->base + off);
}

/* Wait for the doorbell count to pass @seen; 0 on time, -1 after @seconds. */
static int wait_ring(const struct fdt_info *info, const struct region *r, uint32_t seen,
		     uint64_t seconds)
{
	uint64_t end = arch_counter() + seconds * arch_counter_freq(info);

	while (mmio_read32(r->bell + SHMEM_DB_COUNT) == seen)
		if (arch_counter() > end)
			return -1;
	return 0;
}

/* The doorbell line as the guest's own interrupt controller shows it. */
static int line_pending(const struct fdt_info *info, uint32_t irq)
{
	uint64_t d = info->intc_reg[0];

	if (info->intc_kind == INTC_PLIC)
		return mmio_read32(d + 0x1000 + irq / 32 * 4) >> (irq % 32) & 1;
	return mmio_read32(d + 0x200 + irq / 32 * 4) >> (irq % 32) & 1;
}

static void say(const char *what, uint64_t v)
{
	puts_uart("shmem: ");
	puts_uart(what);
	put_hex(v);
	puts_uart("\n");
}

static int ping_pong(const struct fdt_info *info, const struct region *r)
{
	uint32_t seq, seen = mmio_read32(r->bell + SHMEM_DB_COUNT);
	uint64_t start = arch_counter();

	for (seq = 1; seq <= SHMEM_ROUNDS; seq++) {
		shm_msg_put(word(r, SHM_SLOT_REQUEST), seq);
		shm_barrier();
		mmio_write32(r->bell + SHMEM_DB_RING, r->peer);
		if (wait_ring(info, r, seen, 20)) {
			say("ping-pong FAILED: no answer to round ", seq);
			return -1;
		}
		seen = mmio_read32(r->bell + SHMEM_DB_COUNT);
		mmio_write32(r->bell + SHMEM_DB_ACK, 1);
		if (shm_msg_check(word(r, SHM_SLOT_REPLY), seq)) {
			say("ping-pong FAILED: bad reply in round ", seq);
			return -1;
		}
	}
	puts_uart("shmem: ping-pong ");
	put_dec(SHMEM_ROUNDS);
	puts_uart(" rounds ok, every sequence number and checksum checked\n");
	puts_uart("BENCH shmem_roundtrip_ticks=");
	put_dec((arch_counter() - start) / SHMEM_ROUNDS);
	puts_uart("\n");
	return 0;
}

static void fill_ro(const struct region *ro)
{
	uint32_t i;

	for (i = 0; i < SHM_PATTERN_WORDS; i++)
		*word(ro, 4 * i) = shm_pattern(i);
	shm_barrier();
}

static int ro_intact(const struct region *ro)
{
	uint32_t i;

	for (i = 0; i < SHM_PATTERN_WORDS; i++)
		if (*word(ro, 4 * i) != shm_pattern(i))
			return 0;
	return 1;
}

void shmem_main(const struct fdt_info *info)
{
	struct region ping, ro;

	if (find_region(info, "ping", &ping) || find_region(info, "ro", &ro)) {
		puts_uart("shmem: FAILED: regions \"ping\" and \"ro\" not in my DT\n");
		return;
	}
	say("region ping at ", ping.base);
	say("doorbell magic ", mmio_read32(ping.bell + SHMEM_DB_MAGIC));
	say("my VM id ", mmio_read32(ping.bell + SHMEM_DB_SELF));
	fill_ro(&ro);
	say("pattern written to ro at ", ro.base);
	puts_uart("shmem: waiting for the peer\n");
	if (wait_ring(info, &ping, 0, 600)) {
		puts_uart("shmem: FAILED: the peer never rang\n");
		return;
	}
	say("rung by VM ", mmio_read32(ping.bell + SHMEM_DB_LAST));
	say("doorbell interrupt pending ", line_pending(info, ping.irq));
	mmio_write32(ping.bell + SHMEM_DB_ACK, 1);
	say("doorbell interrupt pending after ack ", line_pending(info, ping.irq));
	if (ping_pong(info, &ping))
		return;
	puts_uart(ro_intact(&ro) ? "shmem: ro pattern intact\n" : "shmem: ro pattern CHANGED\n");
}
