/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Data cache maintenance by VA to the point of coherency (Arm ARM D7.5
 * "Cache maintenance instructions"), line size from CTR_EL0.DminLine.
 */
#ifndef ASM_CACHE_H
#define ASM_CACHE_H

#include <shyper/types.h>

/** cache_inval_poc() - DC IVAC over [base, base + size): drop stale lines. */
void cache_inval_poc(paddr_t base, u64 size);

/** cache_clean_poc() - DC CVAC over [base, base + size): write dirty lines back. */
void cache_clean_poc(paddr_t base, u64 size);

#endif
