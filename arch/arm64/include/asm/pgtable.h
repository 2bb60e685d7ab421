/* SPDX-License-Identifier: GPL-2.0-only */
/* EL2 stage-1 descriptor format (arch/arm64/pgtable.c); pure data. */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <shyper/pgtable.h>

/* MAIR_EL2 attribute indices (arch/arm64/mm.c programs the register). */
#define MAIR_IDX_DEVICE_NGNRNE 0
#define MAIR_IDX_DEVICE 1 /* Device-nGnRE */
#define MAIR_IDX_NORMAL 2 /* Normal, inner and outer write-back, RW-allocate */

/**
 * arm64_va_layout() - the format and root size that identity-map @pa_bits
 * of physical address space (4 KiB granule: 4 levels above 39 bits)
 */
void arm64_va_layout(unsigned int pa_bits, const struct pt_format **fmt,
		     unsigned int *root_entries, u64 *limit);

/**
 * arm64_pa_bits() - this CPU's physical address size in bits (capped at 48,
 * the most a 4 KiB granule reaches), and its ID_AA64MMFR0_EL1.PARange
 * encoding for TCR_EL2.PS / VTCR_EL2.PS
 */
unsigned int arm64_pa_bits(unsigned int *parange);

#endif
