/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_TIMER_H
#define SHYPER_TIMER_H

#include <shyper/types.h>

/**
 * struct clocksource - the system counter found by the timer driver
 * @freq: ticks per second
 * @read: current count
 * @guest_irq: the per-CPU interrupt a guest's own timer raises (Arm: the
 *             virtual timer PPI, from the DTB), 0 when unknown
 * @hyp_irq: Arm: the EL2 physical timer's PPI (timer_arch_hyp_arm()), 0
 *           when unknown
 */
struct clocksource {
	u64 freq;
	u64 (*read)(void);
	u32 guest_irq;
	u32 hyp_irq;
};

/** timer_hyp_irq() - the registered counter's @hyp_irq, 0 when none. */
u32 timer_hyp_irq(void);

/** timer_register() - install the counter behind timer_ticks(). */
void timer_register(const struct clocksource *cs);

/** timer_freq() - counter frequency in Hz, 0 before a timer was probed. */
u64 timer_freq(void);

/** timer_ticks() - current count, 0 before a timer was probed. */
u64 timer_ticks(void);

/* The Arm generic timer's interrupts, in the order of arm,arch_timer.yaml. */
enum arch_timer_irq {
	ARCH_TIMER_SECURE,
	ARCH_TIMER_PHYS,
	ARCH_TIMER_VIRT,
	ARCH_TIMER_HYP,
};

/**
 * arch_timer_dt_ppi() - INTID of the Arm timer interrupt @which of @node,
 * decoded by its GIC's binding (any #interrupt-cells, interrupts or
 * interrupts-extended)
 * Return: the INTID, or 0 when absent, malformed or not a PPI.
 * Weak, as the driver's tables (device.h): NULL in a build without it.
 */
u32 arch_timer_dt_ppi(const void *fdt, int node, enum arch_timer_irq which) __attribute__((weak));

/**
 * arch_timer_dt_freq() - the Arm timer's frequency: @node's
 * clock-frequency when it has one (firmware that did not program
 * CNTFRQ_EL0), else @cntfrq
 */
u32 arch_timer_dt_freq(const void *fdt, int node, u32 cntfrq);

/**
 * riscv_timer_dt_freq() - the time CSR's frequency, for the first enabled
 * CPU node @node (timebase-frequency there or in /cpus)
 * Return: 0, -ENODEV for another CPU node, -EINVAL without the property.
 */
int riscv_timer_dt_freq(const void *fdt, int node, u32 *freq);

/** timer_ticks_to_ms() - @ticks of the registered counter in milliseconds (0 without one). */
static inline u64 timer_ticks_to_ms(u64 ticks)
{
	u64 f = timer_freq();

	/* Split: ticks * 1000 would overflow 64 bits after 2^64 / 1000 ticks. */
	return f ? ticks / f * 1000 + ticks % f * 1000 / f : 0;
}

/** timer_us_to_ticks() - convert a delay for the registered counter. */
u64 timer_us_to_ticks(u64 us);

/**
 * timer_arch_hyp_arm() - this CPU's hypervisor timer fires at counter tick
 * @when (replacing an earlier setting), then calls vwdt_timer_fired()
 * (arm64: the EL2 physical timer; riscv: the SBI timer, shared with the
 * guest's when the hart has no Sstc)
 */
void timer_arch_hyp_arm(u64 when);

#endif
