/* SPDX-License-Identifier: GPL-2.0-only */
/* EL2 stage-1 and stage-2 descriptor formats (arch/arm64/pgtable.c); pure data. */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <shyper/pgtable.h>

/* MAIR_EL2 attribute indices (arch/arm64/mm.c programs the register). */
#define MAIR_IDX_DEVICE_NGNRNE 0
#define MAIR_IDX_DEVICE 1 /* Device-nGnRE */
#define MAIR_IDX_NORMAL 2 /* Normal, inner and outer write-back, RW-allocate */

/**
 * arm64_el2_layout() - set @pt up for Shyper's EL2 identity map of @pa_bits
 * of physical address space: format, root size and limit (4 KiB granule,
 * 4 levels above 39 bits)
 */
void arm64_el2_layout(unsigned int pa_bits, struct pt *pt);

/** arm64_s2_layout() - the same for a stage-2 tree of @ipa_bits. */
void arm64_s2_layout(unsigned int ipa_bits, struct pt *pt);

/**
 * arm64_pa_bits() - this CPU's physical address size in bits (capped at 48,
 * the most a 4 KiB granule reaches), and its ID_AA64MMFR0_EL1.PARange
 * encoding for TCR_EL2.PS / VTCR_EL2.PS
 */
unsigned int arm64_pa_bits(unsigned int *parange);

/** arm64_parange_bits() - PA size of ID_AA64MMFR0_EL1.PARange @parange, as the CPU reports it. */
unsigned int arm64_parange_bits(unsigned int parange);

#endif
