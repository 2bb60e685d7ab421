// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench mode's RISC-V operations (bench.h), beside the common ones
 * (the hypercall is the SBI base version query): two interrupt latencies: the SBI timer from its
 * deadline to the guest's handler, and an IPI to itself (SBI send_ipi) from the call that sends it.
 */
#include "bench.h"
#include "guest-arch.h"
#include "hostile.h"

#define SBI_EXT_TIME 0x54494d45UL
#define SBI_EXT_IPI 0x735049UL
#define SIE_SSIE (1UL << 1)
#define SSTATUS_SIE (1UL << 1)
/* Far enough ahead that the SBI call is done before it fires. */
#define TIMER_LEAD 400

static uint64_t ecall(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1)
{
	register uint64_t r0 __asm__("a0") = a0;
	register uint64_t r1 __asm__("a1") = a1;
	register uint64_t r6 __asm__("a6") = fid;
	register uint64_t r7 __asm__("a7") = ext;

	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r6), "r"(r7) : "memory");
	return r0;
}

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
	ecall(SBI_EXT_TIME, 0, deadline, 0);
	return wait_irq() - deadline;
}

static uint64_t ipi_self_latency(void)
{
	uint64_t start;

	bench_irq_at = 0;
	start = arch_counter();
	ecall(SBI_EXT_IPI, 0, 1, 0); /* hart mask 1, base 0: hart 0, ourselves */
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
