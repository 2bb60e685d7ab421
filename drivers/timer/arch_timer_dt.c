// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Arm generic timer, the device-tree half of the driver (the offline
 * checker links it too): the match table, the interrupts, the summary. Linux binding
 * arm,arch_timer.yaml: "interrupts" lists the secure, non-secure, virtual and hypervisor physical
 * timer PPIs in that order; each is decoded by the GIC binding.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/fmt.h>
#include <shyper/irq.h>
#include <shyper/timer.h>

u32 arch_timer_dt_ppi(const void *fdt, int node, enum arch_timer_irq which)
{
	struct dt_irq irq;

	if (dt_read_irq(fdt, node, which, &irq) || !irq.percpu)
		return 0;
	return irq.hwirq;
}

/*
 * arm,armv7-timer is the same generic timer (Arm ARM D11, the AArch32 name
 * of the binding); some arm64 DTBs list it: accepted, as Linux does.
 */
const struct dt_device_id arch_timer_match[] = {
    {"arm,armv8-timer", NULL},
    {"arm,armv7-timer", NULL},
    {NULL, NULL},
};

/* A PPI the node does not give: the hypervisor warns, the summary says "?". */
static void format_ppi(char *buf, size_t len, u32 ppi)
{
	fmt_snprintf(buf, len, ppi ? "%u" : "?", ppi);
}

u32 arch_timer_dt_freq(const void *fdt, int node, u32 cntfrq)
{
	u32 freq;

	return dt_read_u32(fdt, node, "clock-frequency", &freq) ? cntfrq : freq;
}

/* @hw: CNTFRQ_EL0 as firmware programmed it (u32); offline, "?" Hz without clock-frequency. */
static int arch_timer_describe(const void *fdt, int node, const struct dt_device_id *id,
			       const void *hw, char *buf, size_t len)
{
	char hz[16], hyp[12], virt[12];
	u32 freq = arch_timer_dt_freq(fdt, node, hw ? *(const u32 *)hw : 0);

	if (!freq && (hw || fdt_getprop(fdt, node, "clock-frequency", NULL)))
		return -EINVAL;
	fmt_snprintf(hz, sizeof(hz), freq ? "%u" : "?", freq);
	format_ppi(hyp, sizeof(hyp), arch_timer_dt_ppi(fdt, node, ARCH_TIMER_HYP));
	format_ppi(virt, sizeof(virt), arch_timer_dt_ppi(fdt, node, ARCH_TIMER_VIRT));
	fmt_snprintf(buf, len, "%s, %s Hz, hyp PPI %s, virt PPI %s", id->compatible, hz, hyp, virt);
	return 0;
}

DRIVER_DT_DECLARE(arch_timer_dt, "arch-timer", DEVICE_TIMER, arch_timer_match, arch_timer_describe);
