// SPDX-License-Identifier: GPL-2.0-only
/*
 * PL011 register model (PrimeCell UART PL011 TRM, Arm DDI 0183G, 3.2):
 * enough for Linux's amba-pl011 driver and bare-metal polling code. The
 * transmit FIFO is always empty (characters leave at once), so TXRIS is
 * permanently set and the guest masks it when it has nothing to send.
 */
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

#define UARTDR 0x000
#define DR_BE (1U << 10) /* break error */
#define UARTFR 0x018
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTPERIPHID0 0xfe0

#define FR_RXFE (1U << 4)
#define FR_RXFF (1U << 6)
#define FR_TXFE (1U << 7)
#define INT_RX (1U << 4)
#define INT_TX (1U << 5)
#define INT_RT (1U << 6)

/* PeriphID0-3 then CellID0-3: part 0x011, designer Arm, revision r1p5. */
static const u8 id_regs[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static u32 raw_status(const struct vuart *vu)
{
	return INT_TX | (vuart_rx_count(vu) ? INT_RX | INT_RT : 0);
}

void vuart_pl011_update(struct vuart *vu)
{
	vuart_update_irq(vu, raw_status(vu) & vu->regs[UARTIMSC / 4]);
}

static u32 read_flags(const struct vuart *vu)
{
	unsigned int n = vuart_rx_count(vu);

	return FR_TXFE | (n ? 0 : FR_RXFE) | (n == VUART_RX ? FR_RXFF : 0);
}

static u32 pl011_read(struct vuart *vu, u64 off)
{
	int c;

	switch (off) {
	case UARTDR:
		c = vuart_rx_pop_entry(vu);
		if (c == VUART_RX_BREAK)
			return DR_BE; /* a break is an entry of its own, data 0 */
		return c < 0 ? 0 : (u32)c;
	case UARTFR:
		return read_flags(vu);
	case UARTRIS:
		return raw_status(vu);
	case UARTMIS:
		return raw_status(vu) & vu->regs[UARTIMSC / 4];
	default:
		if (off >= UARTPERIPHID0)
			return id_regs[(off - UARTPERIPHID0) / 4];
		return off / 4 < ARRAY_SIZE(vu->regs) ? vu->regs[off / 4] : 0;
	}
}

static void pl011_write(struct vuart *vu, u64 off, u32 val)
{
	if (off == UARTDR)
		vuart_putc(vu, (char)val);
	else if (off != UARTICR && off / 4 < ARRAY_SIZE(vu->regs))
		vu->regs[off / 4] = val; /* ICR: levels follow the FIFO state */
}

int vuart_pl011_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	struct vuart *vu = priv;

	if (offset & 3)
		return -EINVAL;
	spin_lock(&vu->lock);
	if (acc->write)
		pl011_write(vu, offset, (u32)acc->value);
	else
		acc->value = pl011_read(vu, offset);
	vuart_pl011_update(vu);
	spin_unlock(&vu->lock);
	return 0;
}

const struct vuart_ops vuart_pl011_ops = {vuart_pl011_access, vuart_pl011_update, NULL};
