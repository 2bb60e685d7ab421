// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench mode's AArch64 operations (bench.h), the rows of issue 13's
 * table beside the common ones (the hypercall is PSCI_VERSION by HVC):
 * PSCI_VERSION by SMC, a read of the emulated
 * GICD_TYPER, a write of one already-set bit to the SGI/PPI set-enable
 * register (GICR_ISENABLER0, GICD_ISENABLER0 on GICv2), and two interrupt
 * latencies: the virtual timer from its compare value to the guest's
 * handler, and an SGI to itself from the write that sends it.
 */
#include "bench.h"
#include "gic-arm64.h"
#include "guest-arch.h"

#define PSCI_VERSION 0x84000000ULL
#define SGI_BENCH 5
/* Far enough ahead that the write of CVAL is done before it fires. */
#define TIMER_LEAD 64

static void psci_version_smc(void)
{
	register uint64_t x0 __asm__("x0") = PSCI_VERSION;

	__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

static void gicd_typer_read(void)
{
	(void)mmio_read32(gicd(GICD_TYPER));
}

/* The timer's PPI is enabled already (arch_victim_init): a no-op write. */
static void isenabler_set(void)
{
	if (gicv3())
		mmio_write32(gicr(my_id(), GICR_SGI + GICD_ISENABLER), 1U << PPI_VTIMER);
	else
		mmio_write32(gicd(GICD_ISENABLER), 1U << PPI_VTIMER);
}

/* Interrupts on until the handler ran (bench_irq_seen); the counter then. */
static uint64_t wait_irq(void)
{
	irq_enable(1);
	while (!bench_irq_at)
		;
	irq_enable(0);
	return bench_irq_at;
}

static uint64_t vtimer_latency(void)
{
	uint64_t cval = arch_counter() + TIMER_LEAD / 16 + 1;

	bench_irq_at = 0;
	sysreg_write("cntv_cval_el0", cval);
	sysreg_write("cntv_ctl_el0", 1); /* the guest's handler turns it off */
	return wait_irq() - cval;
}

static uint64_t sgi_self_latency(void)
{
	uint64_t start;

	bench_irq_at = 0;
	start = arch_counter();
	if (gicv3()) /* target list: our own Aff0, Aff1..3 zero */
		sysreg_write(ICC_SGI1R, ((uint64_t)SGI_BENCH << 24) | (1U << my_id()));
	else /* TargetListFilter 0b10: the requesting CPU */
		mmio_write32(gicd(GICD_SGIR), (2U << 24) | SGI_BENCH);
	return wait_irq() - start;
}

void arch_bench_ops(const struct fdt_info *info)
{
	hinfo = info;
	arch_victim_init();
	hirq_hook = bench_irq_seen;
	bench_add("psci_version_smc", psci_version_smc, 0);
	bench_add("gicd_typer_read", gicd_typer_read, 0);
	bench_add("isenabler_set", isenabler_set, 0);
	bench_add("vtimer_irq", 0, vtimer_latency);
	bench_add("sgi_self", 0, sgi_self_latency);
}
