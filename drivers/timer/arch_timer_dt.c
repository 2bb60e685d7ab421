// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Arm generic timer's interrupts, the device-tree half of the driver
 * (the offline checker links it too). Linux binding arm,arch_timer.yaml:
 * "interrupts" lists the secure, non-secure, virtual and hypervisor
 * physical timer PPIs in that order; each is decoded by the GIC binding.
 */
#include <shyper/irq.h>
#include <shyper/timer.h>

u32 arch_timer_dt_ppi(const void *fdt, int node, enum arch_timer_irq which)
{
	struct dt_irq irq;

	if (dt_read_irq(fdt, node, which, &irq) || !irq.percpu)
		return 0;
	return irq.hwirq;
}
