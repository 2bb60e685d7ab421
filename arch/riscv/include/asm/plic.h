/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The physical PLIC as the hypervisor uses it (drivers/irqchip/plic.c):
 * each hart's S-mode context belongs to Shyper running in HS-mode.
 */
#ifndef ASM_PLIC_H
#define ASM_PLIC_H

#include <shyper/types.h>

struct cpu;

/**
 * plic_cpu_init() - this hart's context: every source disabled, threshold
 * 0. Called on every hart.
 */
void plic_cpu_init(struct cpu *cpu);

/**
 * plic_route() - enable source @src (priority 1) in the context of
 * physical CPU @cpu only, or disable it everywhere when @cpu is NULL
 */
void plic_route(u32 src, const struct cpu *cpu);

/** plic_claim() - the highest pending source of this hart, 0 if none. */
u32 plic_claim(void);

/** plic_complete() - end of source @src claimed by physical CPU @cpu. */
void plic_complete(u32 src, const struct cpu *cpu);

/** plic_nr_sources() - riscv,ndev + 1, 0 without a PLIC. */
u32 plic_nr_sources(void);

#endif
