/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the two halves of the PLIC driver (plic.c, plic_dt.c). */
#ifndef DRIVERS_IRQCHIP_PLIC_DT_H
#define DRIVERS_IRQCHIP_PLIC_DT_H

#include <shyper/types.h>

/* What the PLIC driver finds in hardware (and the CPU table), for the summary. */
struct plic_hw {
	u32 contexts;
	u32 supervisor;
	u32 max_priority;
};

/**
 * plic_dt_read() - reg and riscv,ndev of PLIC node @node
 * Return: 0, or -EINVAL when either is missing.
 */
int plic_dt_read(const void *fdt, int node, paddr_t *base, u64 *size, u32 *ndev);

#endif
