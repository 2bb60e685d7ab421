/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an exception reflected into a guest looks like from EL1: the vector
 * it enters and the syndrome it reads, computed from the trapped state
 * alone (no system register access), so the unit suite checks them on the
 * host (tests/unit/inject_test.c).
 */
#ifndef ASM_INJECT_H
#define ASM_INJECT_H

#include <shyper/types.h>

/* PSTATE a synchronous exception to EL1 starts with: EL1h, D A I F masked. */
#define SPSR_EL1H_MASKED 0x3c5ULL

/**
 * inject_vector_offset() - offset from VBAR_EL1 of the synchronous vector
 * an exception taken to EL1 from the state in @spsr enters (Arm ARM D1.3.1,
 * "Exception vectors"): EL1 with SP_EL0 0x000, EL1 with SP_EL1 0x200,
 * AArch64 EL0 0x400, AArch32 EL0 0x600
 */
u64 inject_vector_offset(u64 spsr);

/** inject_from_lower() - @spsr is EL0 (AArch64 or AArch32): a lower EL than EL1. */
bool inject_from_lower(u64 spsr);

/**
 * inject_abort_esr() - ESR_EL1 of a synchronous External abort for the
 * access that trapped to EL2 with @esr_el2 (Arm ARM D17.2.37): the class
 * from the level it came from, WnR and CM of the real access, its
 * instruction syndrome (ISV, SAS, SSE, SRT, SF, AR) when the hardware gave
 * one, FnV when FAR_EL2 was not valid, IL as the architecture requires
 * @data: a data abort; else an instruction abort
 */
u64 inject_abort_esr(u64 spsr, u64 esr_el2, bool data);

/** inject_undef_esr() - ESR_EL1 of an Undefined Instruction exception (EC 0, IL 1). */
u64 inject_undef_esr(void);

#endif
