// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch/arm64/inject.c: the vector and ESR_EL1 of exceptions Shyper
 * reflects into arm64 guests; arch/arm64/sysreg_trap.c: which trapped
 * registers are debug or PMU ones, and MDCR_EL2; against the Arm ARM
 * (DDI 0487) tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <asm/esr.h>
#include <asm/inject.h>
#include <asm/sysreg_trap.h>

/* SPSR_EL1.M values (C5.2.18): EL0t, EL1t, EL1h; AArch32 User, System. */
#define M_EL0T 0x0
#define M_EL1T 0x4
#define M_EL1H 0x5
#define M_A32_USR 0x10
#define M_A32_SYS 0x1f
#define DAIF 0x3c0
#define ESR(ec, il, iss) ((u64)(ec) << 26 | ((il) ? ESR_IL : 0) | (iss))

static void test_vector_offsets(void **state)
{
	(void)state;
	assert_int_equal(inject_vector_offset(M_EL1T), 0x000);
	assert_int_equal(inject_vector_offset(M_EL1T | DAIF), 0x000);
	assert_int_equal(inject_vector_offset(M_EL1H), 0x200);
	assert_int_equal(inject_vector_offset(M_EL1H | DAIF | 1ULL << 31), 0x200);
	assert_int_equal(inject_vector_offset(M_EL0T), 0x400);
	assert_int_equal(inject_vector_offset(M_EL0T | 1ULL << 29), 0x400); /* flags ignored */
	assert_int_equal(inject_vector_offset(M_A32_USR), 0x600);
	assert_int_equal(inject_vector_offset(M_A32_USR | 1ULL << 5), 0x600); /* T32 */
	assert_int_equal(inject_vector_offset(M_A32_SYS), 0x600);
}

static void test_lower_el(void **state)
{
	(void)state;
	assert_true(inject_from_lower(M_EL0T));
	assert_true(inject_from_lower(M_A32_USR));
	assert_false(inject_from_lower(M_EL1T));
	assert_false(inject_from_lower(M_EL1H));
}

/* A store with a valid syndrome: STR W3, [X1] from EL1h, trapped at stage 2. */
static void test_data_abort_store(void **state)
{
	u64 el2 = ESR(EC_DABT_LOW, 1, DABT_ISV | 2ULL << 22 | 3ULL << 16 | DABT_WNR | 0x07);

	(void)state;
	assert_int_equal(inject_abort_esr(M_EL1H, el2, true),
			 ESR(EC_DABT_CUR, 1, DABT_ISV | 2ULL << 22 | 3ULL << 16 | DABT_WNR | 0x10));
	/* The same access from EL0: the lower-EL class. */
	assert_int_equal(inject_abort_esr(M_EL0T, el2, true),
			 ESR(EC_DABT_LOW, 1, DABT_ISV | 2ULL << 22 | 3ULL << 16 | DABT_WNR | 0x10));
}

/* A load without syndrome (LDP): no ISV, IL is 1, WnR clear. */
static void test_data_abort_load_no_syndrome(void **state)
{
	(void)state;
	assert_int_equal(inject_abort_esr(M_EL1T, ESR(EC_DABT_LOW, 1, 0x06), true),
			 ESR(EC_DABT_CUR, 1, 0x10));
	/* STP: WnR set, still no syndrome. */
	assert_int_equal(inject_abort_esr(M_EL1T, ESR(EC_DABT_LOW, 1, DABT_WNR | 0x06), true),
			 ESR(EC_DABT_CUR, 1, DABT_WNR | 0x10));
	/* A cache maintenance operation keeps CM (and reports WnR as the hardware did). */
	assert_int_equal(
	    inject_abort_esr(M_EL1H, ESR(EC_DABT_LOW, 1, 1ULL << 8 | DABT_WNR | 0x06), true),
	    ESR(EC_DABT_CUR, 1, 1ULL << 8 | DABT_WNR | 0x10));
}

/* A 16-bit T32 store at AArch32 EL0: IL 0 survives with the syndrome. */
static void test_data_abort_aarch32(void **state)
{
	u64 el2 = ESR(EC_DABT_LOW, 0, DABT_ISV | 2ULL << 22 | 1ULL << 16 | DABT_WNR | 0x07);

	(void)state;
	assert_int_equal(inject_abort_esr(M_A32_USR | 1ULL << 5, el2, true),
			 ESR(EC_DABT_LOW, 0, DABT_ISV | 2ULL << 22 | 1ULL << 16 | DABT_WNR | 0x10));
}

/* A FAR that was not valid at EL2 is not valid at EL1 either (FnV). */
static void test_data_abort_fnv(void **state)
{
	(void)state;
	assert_int_equal(inject_abort_esr(M_EL1H, ESR(EC_DABT_LOW, 1, 1ULL << 10 | 0x10), true),
			 ESR(EC_DABT_CUR, 1, 1ULL << 10 | 0x10));
}

