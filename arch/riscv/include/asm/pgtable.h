/* SPDX-License-Identifier: GPL-2.0-only */
/* Sv39/Sv48 and G-stage descriptor formats (arch/riscv/pgtable.c); pure data. */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <shyper/pgtable.h>

#define SATP_MODE_SV39 8ULL
#define SATP_MODE_SV48 9ULL
#define SATP_MODE_SHIFT 60

/**
 * riscv_sv_layout() - set @pt up for an identity map with Sv39 (@levels 3)
 * or Sv48 (@levels 4): format, root size, and the canonical-address limit
 */
void riscv_sv_layout(unsigned int levels, struct pt *pt);

/** riscv_gstage_layout() - the same for a G-stage tree, Sv39x4 / Sv48x4 (16 KiB root). */
void riscv_gstage_layout(unsigned int levels, struct pt *pt);

#endif
