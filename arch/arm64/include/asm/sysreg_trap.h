/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System registers a guest reaches only through a trap (Documentation/
 * security.md, "Traps"): the self-hosted debug registers (MDCR_EL2.TDA,
 * TDOSA, TDRA) and the PMU (MDCR_EL2.TPM, TPMCR) read as zero and ignore
 * writes, so a guest sees neither breakpoints, watchpoints nor counters and
 * cannot arm any; IMPLEMENTATION DEFINED registers (HCR_EL2.TIDCP) and
 * trace registers (CPTR_EL2.TTA) are undefined. The decoding is pure, for
 * the unit suite (tests/unit/inject_test.c).
 */
#ifndef ASM_SYSREG_TRAP_H
#define ASM_SYSREG_TRAP_H

#include <shyper/types.h>

/** sysreg_is_debug() - @iss (EC 0x18) names a self-hosted debug register (op0 2, op1 0 or 3). */
bool sysreg_is_debug(u64 iss);

/** sysreg_is_pmu() - @iss names a PMUv3 register (PMCR_EL0 ... PMCCFILTR_EL0, PMINTEN*_EL1). */
bool sysreg_is_pmu(u64 iss);

/** sysreg_trap_mdcr() - MDCR_EL2 for a guest, from ID_AA64DFR0_EL1 and PMCR_EL0.N. */
u64 sysreg_trap_mdcr(u64 id_aa64dfr0, u64 pmcr);

/** sysreg_has_pmu() - ID_AA64DFR0_EL1.PMUVer says a PMUv3 is implemented. */
bool sysreg_has_pmu(u64 id_aa64dfr0);

#endif
