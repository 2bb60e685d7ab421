// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hostile virtio driver (bootargs "badrings"), for
 * tests/qemu/test_virtio_net.py. It finds its "virtio,mmio" device in its
 * DT and, once a second for ever, sets the device up the way a driver
 * does (virtio 1.2, 3.1.1) and breaks it one way after another: a
 * descriptor outside its RAM, a loop, a giant length, an indirect
 * descriptor, an available index far ahead, a queue size that is not a
 * power of two, a ring outside its RAM, a notification for a queue that
 * is not ready. After each it reads Status, expects DEVICE_NEEDS_RESET
 * (Shyper refused the ring), and resets the device, which must then read
 * 0 again. Every attack uses rings at fresh addresses: its MMU is off,
 * so Shyper must never see a cache line it read in an earlier round.
 */
#include "badrings.h"
#include "guest-arch.h"
#include "shm-proto.h"

#define REG_MAGIC 0x000
#define REG_VERSION 0x004
#define REG_DEVICE_ID 0x008
#define REG_DRIVER_FEATURES 0x020
#define REG_DRIVER_FEATURES_SEL 0x024
#define REG_QUEUE_SEL 0x030
#define REG_QUEUE_NUM 0x038
#define REG_QUEUE_READY 0x044
#define REG_QUEUE_NOTIFY 0x050
#define REG_STATUS 0x070
#define REG_QUEUE_DESC 0x080
#define REG_QUEUE_DRIVER 0x090
#define REG_QUEUE_DEVICE 0x0a0
#define STATUS_NEEDS_RESET 64
#define TXQ 1
#define QSIZE 16
#define F_NEXT 1
#define F_INDIRECT 4

static volatile uint32_t *regs;
static uint64_t ram_end;

struct ring {
	uint64_t desc, avail, used, buf;
};

static void wr(uint32_t off, uint32_t val)
{
	regs[off / 4] = val;
}

static uint32_t rd(uint32_t off)
{
	return regs[off / 4];
}

static void set_desc(const struct ring *r, unsigned int i, uint64_t addr, uint32_t len,
		     uint16_t flags, uint16_t next)
{
	volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)(r->desc + 16 * i);

	*(volatile uint64_t *)d = addr;
	*(volatile uint32_t *)(d + 8) = len;
	*(volatile uint16_t *)(d + 12) = flags;
	*(volatile uint16_t *)(d + 14) = next;
}

/* Offer chain @head: avail->idx = @idx. */
static void offer(const struct ring *r, uint16_t head, uint16_t idx)
{
	volatile uint16_t *avail = (volatile uint16_t *)(uintptr_t)r->avail;

	avail[0] = 0;
	avail[2] = head;
	shm_barrier();
	avail[1] = idx;
	shm_barrier();
}

/* Reset, ACKNOWLEDGE, DRIVER, VERSION_1, FEATURES_OK (3.1.1). */
static void driver_start(void)
{
	wr(REG_STATUS, 0);
	wr(REG_STATUS, 1);
	wr(REG_STATUS, 3);
	wr(REG_DRIVER_FEATURES_SEL, 1);
	wr(REG_DRIVER_FEATURES, 1); /* bit 32: VIRTIO_F_VERSION_1 */
	wr(REG_DRIVER_FEATURES_SEL, 0);
	wr(REG_DRIVER_FEATURES, 0);
	wr(REG_STATUS, 0xb);
}

static void queue_setup(unsigned int q, uint32_t size, const struct ring *r)
{
	wr(REG_QUEUE_SEL, q);
	wr(REG_QUEUE_NUM, size);
	wr(REG_QUEUE_DESC, (uint32_t)r->desc);
	wr(REG_QUEUE_DESC + 4, (uint32_t)(r->desc >> 32));
	wr(REG_QUEUE_DRIVER, (uint32_t)r->avail);
	wr(REG_QUEUE_DRIVER + 4, (uint32_t)(r->avail >> 32));
	wr(REG_QUEUE_DEVICE, (uint32_t)r->used);
	wr(REG_QUEUE_DEVICE + 4, (uint32_t)(r->used >> 32));
	wr(REG_QUEUE_READY, 1);
}

/* A running device with its transmit queue at @r, then DRIVER_OK. */
static void driver_up(const struct ring *r)
{
	driver_start();
	queue_setup(TXQ, QSIZE, r);
	wr(REG_STATUS, 0xf);
}

static void outside_ram(const struct ring *r)
{
	driver_up(r);
	set_desc(r, 0, ram_end + 0x1000, 64, 0, 0);
	offer(r, 0, 1);
	wr(REG_QUEUE_NOTIFY, TXQ);
}

