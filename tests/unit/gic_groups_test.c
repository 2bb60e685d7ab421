// SPDX-License-Identifier: GPL-2.0-only
/*
 * drivers/irqchip/gic-groups.c against register models of a distributor:
 * with one security state IGROUPR is read-write; with two, Shyper is
 * Non-secure and IGROUPR is RAZ/WI (GICv2 IHI 0048B 4.3.4, GICv3 IHI 0069
 * 12.9.15). Each model then says whether an interrupt reaches Shyper as an
 * IRQ through the CPU interface as Shyper configures it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../../drivers/irqchip/gic-groups.h"

#define IGROUPR 0x80
#define LINES 288

struct model {
	bool two_states;
	u32 group[LINES / 32]; /* the real state: bit set = Group 1 */
	u32 stuck[LINES / 32]; /* bits firmware locked (a model of a misbehaving GIC) */
};

static u32 model_read(void *ctx, u32 offset)
{
	struct model *m = ctx;

	return m->two_states ? 0 : m->group[(offset - IGROUPR) / 4];
}

static void model_write(void *ctx, u32 offset, u32 value)
{
	struct model *m = ctx;
	unsigned int r = (offset - IGROUPR) / 4;

	if (!m->two_states)
		m->group[r] = (value & ~m->stuck[r]) | (m->group[r] & m->stuck[r]);
}

static bool group1(const struct model *m, unsigned int intid)
{
	return m->group[intid / 32] >> (intid % 32) & 1;
}

/*
 * GICv2 CPU interface: with one state, Group 0 is an IRQ when EnableGrp0
 * (bit 0) is set and FIQEn (bit 3) clear, Group 1 needs EnableGrp1 (bit 1);
 * the Non-secure view only ever signals Group 1, enabled by its bit 0.
 */
static bool v2_delivered(const struct model *m, unsigned int intid, u32 ctlr)
{
	if (m->two_states)
		return group1(m, intid) && (ctlr & 1);
	if (group1(m, intid))
		return ctlr & 2;
	return (ctlr & 1) && !(ctlr & GICC_CTLR_FIQEN);
}

/* GICv3 with ICC_IGRPEN1_EL1 = 1 (and Group 0 never enabled): Group 1 only. */
static bool v3_delivered(const struct model *m, unsigned int intid)
{
	return group1(m, intid);
}

static void claim_all(struct model *m, enum gic_security sec, bool as_group1)
{
	const struct gic_group_io io = {model_read, model_write, m};

	/* As the drivers do: SPIs once, then each CPU's banked SGIs and PPIs. */
	assert_int_equal(gic_claim_groups(&io, IGROUPR + 4, LINES - 32, sec, as_group1), 0);
	assert_int_equal(gic_claim_groups(&io, IGROUPR, 32, sec, as_group1), 0);
}

/* Shyper's own: the kick SGI 0, maintenance PPI 25, timers 26/27, an SPI. */
static const unsigned int needed[] = {0, 25, 26, 27, 33, LINES - 1};

static void test_security_state_decoding(void **state)
{
	assert_int_equal(gicv2_security(0x00000028), GIC_ONE_STATE);
	assert_int_equal(gicv2_security(0x00000028 | GICD_TYPER_SECURITY_EXTN), GIC_NONSECURE);
	assert_int_equal(gicv3_security(0x53), GIC_ONE_STATE); /* DS | ARE | Grp1 | Grp0 */
	assert_int_equal(gicv3_security(0x13), GIC_NONSECURE); /* Non-secure view: DS RES0 */
	assert_string_equal(gic_security_name(GIC_ONE_STATE), "one security state");
}

/* raspi4b: a GIC-400 model without Security Extensions, TF-A set Group 1 everywhere. */
static void test_v2_one_state_after_firmware_set_group1(void **state)
{
	struct model m = {.two_states = false};
	u32 ctlr = gicv2_cpu_ctlr(0);
	unsigned int i;

	memset(m.group, 0xff, sizeof(m.group));
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_false(v2_delivered(&m, needed[i], ctlr));
	claim_all(&m, gicv2_security(0), false);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_true(v2_delivered(&m, needed[i], ctlr));
	assert_int_equal(ctlr & GICC_CTLR_EOIMODE, GICC_CTLR_EOIMODE);
}

/* Security Extensions: Shyper is Non-secure, firmware put its interrupts in Group 1. */
static void test_v2_nonsecure_sees_group1_only(void **state)
{
	struct model m = {.two_states = true};
	u32 ctlr = gicv2_cpu_ctlr(GICC_CTLR_BYPASS_MASK);
	unsigned int i;

	memset(m.group, 0xff, sizeof(m.group));
	m.group[1] &= ~(1U << 2); /* one Secure SPI (34) that Shyper must not reach */
	claim_all(&m, gicv2_security(GICD_TYPER_SECURITY_EXTN), false);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_true(v2_delivered(&m, needed[i], ctlr));
	assert_false(v2_delivered(&m, 34, ctlr));
	assert_false(group1(&m, 34)); /* RAZ/WI: the write did not move it */
	assert_int_equal(ctlr & GICC_CTLR_BYPASS_MASK, GICC_CTLR_BYPASS_MASK);
}

static void test_v3_one_state_claims_group1(void **state)
{
	struct model m = {.two_states = false}; /* firmware left everything in Group 0 */
	unsigned int i;

	claim_all(&m, gicv3_security(GICD_CTLR_DS), true);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_true(v3_delivered(&m, needed[i]));
}

static void test_v3_nonsecure_keeps_firmware_groups(void **state)
{
	struct model m = {.two_states = true};
	unsigned int i;

	memset(m.group, 0xff, sizeof(m.group));
	claim_all(&m, gicv3_security(0), true);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_true(v3_delivered(&m, needed[i]));
}

/* A bit that does not move is counted, so the driver can say so. */
static void test_stuck_bits_are_counted(void **state)
{
	struct model m = {.two_states = false};
	const struct gic_group_io io = {model_read, model_write, &m};

	m.stuck[1] = 0x5;
	assert_int_equal(gic_claim_groups(&io, IGROUPR + 4, LINES - 32, GIC_ONE_STATE, true), 2);
	/* A partial last register counts only the interrupts asked for. */
	m.stuck[1] = 0x80000000;
	assert_int_equal(gic_claim_groups(&io, IGROUPR + 4, 31, GIC_ONE_STATE, true), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_security_state_decoding),
	    cmocka_unit_test(test_v2_one_state_after_firmware_set_group1),
	    cmocka_unit_test(test_v2_nonsecure_sees_group1_only),
	    cmocka_unit_test(test_v3_one_state_claims_group1),
	    cmocka_unit_test(test_v3_nonsecure_keeps_firmware_groups),
	    cmocka_unit_test(test_stuck_bits_are_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
