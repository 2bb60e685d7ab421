// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which trapped system registers are debug or PMU registers, and the
 * MDCR_EL2 value that traps them (Arm ARM D17.2.108 MDCR_EL2; register
 * encodings from the tables of D19, "op0 == 0b10" debug registers and
 * "op0 == 0b11, CRn 9 / 14" performance monitors).
 */
#include <asm/sysreg_trap.h>

#define ISS_OP0(iss) (((iss) >> 20) & 3)
#define ISS_OP1(iss) (((iss) >> 14) & 7)
#define ISS_CRN(iss) (((iss) >> 10) & 0xf)
#define ISS_CRM(iss) (((iss) >> 1) & 0xf)

#define MDCR_TPMCR (1ULL << 5)
#define MDCR_TPM (1ULL << 6)
#define MDCR_TDA (1ULL << 9)
#define MDCR_TDOSA (1ULL << 10)
#define MDCR_TDRA (1ULL << 11)
#define MDCR_HPMN_MASK 0x1fULL
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)
#define DFR0_PMUVER(dfr0) (((dfr0) >> 8) & 0xf)
#define PMUVER_IMPDEF 0xf

/* op1 1 is the trace unit (CPTR_EL2.TTA), op1 4 is EL2's own, never trapped here. */
bool sysreg_is_debug(u64 iss)
{
	return ISS_OP0(iss) == 2 && (ISS_OP1(iss) == 0 || ISS_OP1(iss) == 3);
}

/*
 * CRn 9, CRm 12-14: PMCR ... PMOVSSET, PMUSERENR, PMINTENSET/CLR, PMMIR;
 * CRn 14, CRm 8-15 (op1 3): PMEVCNTR<n>, PMEVTYPER<n>, PMCCFILTR.
 */
bool sysreg_is_pmu(u64 iss)
{
	unsigned int op1 = ISS_OP1(iss), crn = ISS_CRN(iss), crm = ISS_CRM(iss);

	if (ISS_OP0(iss) != 3)
		return false;
	if (crn == 9 && crm >= 12 && crm <= 14)
		return op1 == 3 || (op1 == 0 && crm == 14);
	return crn == 14 && op1 == 3 && crm >= 8;
}

bool sysreg_has_pmu(u64 id_aa64dfr0)
{
	unsigned int ver = DFR0_PMUVER(id_aa64dfr0);

	return ver != 0 && ver != PMUVER_IMPDEF;
}

/*
 * TDE stays clear: the guest's own debug exceptions (BRK) go to its EL1.
 * HPMN keeps every counter in the guest's range (PMCR_EL0.N, its reset
 * value: 0 is UNPREDICTABLE without FEAT_HPMN0); the PMU fields are RES0
 * when there is no PMU.
 */
u64 sysreg_trap_mdcr(u64 id_aa64dfr0, u64 pmcr)
{
	u64 mdcr = MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;

	if (sysreg_has_pmu(id_aa64dfr0))
		mdcr |= MDCR_TPM | MDCR_TPMCR | (PMCR_N(pmcr) & MDCR_HPMN_MASK);
	return mdcr;
}
