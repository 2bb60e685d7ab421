// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO emulation on guest page faults. The guest-physical address is
 * htval << 2 | stval[1:0] (privileged spec 8.2.8 "htval"). The access is
 * decoded from htinst when the hart supplies a transformed instruction
 * (8.6.3: bit 0 set; bit 1 clear when the original was compressed), else
 * from the instruction itself, read with HLVX.HU so that the guest's own
 * translation and permissions apply. Only plain loads and stores (RV64I
 * and their RVC forms, unprivileged spec chapters 2 and 16) are emulated.
 */
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <asm/vm.h>

#define OP_LOAD 0x03
#define OP_STORE 0x23

struct mmio_insn {
	unsigned int len; /* 2 or 4 bytes */
	unsigned int reg; /* rd of a load, rs2 of a store */
	unsigned int width;
	bool write;
	bool sign; /* sign-extend the loaded value */
};

static int fetch(const struct vcpu_regs *regs, u32 *insn, unsigned int *len)
{
	u16 lo, hi;

	if (regs->htinst & 1) {
		*insn = (u32)regs->htinst | 2; /* as its 32-bit form */
		*len = regs->htinst & 2 ? 4 : 2;
		return 0;
	}
	if (regs->htinst)
		return -EINVAL; /* a pseudoinstruction: a guest page-table walk */
	if (guest_read_insn_half(regs->sepc, &lo))
		return -EIO;
	*insn = lo;
	*len = 2;
	if ((lo & 3) != 3)
		return 0;
	if (guest_read_insn_half(regs->sepc + 2, &hi))
		return -EIO;
	*insn |= (u32)hi << 16;
	*len = 4;
	return 0;
}

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

int guest_mmio_fault(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	struct mmio_insn d;
	struct mmio_access acc;
	unsigned int len;
	u32 insn;
	int err = fetch(regs, &insn, &len);

	if (!err)
		err = (insn & 3) == 3 ? decode32(insn, &d) : decode16(insn, &d);
	if (err)
		return err;
	acc = (struct mmio_access){
	    .addr = regs->htval << 2 | (regs->stval & 3),
	    .width = d.width,
	    .write = d.write,
	    .value = d.write ? regs->x[d.reg] : 0,
	};
	err = vm_handle_mmio(vcpu, &acc);
	if (err)
		return err;
	if (!d.write && d.reg)
		regs->x[d.reg] = mmio_load_value(&acc, d.sign);
	regs->sepc += len;
	return 0;
}
