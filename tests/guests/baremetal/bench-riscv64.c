// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench mode's RISC-V operations (bench.h), beside the common ones
 * (the hypercall is the SBI base version query): two interrupt latencies: the SBI timer from its
 * deadline to the guest's handler, and an IPI to itself (SBI send_ipi) from the call that sends it.
 */
#include "bench.h"
#include "guest-arch.h"
#include "hostile.h"
#include "sbi-riscv64.h"

#define SIE_SSIE (1UL << 1)
#define SSTATUS_SIE (1UL << 1)
/* Far enough ahead that the SBI call is done before it fires. */
#define TIMER_LEAD 400

static uint64_t wait_irq(void)
{
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
	while (!bench_irq_at)
		;
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	return bench_irq_at;
}

static uint64_t sbi_timer_latency(void)
{
	uint64_t deadline = arch_counter() + TIMER_LEAD / 100 + 1;

	bench_irq_at = 0;
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
	return wait_irq() - deadline;
}

static uint64_t ipi_self_latency(void)
{
	uint64_t start;

	bench_irq_at = 0;
	start = arch_counter();
	sbi_call(SBI_EXT_IPI, 0, 1, 0, 0); /* hart mask 1, base 0: hart 0, ourselves */
	return wait_irq() - start;
}

void arch_bench_ops(const struct fdt_info *info)
{
	hinfo = info;
	arch_victim_init();
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_SSIE));
	hirq_hook = bench_irq_seen;
	bench_add("sbi_timer_irq", 0, sbi_timer_latency);
	bench_add("ipi_self", 0, ipi_self_latency);
}
