// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V timer, the hardware half: the time CSR (frequency and the choice
 * of CPU node in riscv_timer_dt.c).
 */
#include <libfdt.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/timer.h>
#include <asm/csr.h>

static struct clocksource riscv_clock = {.read = csr_time};

static __init int riscv_timer_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	int err = device_add(&riscv_timer_dt, fdt, node, id, NULL);
	u32 freq;

	if (err)
		return err;
	riscv_timer_dt_freq(fdt, node, &freq);
	riscv_clock.freq = freq;
	timer_register(&riscv_clock);
	return 0;
}

DRIVER_HW_DECLARE(riscv_timer, riscv_timer_dt, riscv_timer_probe);
