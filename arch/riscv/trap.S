/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HS-mode trap entry (stvec, direct mode). sscratch tells where the trap
 * came from: while a guest runs it holds the address of the vCPU frame at
 * the top of the hart's stack (struct vcpu_regs), in the hypervisor it is
 * zero. Guest exits save every guest register there and call
 * riscv_guest_exit(); traps taken in HS-mode itself (interrupts while
 * waiting, a faulting HLVX) save the caller-saved registers on the
 * current stack and call riscv_hyp_trap().
 */
#include <asm/vm.h>

#define HYP_FRAME 160	/* ra, t0-t6, a0-a7, sepc, sstatus, hstatus, pad */

	.section .text.trap, "ax"
	.balign	4
	.globl	hs_trap_entry
hs_trap_entry:
	csrrw	tp, sscratch, tp
	beqz	tp, hyp_trap
	/* From the guest: tp is the frame, sscratch the guest's tp. */
	sd	x1, 8(tp)
	sd	x2, 16(tp)
	sd	x3, 24(tp)
	sd	x5, 40(tp)
	sd	x6, 48(tp)
	sd	x7, 56(tp)
	sd	x8, 64(tp)
	sd	x9, 72(tp)
	sd	x10, 80(tp)
	sd	x11, 88(tp)
	sd	x12, 96(tp)
	sd	x13, 104(tp)
	sd	x14, 112(tp)
	sd	x15, 120(tp)
	sd	x16, 128(tp)
	sd	x17, 136(tp)
	sd	x18, 144(tp)
	sd	x19, 152(tp)
	sd	x20, 160(tp)
	sd	x21, 168(tp)
	sd	x22, 176(tp)
	sd	x23, 184(tp)
	sd	x24, 192(tp)
	sd	x25, 200(tp)
	sd	x26, 208(tp)
	sd	x27, 216(tp)
	sd	x28, 224(tp)
	sd	x29, 232(tp)
	sd	x30, 240(tp)
	sd	x31, 248(tp)
	mv	sp, tp
	csrr	t0, sscratch
	sd	t0, 32(sp)
	csrw	sscratch, zero
	ld	tp, VCPU_REGS_HYP_TP(sp)
	/* Everything a nested trap would overwrite. */
	csrr	t0, sepc
	sd	t0, VCPU_REGS_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, VCPU_REGS_SSTATUS(sp)
	csrr	t0, 0x600		/* hstatus */
	sd	t0, VCPU_REGS_HSTATUS(sp)
	csrr	t0, scause
	sd	t0, VCPU_REGS_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, VCPU_REGS_STVAL(sp)
	csrr	t0, 0x643		/* htval */
	sd	t0, VCPU_REGS_HTVAL(sp)
	csrr	t0, 0x64a		/* htinst */
	sd	t0, VCPU_REGS_HTINST(sp)
	mv	a0, sp
	call	riscv_guest_exit
	/* fall through: resume the guest from the (possibly updated) frame */

/* guest_resume: sp is the frame; sret into VS/VU-mode (hstatus.SPV = 1). */
guest_resume:
	ld	t0, VCPU_REGS_SEPC(sp)
	csrw	sepc, t0
	ld	t0, VCPU_REGS_SSTATUS(sp)
	csrw	sstatus, t0
	ld	t0, VCPU_REGS_HSTATUS(sp)
	csrw	0x600, t0
	sd	tp, VCPU_REGS_HYP_TP(sp)
	csrw	sscratch, sp
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	ld	x2, 16(sp)
	sret

hyp_trap:
	csrrw	tp, sscratch, tp	/* back to Shyper's tp, sscratch = 0 */
	addi	sp, sp, -HYP_FRAME
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	t0, sepc
	sd	t0, 128(sp)
	csrr	t0, sstatus
	sd	t0, 136(sp)
	csrr	t0, 0x600
	sd	t0, 144(sp)
	mv	a0, sp
	csrr	a1, scause
	csrr	a2, stval
	call	riscv_hyp_trap
	ld	t0, 128(sp)
	csrw	sepc, t0
	ld	t0, 136(sp)
	csrw	sstatus, t0
	ld	t0, 144(sp)
	csrw	0x600, t0
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, HYP_FRAME
	sret

/*
 * vcpu_enter(start, frame): drop whatever the hypervisor had on this
 * hart's stack, copy the start registers into the frame and resume.
 */
	.globl	vcpu_enter
vcpu_enter:
	mv	sp, a1
	li	t2, VCPU_REGS_SIZE
1:	ld	t0, 0(a0)
	sd	t0, 0(a1)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	t2, t2, -8
	bnez	t2, 1b
	j	guest_resume

/*
 * guest_read_insn_half(gva, out): HLVX.HU (8.3.1) reads an instruction
 * parcel through the guest's two translation stages with its privilege
 * (hstatus.SPVP). If it faults, riscv_hyp_trap() resumes at the fixup.
 */
	.globl	guest_read_insn_half
	.globl	guest_insn_load
	.globl	guest_insn_fixup
guest_read_insn_half:
guest_insn_load:
	.insn	r 0x73, 4, 0x32, t0, a0, x3
	sh	t0, 0(a1)
	li	a0, 0
	ret
guest_insn_fixup:
	li	a0, -5			/* -EIO */
	ret

/* stack_reset_and_call(fn, arg, stack_top): restart on an empty stack. */
	.globl	stack_reset_and_call
stack_reset_and_call:
	mv	sp, a2
	mv	t0, a0
	mv	a0, a1
	jr	t0
