/* SPDX-License-Identifier: GPL-2.0-only */
/* ESR_ELx syndrome fields (Arm ARM D17.2.37). */
#ifndef ASM_ESR_H
#define ASM_ESR_H

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_IL (1ULL << 25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

/* Data abort ISS (D17.2.37, ISS encoding for a Data Abort). */
#define DABT_ISV (1ULL << 24)
#define DABT_SAS(esr) (((esr) >> 22) & 3)
#define DABT_SSE (1ULL << 21)
#define DABT_SRT(esr) (((esr) >> 16) & 0x1f)
#define DABT_SF (1ULL << 15)
#define DABT_WNR (1ULL << 6)
#define FSC_SYNC_EXTERNAL 0x10

/* Trapped MSR/MRS ISS: Op0 Op2 Op1 CRn Rt CRm Direction. */
#define SYSREG_ISS_MASK 0x3ffc1e
#define SYSREG_RT(esr) (((esr) >> 5) & 0x1f)
#define SYSREG_READ(esr) ((esr)&1)
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))

#endif
