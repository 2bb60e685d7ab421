// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vector and syndrome of exceptions reflected into guests
 * (asm/inject.h). References are to the Arm ARM (DDI 0487): D1.3.1 for
 * the vector table, D17.2.37 for ESR_ELx, C5.2.18 for SPSR_EL1.M.
 */
#include <asm/esr.h>
#include <asm/inject.h>

#define SPSR_M_AARCH32 (1ULL << 4) /* M[4]: the state was AArch32 */
#define SPSR_M_EL(spsr) (((spsr) >> 2) & 3) /* M[3:2] in AArch64 */
#define SPSR_M_SPSEL (1ULL << 0) /* M[0]: SP_ELx, not SP_EL0 */

#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_A64 0x400
#define VECTOR_LOWER_A32 0x600

/* Data abort ISS fields that describe the access itself. */
#define DABT_CM (1ULL << 8)
#define DABT_FNV (1ULL << 10) /* FAR not valid: the guest must not trust FAR_EL1 either */
#define DABT_SYNDROME_MASK (0x3ffULL << 14 | DABT_ISV) /* AR SF SRT SSE SAS ISV */

bool inject_from_lower(u64 spsr)
{
	return (spsr & SPSR_M_AARCH32) || SPSR_M_EL(spsr) == 0;
}

u64 inject_vector_offset(u64 spsr)
{
	if (spsr & SPSR_M_AARCH32)
		return VECTOR_LOWER_A32; /* EL1 is AArch64 (HCR_EL2.RW): only EL0 can be A32 */
	if (SPSR_M_EL(spsr) == 0)
		return VECTOR_LOWER_A64;
	return spsr & SPSR_M_SPSEL ? VECTOR_CURRENT_SPX : VECTOR_CURRENT_SP0;
}

/*
 * IL is 1 for an instruction abort and for a data abort without a valid
 * instruction syndrome; with ISV set it is the trapped instruction's
 * length (a 16-bit T32 access has IL 0).
 */
u64 inject_abort_esr(u64 spsr, u64 esr_el2, bool data)
{
	bool lower = inject_from_lower(spsr);
	u64 ec, iss = FSC_SYNC_EXTERNAL, il = ESR_IL;

	if (!data) {
		ec = lower ? EC_IABT_LOW : EC_IABT_CUR;
	} else {
		ec = lower ? EC_DABT_LOW : EC_DABT_CUR;
		iss |= esr_el2 & (DABT_WNR | DABT_CM | DABT_FNV);
		if (esr_el2 & DABT_ISV) {
			iss |= esr_el2 & DABT_SYNDROME_MASK;
			il = esr_el2 & ESR_IL;
		}
	}
	return ec << 26 | il | iss;
}

u64 inject_undef_esr(void)
{
	return (u64)EC_UNKNOWN << 26 | ESR_IL;
}