/* Stage-2 syndrome bits that say nothing to EL1 (S1PTW, FSC) are not copied. */
static void test_fields_not_copied(void **state)
{
	(void)state;
	assert_int_equal(inject_abort_esr(M_EL1H, ESR(EC_DABT_LOW, 1, 1ULL << 7 | 0x0f), true),
			 ESR(EC_DABT_CUR, 1, 0x10));
}

static void test_instruction_abort(void **state)
{
	(void)state;
	assert_int_equal(inject_abort_esr(M_EL1H, ESR(EC_IABT_LOW, 1, 0x07), false),
			 ESR(EC_IABT_CUR, 1, 0x10));
	assert_int_equal(inject_abort_esr(M_EL0T, ESR(EC_IABT_LOW, 1, 0x07), false),
			 ESR(EC_IABT_LOW, 1, 0x10));
	assert_int_equal(inject_abort_esr(M_A32_USR, ESR(EC_IABT_LOW, 1, 0x07), false),
			 ESR(EC_IABT_LOW, 1, 0x10));
}

static void test_undef(void **state)
{
	(void)state;
	assert_int_equal(inject_undef_esr(), ESR(EC_UNKNOWN, 1, 0));
}

/* SYSREG_ISS(op0, op1, crn, crm, op2) of well-known registers (Arm ARM D19). */
static void test_debug_registers(void **state)
{
	(void)state;
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 0, 0, 0, 5))); /* DBGBCR0_EL1 */
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 0, 0, 15, 7))); /* DBGWCR15_EL1 */
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 0, 0, 2, 2))); /* MDSCR_EL1 */
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 0, 1, 0, 4))); /* OSLAR_EL1 */
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 0, 1, 0, 0))); /* MDRAR_EL1 */
	assert_true(sysreg_is_debug(SYSREG_ISS(2, 3, 0, 5, 0))); /* DBGDTR_EL0 */
	assert_false(sysreg_is_debug(SYSREG_ISS(2, 1, 0, 1, 0))); /* trace: TRCPRGCTLR */
	assert_false(sysreg_is_debug(SYSREG_ISS(3, 0, 1, 0, 0))); /* SCTLR_EL1 */
}

static void test_pmu_registers(void **state)
{
	(void)state;
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 9, 12, 0))); /* PMCR_EL0 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 9, 12, 1))); /* PMCNTENSET_EL0 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 9, 13, 0))); /* PMCCNTR_EL0 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 9, 14, 0))); /* PMUSERENR_EL0 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 0, 9, 14, 1))); /* PMINTENSET_EL1 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 14, 8, 0))); /* PMEVCNTR0_EL0 */
	assert_true(sysreg_is_pmu(SYSREG_ISS(3, 3, 14, 15, 7))); /* PMCCFILTR_EL0 */
	assert_false(sysreg_is_pmu(SYSREG_ISS(3, 0, 9, 9, 0))); /* PMSCR_EL1 (SPE) */
	assert_false(sysreg_is_pmu(SYSREG_ISS(3, 3, 14, 0, 2))); /* CNTVCT_EL0 */
	assert_false(sysreg_is_pmu(SYSREG_ISS(3, 1, 11, 0, 2))); /* L2CTLR_EL1 (IMPDEF) */
}

/* MDCR_EL2: TDA TDOSA TDRA always; TPM TPMCR and HPMN = PMCR_EL0.N with a PMUv3. */
static void test_mdcr(void **state)
{
	(void)state;
	assert_int_equal(sysreg_trap_mdcr(0x4ULL << 8, 6ULL << 11), 0xe00 | 0x60 | 6);
	assert_int_equal(sysreg_trap_mdcr(0, 6ULL << 11), 0xe00);
	assert_int_equal(sysreg_trap_mdcr(0xfULL << 8, 0), 0xe00); /* IMPLEMENTATION DEFINED PMU */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vector_offsets),
	    cmocka_unit_test(test_lower_el),
	    cmocka_unit_test(test_data_abort_store),
	    cmocka_unit_test(test_data_abort_load_no_syndrome),
	    cmocka_unit_test(test_data_abort_aarch32),
	    cmocka_unit_test(test_data_abort_fnv),
	    cmocka_unit_test(test_fields_not_copied),
	    cmocka_unit_test(test_instruction_abort),
	    cmocka_unit_test(test_undef),
	    cmocka_unit_test(test_debug_registers),
	    cmocka_unit_test(test_pmu_registers),
	    cmocka_unit_test(test_mdcr),
	};

	return cmocka_run_group_tests_name("inject", tests, NULL, NULL);
}
