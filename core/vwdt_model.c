// SPDX-License-Identifier: GPL-2.0-only
/* Time for the watchdog models (include/shyper/vwdt.h). */
#include <shyper/vwdt.h>

void vwdt_advance(struct vwdt *w, u64 now)
{
	w->now = now;
	/* Each expiry moves the deadline forward or stops: bounded by the stages. */
	while (!w->bitten && w->deadline && now >= w->deadline)
		w->ops->expire(w);
}

int vwdt_access(struct vwdt *w, u64 off, bool write, u32 *val, u64 now)
{
	vwdt_advance(w, now);
	if (!write)
		return w->ops->read(w, off, val);
	return w->bitten ? 0 : w->ops->write(w, off, *val);
}
