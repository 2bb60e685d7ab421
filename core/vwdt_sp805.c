// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SP805 watchdog (Arm DDI 0270B), the registers Linux's sp805_wdt and
 * the AMBA bus probe use. The counter runs from WdogLoad down at the
 * fixed clock while the interrupt is enabled; at zero it raises the
 * interrupt (RIS) and reloads; at zero again with RIS still set and the
 * reset enabled, it resets the system: here, a crash of the VM. No
 * interrupt line is wired (Linux's driver takes none).
 */
#include <shyper/errno.h>
#include <shyper/vwdt.h>

#define SP805_LOAD 0x000
#define SP805_VALUE 0x004
#define SP805_CONTROL 0x008
#define SP805_INTCLR 0x00c
#define SP805_RIS 0x010
#define SP805_MIS 0x014
#define SP805_LOCK 0xc00
#define SP805_ITCR 0xf00
#define SP805_ITOP 0xf04
#define SP805_PERIPH_ID 0xfe0 /* 4 registers, one id byte each */
#define SP805_CELL_ID 0xff0

#define CTRL_INTEN (1U << 0)
#define CTRL_RESEN (1U << 1)
#define SP805_UNLOCK 0x1acce551

/* Part 0x805, designer 0x41 (Arm), revision 1; the PrimeCell id 0xb105f00d. */
#define SP805_PERIPH_ID_VALUE 0x00141805
#define PRIMECELL_ID_VALUE 0xb105f00d

enum { LOAD, CONTROL, RIS, LOCKED };

static bool counting(const struct vwdt *w)
{
	return w->regs[CONTROL] & CTRL_INTEN;
}

/* The counter starts again from WdogLoad at @from: one period is load + 1 cycles. */
static void reload(struct vwdt *w, u64 from)
{
	w->start = from;
	w->deadline = counting(w)
			  ? from + MAX(vwdt_ticks(w, (u64)w->regs[LOAD] + 1, VWDT_SP805_HZ), 1ULL)
			  : 0;
}

static void sp805_reset(struct vwdt *w)
{
	w->regs[LOAD] = 0xffffffff;
	w->regs[CONTROL] = 0;
	w->regs[RIS] = 0;
	w->regs[LOCKED] = 0;
	w->bitten = false;
	reload(w, w->now);
}

static u32 value(const struct vwdt *w)
{
	u64 cycles;

	if (!counting(w))
		return w->regs[LOAD];
	cycles = (w->now - w->start) * VWDT_SP805_HZ / w->freq;
	return cycles >= w->regs[LOAD] ? 0 : w->regs[LOAD] - (u32)cycles;
}

static u32 id_byte(u32 id, u64 off, u64 base)
{
	return (id >> (8 * ((off - base) / 4))) & 0xff;
}

static int sp805_read(struct vwdt *w, u64 off, u32 *val)
{
	switch (off) {
	case SP805_LOAD:
		*val = w->regs[LOAD];
		return 0;
	case SP805_VALUE:
		*val = value(w);
		return 0;
	case SP805_CONTROL:
		*val = w->regs[CONTROL];
		return 0;
	case SP805_RIS:
		*val = w->regs[RIS];
		return 0;
	case SP805_MIS:
		*val = w->regs[RIS] && counting(w);
		return 0;
	case SP805_LOCK:
		*val = w->regs[LOCKED];
		return 0;
	case SP805_INTCLR:
	case SP805_ITCR:
	case SP805_ITOP:
		*val = 0;
		return 0;
	}
	if (off >= SP805_PERIPH_ID && off < SP805_CELL_ID + 16 && !(off & 3)) {
		*val = off < SP805_CELL_ID ? id_byte(SP805_PERIPH_ID_VALUE, off, SP805_PERIPH_ID)
					   : id_byte(PRIMECELL_ID_VALUE, off, SP805_CELL_ID);
		return 0;
	}
	return -EINVAL;
}

static int sp805_write(struct vwdt *w, u64 off, u32 val)
{
	if (off == SP805_LOCK) {
		w->regs[LOCKED] = val != SP805_UNLOCK;
		return 0;
	}
	if (off > SP805_MIS && off != SP805_ITCR && off != SP805_ITOP)
		return -EINVAL;
	if (w->regs[LOCKED])
		return 0; /* writes are ignored while locked (DDI 0270B 3.3.7) */
	switch (off) {
	case SP805_LOAD:
		w->regs[LOAD] = val;
		reload(w, w->now);
		break;
	case SP805_CONTROL:
		/* Enabling the interrupt starts the count from WdogLoad. */
		if ((val & CTRL_INTEN) && !counting(w)) {
			w->regs[CONTROL] = val & (CTRL_INTEN | CTRL_RESEN);
			reload(w, w->now);
		} else {
			w->regs[CONTROL] = val & (CTRL_INTEN | CTRL_RESEN);
			if (!counting(w))
				w->deadline = 0;
		}
		break;
	case SP805_INTCLR:
		w->regs[RIS] = 0;
		reload(w, w->now);
		break;
	default:
		break; /* VALUE, RIS, MIS are read-only; test registers unused */
	}
	return 0;
}

static void sp805_expire(struct vwdt *w)
{
	if (w->regs[RIS] && (w->regs[CONTROL] & CTRL_RESEN)) {
		w->bitten = true;
		w->deadline = 0;
		return;
	}
	w->regs[RIS] = 1;
	reload(w, w->deadline);
}

const struct vwdt_ops vwdt_sp805_ops = {
    .reset = sp805_reset,
    .read = sp805_read,
    .write = sp805_write,
    .expire = sp805_expire,
};
