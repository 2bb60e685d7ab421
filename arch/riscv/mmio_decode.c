// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding of the loads and stores a guest's MMIO fault can come from
 * (asm/mmio_decode.h): RV64I LB..LD/LBU..LWU and SB..SD (unprivileged spec
 * chapter 2), and C.LW, C.LD, C.SW, C.SD with their sp-relative forms
 * (chapter 16). Pure logic, unit-tested on the host.
 */
#include <shyper/errno.h>
#include <asm/mmio_decode.h>

#define OP_LOAD 0x03
#define OP_STORE 0x23

static int decode32(u32 insn, struct mmio_insn *d)
{
	unsigned int funct3 = (insn >> 12) & 7;

	switch (insn & 0x7f) {
	case OP_LOAD:
		if (funct3 == 7)
			return -EINVAL;
		*d = (struct mmio_insn){4, (insn >> 7) & 31, 1U << (funct3 & 3), false,
					!(funct3 & 4)};
		return 0;
	case OP_STORE:
		if (funct3 > 3)
			return -EINVAL;
		*d = (struct mmio_insn){4, (insn >> 20) & 31, 1U << funct3, true, false};
		return 0;
	default:
		return -EINVAL;
	}
}

/* C.LW, C.LD, C.SW, C.SD (quadrant 0) and their sp-relative forms (2). */
static int decode16(u32 insn, struct mmio_insn *d)
{
	unsigned int funct3 = (insn >> 13) & 7, quadrant = insn & 3;
	unsigned int width = funct3 & 1 ? 8 : 4;
	bool write = funct3 & 4;

	if ((funct3 & 3) < 2 || (quadrant != 0 && quadrant != 2))
		return -EINVAL;
	if (quadrant == 0)
		*d = (struct mmio_insn){2, ((insn >> 2) & 7) + 8, width, write, true};
	else
		*d = (struct mmio_insn){2, write ? (insn >> 2) & 31 : (insn >> 7) & 31, width,
					write, true};
	return 0;
}

int riscv_mmio_decode(u32 insn, struct mmio_insn *d)
{
	return (insn & 3) == 3 ? decode32(insn, d) : decode16(insn, d);
}
