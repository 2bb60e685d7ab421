/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef FDT_MINI_H
#define FDT_MINI_H

#include <stdint.h>

/* What the test guest needs from its DTB (2-cell addresses and sizes). */
enum uart_kind {
	UART_NONE,
	UART_PL011,
	UART_NS16550,
};

/* The interrupt controller the guest DT describes (hostile.c, victim.c). */
enum intc_kind {
	INTC_NONE,
	INTC_GICV2,
	INTC_GICV3,
	INTC_PLIC,
};

#define FDT_MINI_MAX_CPUS 32

struct fdt_info {
	uint64_t uart;
	enum uart_kind uart_kind;
	uint32_t reg_shift; /* 16550 register spacing */
	uint64_t timebase; /* riscv: /cpus/timebase-frequency */
	uint64_t ram_base;
	uint64_t ram_size;
	unsigned int cpus;
	uint64_t cpu_hwid[FDT_MINI_MAX_CPUS]; /* each /cpus/cpu@ node's reg, in order */
	int attack; /* bootargs contain "attack" */
	int smp; /* bootargs contain "smp" */
	int bench; /* bootargs contain "bench" */
	int scrub; /* bootargs contain "scrub" */
	int hardening; /* bootargs contain "hardening" (hardening.c) */
	int race; /* bootargs contain "race" (hardening.c) */
	const void *dtb;
	int hostile; /* bootargs contain "hostile": the attacker (hostile.c) */
	int victim; /* bootargs contain "victim": memory checked on every tick */
	int crash; /* bootargs contain "crash": faults at boot with no handler (arch_crash()) */
	int shmem; /* bootargs contain "shmem": shared memory peer (shmem.c) */
	int shmem_echo; /* "shmem-echo": the bench's echo peer (shmem.c) */
	int shmem_outsider; /* "shmem-outsider": in no region's list (shmem.c) */
	int badrings; /* bootargs contain "badrings": a hostile virtio driver (badrings.c) */
	const char *bootargs; /* the property's bytes (NUL-terminated) */
	uint32_t bootargs_len;
	enum intc_kind intc_kind;
	uint64_t intc_reg[4]; /* first two <address size> pairs of its reg */
};

void fdt_mini_scan(const void *dtb, struct fdt_info *info);

/**
 * fdt_mini_reg() - address of reg entry @index (2-cell address and size)
 * of the first node compatible with @compatible, or 0 when there is none
 */
uint64_t fdt_mini_reg(const void *dtb, const char *compatible, unsigned int index);

/**
 * fdt_mini_prop() - property @prop of the @nth (from 0) node compatible
 * with @compatible, its length in *@len; NULL when there is no such node.
 * A node without @prop gives NULL too; ask for "compatible" to count nodes.
 */
const void *fdt_mini_prop(const void *dtb, const char *compatible, unsigned int nth,
			  const char *prop, uint32_t *len);

#endif
