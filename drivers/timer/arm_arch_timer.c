// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm generic timer (Arm ARM D11). The frequency is CNTFRQ_EL0 as firmware
 * programmed it, unless the node overrides it with clock-frequency. The
 * interrupts property lists secure, non-secure, virtual and hypervisor
 * PPIs, in that order (Linux binding arm,arch_timer.yaml).
 */
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/timer.h>
#include <asm/sysreg.h>

#define TIMER_PPI_VIRT 2
#define TIMER_PPI_HYP 3
#define GIC_PPI_BASE 16

static u64 arch_counter_read(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

static struct clocksource arch_counter = {.read = arch_counter_read};

/* The PPI number (INTID) of entry @index of interrupts, or 0. */
static u32 timer_ppi(const void *fdt, int node, int index)
{
	const int cells = 3; /* <type number flags> */
	u32 num;

	if (dt_read_u32_index(fdt, node, "interrupts", index * cells + 1, &num))
		return 0;
	return num + GIC_PPI_BASE;
}

static int arch_timer_probe(const void *fdt, int node, const char *compatible)
{
	u32 freq;

	if (dt_read_u32(fdt, node, "clock-frequency", &freq))
		freq = (u32)read_sysreg(cntfrq_el0);
	if (!freq)
		return -EINVAL;
	arch_counter.freq = freq;
	timer_register(&arch_counter);
	platform_add_device(DEVICE_TIMER, node, "arch-timer", "%s, %u Hz, hyp PPI %u, virt PPI %u",
			    compatible, freq, timer_ppi(fdt, node, TIMER_PPI_HYP),
			    timer_ppi(fdt, node, TIMER_PPI_VIRT));
	return 0;
}

static const char *const arch_timer_compatible[] = {"arm,armv8-timer", NULL};
DRIVER_DECLARE(arch_timer, "arch-timer", DEVICE_TIMER, arch_timer_compatible, arch_timer_probe);
