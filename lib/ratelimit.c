// SPDX-License-Identifier: GPL-2.0-only
#include <shyper/ratelimit.h>

enum ratelimit_verdict ratelimit_event(struct ratelimit *rl, u64 now, u64 window, u64 *told)
{
	if (!rl->seen) {
		*rl = (struct ratelimit){.seen = true, .since = now};
		return RATELIMIT_FIRST;
	}
	rl->count++;
	/* now < since: the counter restarted (a reset CPU); start a new window. */
	if (!window || (now >= rl->since && now - rl->since < window))
		return RATELIMIT_QUIET;
	*told = rl->count;
	rl->count = 0;
	rl->since = now;
	return RATELIMIT_SUMMARY;
}
