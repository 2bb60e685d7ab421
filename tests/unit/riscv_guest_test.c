// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure RISC-V guest logic: the MMIO instruction decoder
 * (arch/riscv/mmio_decode.c; unprivileged spec chapters 2 and 16) and SBI
 * hart masks (arch/riscv/sbi_hart_mask.c; SBI 3.1), where hart ids are the
 * guest's (struct vm_layout), not vCPU indices.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <asm/mmio_decode.h>
#include <asm/sbi.h>

/* I-type load: imm[11:0] rs1 funct3 rd 0000011; S-type store: rs2 rs1 funct3 0100011. */
static u32 load(unsigned int funct3, unsigned int rd)
{
	return (funct3 << 12) | (rd << 7) | (10U << 15) | 0x03;
}

static u32 store(unsigned int funct3, unsigned int rs2)
{
	return (rs2 << 20) | (10U << 15) | (funct3 << 12) | 0x23;
}

static void test_loads(void **state)
{
	static const struct {
		unsigned int funct3, width;
		bool sign;
	} cases[] = {{0, 1, true},  {1, 2, true},  {2, 4, true}, {3, 8, true},
		     {4, 1, false}, {5, 2, false}, {6, 4, false}};
	struct mmio_insn d;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(riscv_mmio_decode(load(cases[i].funct3, 5), &d), 0);
		assert_int_equal(d.len, 4);
		assert_int_equal(d.reg, 5);
		assert_int_equal(d.width, cases[i].width);
		assert_int_equal(d.sign, cases[i].sign);
		assert_false(d.write);
	}
	assert_int_equal(riscv_mmio_decode(load(7, 5), &d), -EINVAL); /* reserved */
}

static void test_stores(void **state)
{
	struct mmio_insn d;
	unsigned int f;

	for (f = 0; f < 4; f++) {
		assert_int_equal(riscv_mmio_decode(store(f, 17), &d), 0);
		assert_int_equal(d.reg, 17);
		assert_int_equal(d.width, 1U << f);
		assert_true(d.write);
	}
	assert_int_equal(riscv_mmio_decode(store(4, 17), &d), -EINVAL);
	assert_int_equal(riscv_mmio_decode(0x00000013, &d), -EINVAL); /* addi: not memory */
}

static void test_compressed(void **state)
{
	struct mmio_insn d;

	/* c.lw a0, 0(a1): 010 uimm rs1' uimm rd' 00, rd' = a0 (x10 = 8 + 2) */
	assert_int_equal(riscv_mmio_decode(0x4188, &d), 0);
	assert_int_equal(d.len, 2);
	assert_int_equal(d.reg, 10);
	assert_int_equal(d.width, 4);
	assert_false(d.write);
	/* c.sd a0, 0(a1): 111 ... rs2' = a0 */
	assert_int_equal(riscv_mmio_decode(0xe188, &d), 0);
	assert_int_equal(d.width, 8);
	assert_true(d.write);
	assert_int_equal(d.reg, 10);
	/* c.ldsp a5, 0(sp): 011 0 rd 00000 10 */
	assert_int_equal(riscv_mmio_decode(0x6782, &d), 0);
	assert_int_equal(d.reg, 15);
	assert_int_equal(d.width, 8);
	/* c.swsp a5, 0(sp): 110 000000 rs2 10 */
	assert_int_equal(riscv_mmio_decode(0xc03e, &d), 0);
	assert_int_equal(d.reg, 15);
	assert_true(d.write);
	/* c.addi (quadrant 1) and c.fld (funct3 001): not emulated */
	assert_int_equal(riscv_mmio_decode(0x0505, &d), -EINVAL);
	assert_int_equal(riscv_mmio_decode(0x2188, &d), -EINVAL);
}

static struct vm_config cfg;
static struct vm vm = {.cfg = &cfg};

/* Three vCPUs with the hart ids 0, 1, 5 (a layout need not be dense). */
static int three_vcpus(void **state)
{
	vm.nr_vcpus = 3;
	cfg.layout.vcpu_hwid[0] = 0;
	cfg.layout.vcpu_hwid[1] = 1;
	cfg.layout.vcpu_hwid[2] = 5;
	return 0;
}

static void test_hart_masks(void **state)
{
	u64 out;

	assert_true(sbi_hart_mask(&vm, 0x3, 0, &out));
	assert_int_equal(out, 0x3);
	assert_true(sbi_hart_mask(&vm, 0x1, 5, &out)); /* hart 5 is vCPU 2 */
	assert_int_equal(out, 0x4);
	assert_true(sbi_hart_mask(&vm, 0x11, 1, &out)); /* harts 1 and 5 */
	assert_int_equal(out, 0x6);
	assert_true(sbi_hart_mask(&vm, 0, ~0ULL, &out)); /* base -1: every hart */
	assert_int_equal(out, 0x7);
	assert_true(sbi_hart_mask(&vm, 0, 0, &out)); /* empty mask: nobody */
	assert_int_equal(out, 0);
	assert_false(sbi_hart_mask(&vm, 0x4, 0, &out)); /* hart 2: not the VM's */
	/* base + 2 wraps to hart 0, which exists: refused all the same */
	assert_false(sbi_hart_mask(&vm, 0x4, ~0ULL - 1, &out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loads),
	    cmocka_unit_test(test_stores),
	    cmocka_unit_test(test_compressed),
	    cmocka_unit_test_setup(test_hart_masks, three_vcpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
