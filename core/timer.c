// SPDX-License-Identifier: GPL-2.0-only
#include <shyper/timer.h>

static const struct clocksource *clock;

void timer_register(const struct clocksource *cs)
{
	clock = cs;
}

u64 timer_freq(void)
{
	return clock ? clock->freq : 0;
}

u32 timer_hyp_irq(void)
{
	return clock ? clock->hyp_irq : 0;
}

u64 timer_ticks(void)
{
	return clock ? clock->read() : 0;
}

u64 timer_us_to_ticks(u64 us)
{
	/* Split to avoid overflowing 64 bits for long delays at GHz rates. */
	return us / 1000000 * timer_freq() + us % 1000000 * timer_freq() / 1000000;
}
