// SPDX-License-Identifier: GPL-2.0-only
/*
 * 16550A register model (TI PC16550D data sheet, "Register
 * Description"): what Linux's 8250 driver and bare-metal polling code
 * use. Characters leave at once, so the transmitter is always empty: the
 * THRE interrupt is raised whenever the guest writes THR or enables it in
 * IER, and cleared by reading IIR (data sheet, table "Interrupt Control
 * Functions"), which is what the 8250 driver's THRE test expects.
 */
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <shyper/bcm2835_aux.h>
#include <shyper/vuart.h>

/* Register numbers (before reg-shift). */
#define UART_RBR 0 /* read; DLL when LCR.DLAB */
#define UART_THR 0 /* write; DLL when LCR.DLAB */
#define UART_IER 1 /* DLM when LCR.DLAB */
#define UART_IIR 2 /* read */
#define UART_FCR 2 /* write */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

#define IER_ERBFI (1U << 0)
#define IER_ETBEI (1U << 1)
#define IIR_NO_INT 0x01U
#define IIR_THRE 0x02U
#define IIR_RDA 0x04U
#define IIR_FIFO 0xc0U
#define FCR_FIFO_EN (1U << 0)
#define FCR_CLEAR_RX (1U << 1)
#define LCR_DLAB (1U << 7)
#define MCR_LOOP (1U << 4)
#define LSR_DR (1U << 0)
#define LSR_BI (1U << 4) /* break interrupt: the entry at RBR is a break */
#define LSR_THRE (1U << 5)
#define LSR_TEMT (1U << 6)
#define MSR_IDLE 0xb0U /* DCD, DSR, CTS: a terminal is attached */

/* Where the model keeps its state in struct vuart.regs. */
enum ns16550_state {
	S_IER,
	S_LCR,
	S_MCR,
	S_SCR,
	S_DLL,
	S_DLM,
	S_FCR,
	S_THRE, /* THRE interrupt pending */
	S_SHIFT, /* reg-shift of the host console */
	S_IO_WIDTH, /* its reg-io-width */
};

static u32 iir(const struct vuart *vu)
{
	u32 fifo = vu->regs[S_FCR] & FCR_FIFO_EN ? IIR_FIFO : 0;

	if ((vu->regs[S_IER] & IER_ERBFI) && vuart_rx_count(vu))
		return fifo | IIR_RDA;
	if ((vu->regs[S_IER] & IER_ETBEI) && vu->regs[S_THRE])
		return fifo | IIR_THRE;
	return fifo | IIR_NO_INT;
}

void vuart_ns16550_update(struct vuart *vu)
{
	vuart_update_irq(vu, !(iir(vu) & IIR_NO_INT));
}

void vuart_ns16550_init(struct vuart *vu, u32 reg_shift, u32 io_width)
{
	vu->regs[S_SHIFT] = reg_shift;
	vu->regs[S_IO_WIDTH] = io_width;
}

/*
 * The widths the host console's node allows (8250.yaml: reg-io-width,
 * 1 when absent): bytes always, or the declared width when a register
 * slot (1 << reg-shift) holds it; each access starts on a register.
 */
static bool access_ok(const struct vuart *vu, const struct mmio_access *acc, u64 offset)
{
	u32 shift = vu->regs[S_SHIFT];

	if (offset & ((1ULL << shift) - 1))
		return false;
	return acc->width == 1 ||
	       (acc->width == vu->regs[S_IO_WIDTH] && acc->width <= (1U << shift));
}

/* Loopback (MCR bit 4) reflects DTR, RTS, OUT1, OUT2 as DSR, CTS, RI, DCD. */
static u32 msr(const struct vuart *vu)
{
	u32 mcr = vu->regs[S_MCR];

	if (!(mcr & MCR_LOOP))
		return MSR_IDLE;
	return (mcr & 1 ? 0x20 : 0) | (mcr & 2 ? 0x10 : 0) | (mcr & 4 ? 0x40 : 0) |
	       (mcr & 8 ? 0x80 : 0);
}

