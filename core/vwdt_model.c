// SPDX-License-Identifier: GPL-2.0-only
/* Time for the watchdog models (include/shyper/vwdt.h). */
#include <shyper/vwdt.h>

static bool due(const struct vwdt *w, u64 now)
{
	return !w->bitten && w->deadline && now >= w->deadline;
}

void vwdt_advance(struct vwdt *w, u64 now)
{
	u64 before = 0, period, skipped;
	unsigned int n;

	w->now = now;
	/*
	 * Two expiries bring either model to its steady state (interrupt
	 * raised, then a bite or one more period of the same): after them only
	 * the deadline moves, so whole periods are skipped at once instead of
	 * looping once per period over a long gap (a tiny LOAD would keep the
	 * vCPU in the hypervisor for gap/period iterations).
	 */
	for (n = 0; n < 2 && due(w, now); n++) {
		before = w->deadline;
		w->ops->expire(w);
	}
	if (!due(w, now) || w->deadline <= before)
		return;
	period = w->deadline - before;
	skipped = ((now - w->deadline) / period + 1) * period;
	w->start += skipped;
	w->deadline += skipped;
}

int vwdt_access(struct vwdt *w, u64 off, bool write, u32 *val, u64 now)
{
	vwdt_advance(w, now);
	if (!write)
		return w->ops->read(w, off, val);
	return w->bitten ? 0 : w->ops->write(w, off, *val);
}
