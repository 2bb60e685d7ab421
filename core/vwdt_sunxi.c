// SPDX-License-Identifier: GPL-2.0-only
/*
 * Allwinner A31 watchdog (sun6i layout: IRQ_EN 0x00, IRQ_STA 0x04, CTRL
 * 0x10, CFG 0x14, MODE 0x18), the registers Linux's sunxi_wdt uses. MODE
 * enables it and picks the interval (bits 7:4, 0.5 s to 16 s); CTRL with
 * the key 0xa57 restarts the count; CFG says what the expiry does: reset
 * the system (1, here a crash of the VM) or only raise IRQ_STA (2). The
 * D1's key in the upper half of CFG and MODE is ignored.
 */
#include <shyper/errno.h>
#include <shyper/vwdt.h>

#define SUNXI_IRQ_EN 0x00
#define SUNXI_IRQ_STA 0x04
#define SUNXI_CTRL 0x10
#define SUNXI_CFG 0x14
#define SUNXI_MODE 0x18

#define CTRL_RESTART 0x14af /* bit 0 with the key 0xa57 in bits 12:1 */
#define CFG_SYSTEM_RESET 1
#define MODE_EN (1U << 0)
#define MODE_INTERVAL(m) (((m) >> 4) & 0xf)

enum { IRQ_EN, IRQ_STA, CFG, MODE };

/* Interval n of MODE in half seconds; the reserved values as the longest. */
static u64 half_seconds(u32 mode)
{
	static const u8 halves[] = {1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 28, 32};
	u32 n = MODE_INTERVAL(mode);

	return n < ARRAY_SIZE(halves) ? halves[n] : 32;
}

static void restart(struct vwdt *w, u64 from)
{
	w->start = from;
	w->deadline =
	    w->regs[MODE] & MODE_EN ? from + vwdt_ticks(w, half_seconds(w->regs[MODE]), 2) : 0;
}

static void sunxi_reset(struct vwdt *w)
{
	w->regs[IRQ_EN] = 0;
	w->regs[IRQ_STA] = 0;
	w->regs[CFG] = CFG_SYSTEM_RESET;
	w->regs[MODE] = 0;
	w->bitten = false;
	restart(w, w->now);
}

static const u8 reg_of[] = {
    [SUNXI_IRQ_EN / 4] = IRQ_EN + 1,
    [SUNXI_IRQ_STA / 4] = IRQ_STA + 1,
    [SUNXI_CFG / 4] = CFG + 1,
    [SUNXI_MODE / 4] = MODE + 1,
};

static int sunxi_read(struct vwdt *w, u64 off, u32 *val)
{
	if (off == SUNXI_CTRL) {
		*val = 0;
		return 0;
	}
	if (off / 4 >= ARRAY_SIZE(reg_of) || (off & 3) || !reg_of[off / 4])
		return -EINVAL;
	*val = w->regs[reg_of[off / 4] - 1];
	return 0;
}

static int sunxi_write(struct vwdt *w, u64 off, u32 val)
{
	switch (off) {
	case SUNXI_IRQ_EN:
		w->regs[IRQ_EN] = val & 1;
		return 0;
	case SUNXI_IRQ_STA:
		w->regs[IRQ_STA] &= ~(val & 1); /* write 1 to clear */
		return 0;
	case SUNXI_CTRL:
		if ((val & 0x1fff) == CTRL_RESTART)
			restart(w, w->now);
		return 0;
	case SUNXI_CFG:
		w->regs[CFG] = val & 3;
		return 0;
	case SUNXI_MODE:
		w->regs[MODE] = val & 0xff;
		restart(w, w->now);
		return 0;
	default:
		return -EINVAL;
	}
}

static void sunxi_expire(struct vwdt *w)
{
	if (w->regs[CFG] == CFG_SYSTEM_RESET) {
		w->bitten = true;
		w->deadline = 0;
		return;
	}
	w->regs[IRQ_STA] |= 1;
	restart(w, w->deadline);
}

const struct vwdt_ops vwdt_sunxi_ops = {
    .reset = sunxi_reset,
    .read = sunxi_read,
    .write = sunxi_write,
    .expire = sunxi_expire,
};
