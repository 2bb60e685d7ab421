// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm generic timer (Arm ARM D11). The frequency is CNTFRQ_EL0 as firmware
 * programmed it, unless the node overrides it with clock-frequency. The
 * PPIs come from the node (arch_timer_dt.c).
 */
#define pr_fmt(fmt) "arch-timer: " fmt

#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <asm/sysreg.h>

static u64 arch_counter_read(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

static struct clocksource arch_counter = {.read = arch_counter_read};

static __init int arch_timer_probe(const void *fdt, int node, const char *compatible)
{
	u32 freq;

	if (dt_read_u32(fdt, node, "clock-frequency", &freq))
		freq = (u32)read_sysreg(cntfrq_el0);
	if (!freq)
		return -EINVAL;
	arch_counter.freq = freq;
	/* Guests get the virtual timer: its PPI is forwarded as a hardware interrupt. */
	arch_counter.guest_irq = arch_timer_dt_ppi(fdt, node, ARCH_TIMER_VIRT);
	if (!arch_counter.guest_irq)
		pr_warn("no virtual timer PPI in interrupts: guests get no timer interrupt\n");
	timer_register(&arch_counter);
	platform_add_device(DEVICE_TIMER, node, "arch-timer", "%s, %u Hz, hyp PPI %u, virt PPI %u",
			    compatible, freq, arch_timer_dt_ppi(fdt, node, ARCH_TIMER_HYP),
			    arch_counter.guest_irq);
	return 0;
}

static const char *const arch_timer_compatible[] = {"arm,armv8-timer", NULL};
DRIVER_DECLARE(arch_timer, "arch-timer", DEVICE_TIMER, arch_timer_compatible, arch_timer_probe);
