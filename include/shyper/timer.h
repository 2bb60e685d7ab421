/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_TIMER_H
#define SHYPER_TIMER_H

#include <shyper/types.h>

/**
 * struct clocksource - the system counter found by the timer driver
 * @freq: ticks per second
 * @read: current count
 */
struct clocksource {
	u64 freq;
	u64 (*read)(void);
};

/** timer_register() - install the counter behind timer_ticks(). */
void timer_register(const struct clocksource *cs);

/** timer_freq() - counter frequency in Hz, 0 before a timer was probed. */
u64 timer_freq(void);

/** timer_ticks() - current count, 0 before a timer was probed. */
u64 timer_ticks(void);

/** timer_us_to_ticks() - convert a delay for the registered counter. */
u64 timer_us_to_ticks(u64 us);

#endif
