/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rate limiting for messages a guest can provoke at will: the first
 * event is told at once, the following ones are counted and told as one
 * summary line per window.
 */
#ifndef SHYPER_RATELIMIT_H
#define SHYPER_RATELIMIT_H

#include <shyper/types.h>

/**
 * struct ratelimit - one kind of event
 * @seen: the first one was told
 * @since: start of the current window (counter ticks)
 * @count: events since the last line, not told yet
 */
struct ratelimit {
	bool seen;
	u64 since;
	u64 count;
};

enum ratelimit_verdict {
	RATELIMIT_QUIET, /* counted, say nothing */
	RATELIMIT_FIRST, /* the first of its kind: tell it */
	RATELIMIT_SUMMARY, /* a window is over: tell how many came (*told) */
};

/**
 * ratelimit_event() - one more event at @now; what to print about it.
 * @window: length of a window in the same unit as @now (0: never a summary)
 * @told: for RATELIMIT_SUMMARY, the events the summary covers (this one included)
 */
enum ratelimit_verdict ratelimit_event(struct ratelimit *rl, u64 now, u64 window, u64 *told);

#endif
