// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch/arm64/vgic-dist.c, the vGIC's register-frame decoding, against a
 * table of interrupts (IHI 0069 12.9, IHI 0048B 4.3): each per-interrupt
 * group found by its offset; a write to a 1-bit set/clear register visits
 * only its set bits; the fields of several interrupts packed into one
 * access; a frame without per-interrupt registers (GICv3 RD_base) reads
 * them as zero; unaligned accesses refused; interrupts the VM does not own
 * read as zero and ignore writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/errno.h>
#include "../../arch/arm64/vgic-internal.h"

#define NR_IRQS 64

struct gic_info gic;
static struct vgic_irq irqs[NR_IRQS];
static unsigned int enable_calls, raise_calls;
static u32 last_enabled;

/* Stand-ins for the interrupt state machine (vgic.c): INTID 40 is not the VM's. */
struct vgic_irq *vgic_get_irq(struct vcpu *owner, u32 intid)
{
	return intid < NR_IRQS && intid != 40 ? &irqs[intid] : NULL;
}

void vgic_enable(struct vcpu *owner, u32 intid, bool on)
{
	enable_calls++;
	last_enabled = intid;
	irqs[intid].enabled = on;
}

void vgic_raise(struct vcpu *owner, u32 intid, unsigned int src)
{
	raise_calls++;
	irqs[intid].pending = 1;
}

void vgic_clear_pending(struct vcpu *owner, u32 intid)
{
	irqs[intid].pending = 0;
}

static u64 reg_value;

static u64 read_reg(struct vgic_ctx *c)
{
	return reg_value;
}

static const struct vgic_reg regs[] = {{0x004, 4, read_reg, NULL}};
static const struct vgic_frame dist = {regs, 1, NULL, 0, true};
static const struct vgic_frame rd_base = {regs, 1, NULL, 0, false};

static struct vcpu vcpu;
static struct vgic_ctx ctx = {&vcpu, &vcpu, 0, NR_IRQS};

static int reset(void **state)
{
	memset(irqs, 0, sizeof(irqs));
	enable_calls = raise_calls = 0;
	gic.version = 3;
	return 0;
}

static u64 rd(const struct vgic_frame *f, u64 off, unsigned int width)
{
	struct mmio_access acc = {.width = width};

	assert_int_equal(vgic_frame_access(f, &ctx, off, &acc), 0);
	return acc.value;
}

static void wr(const struct vgic_frame *f, u64 off, unsigned int width, u64 val)
{
	struct mmio_access acc = {.width = width, .write = true, .value = val};

	assert_int_equal(vgic_frame_access(f, &ctx, off, &acc), 0);
}

static void test_isenabler_visits_set_bits_only(void **state)
{
	wr(&dist, 0x104, 4, 1U << 3); /* ISENABLER1: INTID 35 */
	assert_int_equal(enable_calls, 1);
	assert_int_equal(last_enabled, 35);
	assert_true(irqs[35].enabled);
	wr(&dist, 0x104, 4, 0); /* writing 0 changes nothing */
	assert_int_equal(enable_calls, 1);
	assert_int_equal(rd(&dist, 0x104, 4), 1U << 3);
	assert_int_equal(rd(&dist, 0x184, 4), 1U << 3); /* ICENABLER reads the same */
}

static void test_icenabler_keeps_sgis(void **state)
{
	irqs[2].enabled = irqs[20].enabled = true;
	wr(&dist, 0x180, 4, (1U << 2) | (1U << 20));
	assert_true(irqs[2].enabled); /* SGIs stay enabled */
	assert_false(irqs[20].enabled);
}

static void test_priorities_packed(void **state)
{
	wr(&dist, 0x420, 4, 0x40302010); /* IPRIORITYR8: INTIDs 32..35 */
	assert_int_equal(irqs[32].priority, 0x10);
	assert_int_equal(irqs[35].priority, 0x40);
	assert_int_equal(rd(&dist, 0x421, 1), 0x20); /* byte access to INTID 33 */
	assert_int_equal(rd(&dist, 0x420, 4), 0x40302010);
}

static void test_config_two_bits(void **state)
{
	wr(&dist, 0xc08, 4, 0xffffffff); /* ICFGR2: INTIDs 32..47, edge */
	assert_int_equal(irqs[32].config, 2);
	assert_int_equal(irqs[47].config, 2);
	wr(&dist, 0xc00, 4, 0xffffffff); /* ICFGR0: SGIs are read-only */
	assert_int_equal(irqs[0].config, 0);
}

static void test_pending_set_and_clear(void **state)
{
	wr(&dist, 0x204, 4, 1U << 1); /* ISPENDR1: INTID 33 */
	assert_int_equal(raise_calls, 1);
	assert_int_equal(rd(&dist, 0x204, 4), 1U << 1);
	wr(&dist, 0x284, 4, 1U << 1);
	assert_int_equal(rd(&dist, 0x284, 4), 0);
}

static void test_not_owned_reads_zero(void **state)
{
	irqs[40].priority = 0x55; /* not the VM's: never reached */
	wr(&dist, 0x428, 4, 0xaaaaaaaa); /* INTIDs 40..43 */
	assert_int_equal(irqs[41].priority, 0xaa);
	assert_int_equal(irqs[40].priority, 0x55);
	assert_int_equal(rd(&dist, 0x428, 4) & 0xff, 0);
}

static void test_rd_base_has_no_interrupt_registers(void **state)
{
	irqs[35].enabled = true;
	irqs[32].priority = 0x80;
	assert_int_equal(rd(&rd_base, 0x104, 4), 0);
	assert_int_equal(rd(&rd_base, 0x420, 4), 0);
	wr(&rd_base, 0x420, 4, 0x11111111);
	assert_int_equal(irqs[32].priority, 0x80);
	reg_value = 0x1234;
	assert_int_equal(rd(&rd_base, 0x004, 4), 0x1234); /* its own registers stay */
}

static void test_reserved_and_unaligned(void **state)
{
	struct mmio_access acc = {.width = 4};

	assert_int_equal(rd(&dist, 0x800, 4), 0); /* ITARGETSR: not in the common set */
	assert_int_equal(rd(&dist, 0xd00, 4), 0);
	assert_int_equal(vgic_frame_access(&dist, &ctx, 0x102, &acc), -EINVAL);
	acc.width = 16;
	assert_int_equal(vgic_frame_access(&dist, &ctx, 0x100, &acc), -EINVAL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, reset)
	const struct CMUnitTest tests[] = {
	    T(test_isenabler_visits_set_bits_only),
	    T(test_icenabler_keeps_sgis),
	    T(test_priorities_packed),
	    T(test_config_two_bits),
	    T(test_pending_set_and_clear),
	    T(test_not_owned_reads_zero),
	    T(test_rd_base_has_no_interrupt_registers),
	    T(test_reserved_and_unaligned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
