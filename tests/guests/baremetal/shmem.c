// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared memory modes of the bare-metal guest (Documentation/
 * communication.md), with the message layout and checks of
 * tools/guest/shm-proto.h. Each step prints one "shmem: ..." line the
 * tests match.
 *
 * "shmem": the peer of Linux's tools/guest/shyper-shm in
 * tests/qemu/test_shmem.py. From its DT it finds region "ping" (read-write
 * for both) and, when there, "ro" (read-only for the peer); writes a
 * pattern into "ro"; waits for the peer's first ring (its tool is up);
 * checks from its own interrupt controller that the ring raised its
 * doorbell interrupt and that the acknowledgement lowered it; then drives
 * SHMEM_ROUNDS rounds on "ping" and answers SHMEM_ROUNDS rounds the peer
 * drives, checking every message's sequence number and checksum; finally
 * checks that "ro" is intact. From the first round on it sleeps until its
 * doorbell interrupt: a waiting side takes no hypervisor entry.
 *
 * "shmem-echo": answers rounds on "ping" for ever (the peer of the
 * doorbell round trip of make bench, bench.c).
 *
 * "shmem-outsider probe=A,B,...": a VM that is in no region's list loads
 * from the given guest addresses (where the participants see the regions
 * and their doorbells) and from every 2 MiB of its address space below
 * 4 GiB that is not its own: each load must fault in this guest.
 */
#include "guest-arch.h"
#include "hostile.h"
#include "shmem.h"
#include "shm-proto.h"

#define SHMEM_ROUNDS 1000
#define OUTSIDER_STEP 0x200000ULL
#define OUTSIDER_TOP 0x100000000ULL

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

