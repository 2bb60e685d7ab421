/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor entries counted per physical CPU and cause (issue 13.3): what
 * a guest costs, and proof that a CPU was left alone. The arch exit paths
 * classify each entry once; the hypervisor console's `exits` command
 * prints the table.
 */
#ifndef SHYPER_EXIT_STATS_H
#define SHYPER_EXIT_STATS_H

#include <shyper/types.h>

enum exit_cause {
	EXIT_CAUSE_HYPERCALL, /* HVC/SMC, ECALL */
	EXIT_CAUSE_MMIO, /* emulated device access (stage-2/G-stage fault) */
	EXIT_CAUSE_SYSREG, /* trapped system register or instruction */
	EXIT_CAUSE_IRQ, /* a physical interrupt (timer, IPI, device) */
	EXIT_CAUSE_FAULT, /* reflected into the guest: bad access, undefined instruction */
	NR_EXIT_CAUSES
};

/*
 * exit_count() - one more hypervisor entry of @cause on this CPU: a plain
 * increment of this CPU's own row (struct cpu), a few instructions on every
 * exit path, so inline.
 */
#define exit_count(cause) (cpu_current()->exits[(cause)]++)

/*
 * exit_time_begin() / exit_time_end() - bracket one guest exit on @cpu (the
 * running CPU, passed in to spare a lookup): @now is the system counter
 * (the one timer_ticks() reads), read by the arch exit path as its first
 * step and again just before it returns to the guest. The difference adds
 * to @cpu's hyp_ticks: no lock, one store at each end. An exit that does
 * not return (its vCPU stops) adds nothing.
 */
#define exit_time_begin(cpu, now) ((cpu)->exit_stamp = (now))
#define exit_time_end(cpu, now) ((cpu)->hyp_ticks += (now) - (cpu)->exit_stamp)

/** exit_stats_read() - entries of @cause on CPU @cpu so far. */
u64 exit_stats_read(unsigned int cpu, enum exit_cause cause);

/** exit_stats_hyp_ticks() - counter ticks CPU @cpu spent in guest exits so far. */
u64 exit_stats_hyp_ticks(unsigned int cpu);

/** exit_stats_total() - entries of every cause on CPU @cpu so far. */
u64 exit_stats_total(unsigned int cpu);

/** exit_cause_name() - "hypercall", "mmio", "sysreg", "irq" or "fault". */
const char *exit_cause_name(enum exit_cause cause);

/**
 * exit_stats_print() - one line per online CPU (the console's `exits`):
 * its entries by cause and the hypervisor time they took
 */
void exit_stats_print(void);

#endif
