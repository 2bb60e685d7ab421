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
#include <asm/mmio_decode.h>
#include <asm/vm.h>

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

int guest_mmio_fault(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	struct mmio_insn d;
	struct mmio_access acc;
	unsigned int len;
	u32 insn;
	int err = fetch(regs, &insn, &len);

	if (!err)
		err = riscv_mmio_decode(insn, &d);
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
