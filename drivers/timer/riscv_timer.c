// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V timer: the time CSR counts at /cpus/timebase-frequency (Linux
 * binding riscv/cpus.yaml). CPU nodes are compatible with "riscv", so the
 * first one probes the timer and the others are declined.
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/timer.h>

static u64 riscv_time_read(void)
{
	unsigned long t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static struct clocksource riscv_clock = {.read = riscv_time_read};

static __init int riscv_timer_probe(const void *fdt, int node, const char *compatible)
{
	u32 freq;

	if (riscv_clock.freq)
		return -ENODEV;
	/* The property may sit in the CPU node or, usually, in /cpus. */
	if (dt_read_u32(fdt, node, "timebase-frequency", &freq) &&
	    dt_read_u32(fdt, fdt_parent_offset(fdt, node), "timebase-frequency", &freq))
		return -EINVAL;
	riscv_clock.freq = freq;
	timer_register(&riscv_clock);
	platform_add_device(DEVICE_TIMER, node, "riscv-timer", "riscv time CSR, timebase %u Hz",
			    freq);
	return 0;
}

static const char *const riscv_timer_compatible[] = {"riscv", NULL};
DRIVER_DECLARE(riscv_timer, "riscv-timer", DEVICE_TIMER, riscv_timer_compatible, riscv_timer_probe);
