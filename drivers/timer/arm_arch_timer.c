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

static __init int arch_timer_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	u32 cntfrq = (u32)read_sysreg(cntfrq_el0);
	int err = device_add(&arch_timer_dt, fdt, node, id, &cntfrq);

	if (err)
		return err;
	arch_counter.freq = arch_timer_dt_freq(fdt, node, cntfrq);
	/* Guests get the virtual timer: its PPI is forwarded as a hardware interrupt. */
	arch_counter.guest_irq = arch_timer_dt_ppi(fdt, node, ARCH_TIMER_VIRT);
	if (!arch_counter.guest_irq)
		pr_warn("no virtual timer PPI in interrupts: guests get no timer interrupt\n");
	/* The hypervisor's own deadlines (virtual watchdogs) use the EL2 physical timer. */
	arch_counter.hyp_irq = arch_timer_dt_ppi(fdt, node, ARCH_TIMER_HYP);
	timer_register(&arch_counter);
	return 0;
}

DRIVER_HW_DECLARE(arch_timer, arch_timer_dt, arch_timer_probe);