/* Poll the doorbell count past @seen; 0 on time, -1 after @seconds. */
static int poll_ring(const struct fdt_info *info, const struct region *r, uint32_t seen,
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

/*
 * Interrupt-driven doorbells: the handler acknowledges the ring (the line
 * is level, held until then) before its EOI and counts it; a waiting side
 * sleeps until the count moves.
 */
static const struct region *doorbell;
static volatile uint32_t rings;

static void on_doorbell(uint64_t intid)
{
	if (doorbell && intid == doorbell->irq) {
		mmio_write32(doorbell->bell + SHMEM_DB_ACK, 1);
		rings++;
	}
}

/* After arch_victim_init(); the caller sets hirq_hook to on_doorbell. */
static void doorbell_irq_on(const struct region *r)
{
	doorbell = r;
	rings = 0;
	arch_irq_line_enable(r->irq);
}

static void doorbell_mode(const struct fdt_info *info, const struct region *r)
{
	hinfo = info;
	arch_victim_init();
	hirq_hook = on_doorbell;
	doorbell_irq_on(r);
}

/* Sleep until a ring after @seen; 0 on time, -1 at @deadline. */
static int sleep_ring(uint32_t seen, uint64_t deadline)
{
	while (rings == seen)
		if (arch_counter() >= deadline)
			return -1;
		else
			arch_sleep();
	return 0;
}

static uint64_t deadline_in(const struct fdt_info *info, uint64_t seconds)
{
	uint64_t deadline = arch_counter() + seconds * arch_counter_freq(info);

	arch_timer_at(deadline);
	return deadline;
}

static void ring(const struct region *r)
{
	shm_barrier();
	mmio_write32(r->bell + SHMEM_DB_RING, r->peer);
}

/* One round this side drives: request @seq, the peer's reply; 0 when intact. */
static int drive_round(const struct region *r, uint32_t seq, uint64_t deadline)
{
	uint32_t seen = rings;

	shm_msg_put(word(r, SHM_SLOT_REQUEST), seq);
	ring(r);
	if (sleep_ring(seen, deadline))
		return -1;
	shm_barrier();
	return shm_msg_check(word(r, SHM_SLOT_REPLY), seq) ? -2 : 0;
}

/* One round the peer drives: wait for request @seq, check it, reply. */
static int answer_round(const struct region *r, uint32_t seq, uint32_t *seen, uint64_t deadline)
{
	if (sleep_ring(*seen, deadline))
		return -1;
	*seen = rings;
	shm_barrier();
	if (shm_msg_check(word(r, SHM_SLOT_REQUEST), seq))
		return -2;
	shm_msg_put(word(r, SHM_SLOT_REPLY), seq);
	ring(r);
	return 0;
}

static int failed(const char *what, int err, uint32_t seq)
{
	puts_uart(err == -1 ? "shmem: FAILED: no message from the peer, "
			    : "shmem: FAILED: bad message (sequence or checksum), ");
	puts_uart(what);
	put_dec(seq);
	puts_uart("\n");
	return -1;
}

static int drive_rounds(const struct fdt_info *info, const struct region *r)
{
	uint64_t deadline = deadline_in(info, 600);
	uint32_t seq;
	int err;

	for (seq = 1; seq <= SHMEM_ROUNDS; seq++)
		if ((err = drive_round(r, seq, deadline)))
			return failed("driving round ", err, seq);
	puts_uart("shmem: ping-pong ");
	put_dec(SHMEM_ROUNDS);
	puts_uart(" rounds ok, every sequence number and checksum checked\n");
	return 0;
}

static int answer_rounds(const struct fdt_info *info, const struct region *r)
{
	uint64_t deadline = deadline_in(info, 600);
	uint32_t seq, seen = rings;
	int err;

	for (seq = 1; seq <= SHMEM_ROUNDS; seq++)
		if ((err = answer_round(r, seq, &seen, deadline)))
			return failed("answering round ", err, seq);
	puts_uart("shmem: answered ");
	put_dec(SHMEM_ROUNDS);
	puts_uart(" rounds, every sequence number and checksum checked\n");
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

/* The first ring, by polling: the line is not enabled yet, so its pending bit shows. */
static int first_ring(const struct fdt_info *info, const struct region *ping)
{
	puts_uart("shmem: waiting for the peer\n");
	if (poll_ring(info, ping, 0, 600)) {
		puts_uart("shmem: FAILED: the peer never rang\n");
		return -1;
	}
	say("rung by VM ", mmio_read32(ping->bell + SHMEM_DB_LAST));
	say("doorbell interrupt pending ", line_pending(info, ping->irq));
	mmio_write32(ping->bell + SHMEM_DB_ACK, 1);
	say("doorbell interrupt pending after ack ", line_pending(info, ping->irq));
	return 0;
}

void shmem_main(const struct fdt_info *info)
{
	static struct region ping, ro;
	int has_ro;

	if (find_region(info, "ping", &ping)) {
		puts_uart("shmem: FAILED: region \"ping\" not in my DT\n");
		return;
	}
	say("region ping at ", ping.base);
	say("doorbell magic ", mmio_read32(ping.bell + SHMEM_DB_MAGIC));
	say("my VM id ", mmio_read32(ping.bell + SHMEM_DB_SELF));
	has_ro = !find_region(info, "ro", &ro);
	if (has_ro) {
		fill_ro(&ro);
		say("pattern written to ro at ", ro.base);
	}
	if (first_ring(info, &ping))
		return;
	doorbell_mode(info, &ping);
	if (drive_rounds(info, &ping) || answer_rounds(info, &ping))
		return;
	if (has_ro)
		puts_uart(ro_intact(&ro) ? "shmem: ro pattern intact\n"
					 : "shmem: ro pattern CHANGED\n");
}

void shmem_echo_main(const struct fdt_info *info)
{
	static struct region ping;
	uint32_t seen, seq;

	if (find_region(info, "ping", &ping)) {
		puts_uart("shmem: FAILED: region \"ping\" not in my DT\n");
		return;
	}
	doorbell_mode(info, &ping);
	puts_uart("shmem: echoing on ping\n");
	ring(&ping); /* "ready" */
	for (seen = 0;;) {
		while (rings == seen)
			arch_sleep();
		seen = rings;
		shm_barrier();
		seq = *word(&ping, SHM_SLOT_REQUEST);
		if (shm_msg_check(word(&ping, SHM_SLOT_REQUEST), seq))
			say("FAILED: bad request ", seq);
		shm_msg_put(word(&ping, SHM_SLOT_REPLY), seq);
		ring(&ping);
	}
}

/*
 * The bench's round trip (bench.c): the echo peer rang "ready" first; its
 * ring stays pending until our handler takes it.
 */
static struct region bench_ping;
static uint32_t bench_seq;

int shmem_bench_init(const struct fdt_info *info)
{
	void (*hook)(uint64_t) = hirq_hook;
	int err;

	if (find_region(info, "ping", &bench_ping))
		return -1;
	hirq_hook = on_doorbell;
	doorbell_irq_on(&bench_ping);
	err = sleep_ring(0, deadline_in(info, 60));
	hirq_hook = hook;
	if (err)
		puts_uart("shmem: FAILED: the echo peer never rang\n");
	bench_seq = 0;
	return err;
}

/* One round trip in counter ticks; the bench's own hook is back after it. */
uint64_t shmem_bench_roundtrip(void)
{
	void (*hook)(uint64_t) = hirq_hook;
	uint64_t start, deadline = deadline_in(hinfo, 1);

	hirq_hook = on_doorbell;
	start = arch_counter();
	if (drive_round(&bench_ping, ++bench_seq, deadline))
		puts_uart("shmem: FAILED: bad or no echo\n");
	start = arch_counter() - start;
	hirq_hook = hook;
	return start;
}

/* The hexadecimal addresses after "probe=" in the bootargs, up to @max. */
static unsigned int probe_list(const struct fdt_info *info, uint64_t *addr, unsigned int max)
{
	const char *p = info->bootargs, *end = p + info->bootargs_len;
	unsigned int n = 0;

	for (; p + 6 < end && !(p[0] == 'p' && p[1] == 'r' && p[2] == 'o' && p[3] == 'b' &&
				p[4] == 'e' && p[5] == '=');
	     p++)
		;
	for (p += 6; p < end && n < max; n++) {
		addr[n] = 0;
		if (p + 1 < end && p[0] == '0' && p[1] == 'x')
			p += 2;
		for (; p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')); p++)
			addr[n] = addr[n] << 4 | (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
		if (p >= end || *p != ',')
			return n + 1;
		p++;
	}
	return n;
}

void shmem_outsider_main(const struct fdt_info *info)
{
	uint64_t addr[8], a, probes = 0, faults = 0;
	unsigned int i, n;

	hinfo = info;
	arch_victim_init();
	n = probe_list(info, addr, 8);
	for (i = 0; i < n; i++)
		say(probe_load(addr[i]) ? "outsider: load faulted at " : "outsider: load READ at ",
		    addr[i]);
	for (a = 0; a < OUTSIDER_TOP; a += OUTSIDER_STEP)
		if (!is_own(a)) {
			probes++;
			faults += probe_load(a);
		}
	say("outsider: address-space probes ", probes);
	say("outsider: faulted ", faults);
	say("outsider: own RAM load faulted ", probe_load(info->ram_base));
}