static u32 ns16550_read(struct vuart *vu, unsigned int reg)
{
	bool dlab = vu->regs[S_LCR] & LCR_DLAB;
	u32 val;
	int c;

	switch (reg) {
	case UART_RBR:
		if (dlab)
			return vu->regs[S_DLL];
		c = vuart_rx_pop_entry(vu);
		return c < 0 || c == VUART_RX_BREAK ? 0 : (u32)c; /* a break reads as 0 */
	case UART_IER:
		return dlab ? vu->regs[S_DLM] : vu->regs[S_IER];
	case UART_IIR:
		val = iir(vu);
		if ((val & 0xf) == IIR_THRE)
			vu->regs[S_THRE] = 0; /* reading IIR acknowledges THRE */
		return val;
	case UART_LCR:
		return vu->regs[S_LCR];
	case UART_MCR:
		return vu->regs[S_MCR];
	case UART_LSR:
		return LSR_THRE | LSR_TEMT | (vuart_rx_count(vu) ? LSR_DR : 0) |
		       (vuart_rx_break_next(vu) ? LSR_BI : 0);
	case UART_MSR:
		return msr(vu);
	case UART_SCR:
		return vu->regs[S_SCR];
	default:
		return 0;
	}
}

static void write_fcr(struct vuart *vu, u32 val)
{
	vu->regs[S_FCR] = val & FCR_FIFO_EN;
	if (val & FCR_CLEAR_RX)
		while (vuart_rx_pop(vu) >= 0)
			;
}

static void ns16550_write(struct vuart *vu, unsigned int reg, u32 val)
{
	bool dlab = vu->regs[S_LCR] & LCR_DLAB;

	val &= 0xff;
	if (reg == UART_THR && dlab)
		vu->regs[S_DLL] = val;
	else if (reg == UART_THR) {
		vuart_putc(vu, (char)val);
		vu->regs[S_THRE] = 1; /* sent at once: THR is empty again */
	} else if (reg == UART_IER && dlab)
		vu->regs[S_DLM] = val;
	else if (reg == UART_IER) {
		if ((val & IER_ETBEI) && !(vu->regs[S_IER] & IER_ETBEI))
			vu->regs[S_THRE] = 1;
		vu->regs[S_IER] = val & 0xf;
	} else if (reg == UART_FCR)
		write_fcr(vu, val);
	else if (reg == UART_LCR)
		vu->regs[S_LCR] = val;
	else if (reg == UART_MCR)
		vu->regs[S_MCR] = val & 0x1f;
	else if (reg == UART_SCR)
		vu->regs[S_SCR] = val;
	/* LSR and MSR writes are ignored, as on the real part. */
}

int vuart_ns16550_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	struct vuart *vu = priv;
	unsigned int reg = offset >> vu->regs[S_SHIFT];

	if (!access_ok(vu, acc, offset))
		return -EINVAL;
	spin_lock(&vu->lock);
	if (reg > UART_SCR) {
		if (!acc->write)
			acc->value = 0;
	} else if (acc->write)
		ns16550_write(vu, reg, (u32)acc->value);
	else
		acc->value = ns16550_read(vu, reg);
	vuart_ns16550_update(vu);
	spin_unlock(&vu->lock);
	return 0;
}

const struct vuart_ops vuart_ns16550_ops = {vuart_ns16550_access, vuart_ns16550_update,
					    vuart_ns16550_init};

#ifdef CONFIG_VUART_BCM2835_AUX
/* The 16550 model at the mini-UART's fixed spacing (its node gives none). */
static void bcm2835_aux_init(struct vuart *vu, u32 reg_shift, u32 io_width)
{
	vuart_ns16550_init(vu, BCM2835_AUX_REG_SHIFT, BCM2835_AUX_IO_WIDTH);
}

const struct vuart_ops vuart_bcm2835_aux_ops = {vuart_ns16550_access, vuart_ns16550_update,
						bcm2835_aux_init};
#endif