static void loop(const struct ring *r)
{
	driver_up(r);
	set_desc(r, 0, r->buf, 64, F_NEXT, 1);
	set_desc(r, 1, r->buf, 64, F_NEXT, 0);
	offer(r, 0, 1);
	wr(REG_QUEUE_NOTIFY, TXQ);
}

static void giant_length(const struct ring *r)
{
	driver_up(r);
	set_desc(r, 0, r->buf, 0xffffffffU, 0, 0);
	offer(r, 0, 1);
	wr(REG_QUEUE_NOTIFY, TXQ);
}

static void indirect(const struct ring *r)
{
	driver_up(r);
	set_desc(r, 0, r->buf, 64, F_INDIRECT, 0);
	offer(r, 0, 1);
	wr(REG_QUEUE_NOTIFY, TXQ);
}

static void index_jump(const struct ring *r)
{
	driver_up(r);
	set_desc(r, 0, r->buf, 64, 0, 0);
	offer(r, 0, 1000);
	wr(REG_QUEUE_NOTIFY, TXQ);
}

static void size_not_power_of_two(const struct ring *r)
{
	driver_start();
	queue_setup(TXQ, 100, r);
}

static void ring_outside_ram(const struct ring *r)
{
	struct ring out = *r;

	out.desc = ram_end + 0x10000;
	driver_start();
	queue_setup(TXQ, QSIZE, &out);
}

static void unconfigured_queue(const struct ring *r)
{
	driver_up(r);
	wr(REG_QUEUE_NOTIFY, 0); /* the receive queue was never made ready */
}

/*
 * By index, in code: the image runs where it is loaded and nothing
 * relocates it, so a table of function or string pointers would hold
 * link-time addresses.
 */
#define NR_ATTACKS 8

static const char *attack(unsigned int i, const struct ring *r)
{
	switch (i) {
	case 0:
		outside_ram(r);
		return "descriptor outside RAM";
	case 1:
		loop(r);
		return "descriptor loop";
	case 2:
		giant_length(r);
		return "giant length";
	case 3:
		indirect(r);
		return "indirect descriptor";
	case 4:
		index_jump(r);
		return "available index jump";
	case 5:
		size_not_power_of_two(r);
		return "queue size 100";
	case 6:
		ring_outside_ram(r);
		return "ring outside RAM";
	default:
		unconfigured_queue(r);
		return "notify unconfigured queue";
	}
}

/* Fresh rings per round and attack: 16 KiB each, from 1 MiB into RAM, wrapping. */
static struct ring ring_for(const struct fdt_info *info, uint64_t round, unsigned int attack)
{
	uint64_t slots = (info->ram_size - 0x200000) / 0x4000;
	uint64_t at = info->ram_base + 0x100000 + ((round * NR_ATTACKS + attack) % slots) * 0x4000;

	return (struct ring){at, at + 0x1000, at + 0x2000, at + 0x3000};
}

static unsigned int run_round(const struct fdt_info *info, uint64_t round)
{
	unsigned int i, refused = 0;
	uint32_t status;

	for (i = 0; i < NR_ATTACKS; i++) {
		struct ring r = ring_for(info, round, i);
		const char *name = attack(i, &r);

		status = rd(REG_STATUS);
		wr(REG_STATUS, 0);
		if ((status & STATUS_NEEDS_RESET) && rd(REG_STATUS) == 0) {
			refused++;
			if (round == 1) {
				puts_uart("badrings: refused: ");
				puts_uart(name);
				puts_uart("\n");
			}
		} else {
			puts_uart("badrings: NOT refused: ");
			puts_uart(name);
			puts_uart(", status ");
			put_hex(status);
			puts_uart("\n");
		}
	}
	return refused;
}

void badrings_main(const struct fdt_info *info)
{
	uint64_t base = fdt_mini_reg(info->dtb, "virtio,mmio", 0), period, next, round;

	ram_end = info->ram_base + info->ram_size;
	if (!base) {
		puts_uart("badrings: no virtio,mmio device in my DT\n");
		for (;;)
			arch_wait_until(~0ULL);
	}
	regs = (volatile uint32_t *)(uintptr_t)base;
	puts_uart("badrings: device at ");
	put_hex(base);
	puts_uart(" magic ");
	put_hex(rd(REG_MAGIC));
	puts_uart(" version ");
	put_dec(rd(REG_VERSION));
	puts_uart(" id ");
	put_dec(rd(REG_DEVICE_ID));
	puts_uart("\n");
	period = arch_counter_freq(info);
	next = arch_counter();
	for (round = 1;; round++) {
		unsigned int n = run_round(info, round);

		puts_uart("badrings: round ");
		put_dec(round);
		puts_uart(": ");
		put_dec(n);
		puts_uart(" of ");
		put_dec(NR_ATTACKS);
		puts_uart(" refused\n");
		next += period;
		arch_wait_until(next);
	}
}
