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
