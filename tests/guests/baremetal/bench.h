/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bench mode (bootargs "bench", make bench): what each exit path
 * costs, as the guest sees it. Each operation is sampled BENCH_SAMPLES
 * times; a sample is either BENCH_BATCH back-to-back calls of a short
 * operation (the counter ticks once per 16 instructions under QEMU's
 * -icount, so one call alone would be too short to see), or one event
 * whose latency the architecture code measures itself (an interrupt from
 * its cause to the guest's handler).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#include "fdt_mini.h"

#define BENCH_SAMPLES 1000
#define BENCH_BATCH 16

struct bench_op {
	const char *name;
	void (*call)(void); /* timed BENCH_BATCH times per sample, or */
	uint64_t (*latency)(void); /* one sample, in counter ticks */
};

/** bench_main() - run every operation, print "BENCH <name> ..." lines. */
void bench_main(const struct fdt_info *info);

/*
 * bench_add() - one more operation to measure. Tables are filled at run
 * time: a static initializer would hold link-time addresses, and nothing
 * relocates the image (the guest runs wherever its VM's RAM is).
 */
void bench_add(const char *name, void (*call)(void), uint64_t (*latency)(void));

/* Provided by bench-<arch>.c: add its operations, after any setup they need. */
void arch_bench_ops(const struct fdt_info *info);

/* For the latency probes: the counter when the guest's handler saw an interrupt. */
extern volatile uint64_t bench_irq_at;
void bench_irq_seen(uint64_t intid);

#endif
