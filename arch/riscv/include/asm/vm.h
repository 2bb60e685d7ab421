/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * riscv part of VMs and vCPUs. A vCPU owns its hart, so the VS-level CSRs
 * (vsstatus, vsatp, vstimecmp, ...) are never switched: they stay in the
 * hart and are only reset when the vCPU (re)starts.
 */
#ifndef ASM_VM_H
#define ASM_VM_H

/* Byte offsets in struct vcpu_regs, shared with arch/riscv/trap.S. */
#define VCPU_REGS_SEPC 256
#define VCPU_REGS_SSTATUS 264
#define VCPU_REGS_HSTATUS 272
#define VCPU_REGS_SCAUSE 280
#define VCPU_REGS_STVAL 288
#define VCPU_REGS_HTVAL 296
#define VCPU_REGS_HTINST 304
#define VCPU_REGS_HYP_TP 312
#define VCPU_REGS_SIZE 320

#ifndef __ASSEMBLER__

#include <shyper/types.h>
#include <asm/vplic.h>

/**
 * struct vcpu_regs - guest state saved at the top of the hart's stack on
 * each exit (arch/riscv/trap.S); the layout is used by the assembly
 * @x: x1..x31 in x[1..31] (x[0] unused)
 * @sepc: where the guest resumes
 * @sstatus: HS sstatus for the return (SPP: VS or VU)
 * @hstatus: hstatus for the return (SPV=1, SPVP)
 * @scause: why it exited, with @stval, @htval and @htinst
 * @hyp_tp: the hart's struct cpu, restored into tp on each exit
 */
struct vcpu_regs {
	u64 x[32];
	u64 sepc;
	u64 sstatus;
	u64 hstatus;
	u64 scause;
	u64 stval;
	u64 htval;
	u64 htinst;
	u64 hyp_tp;
};

/* Work another hart asked this vCPU's hart to do (vcpu_request()). */
#define VCPU_REQ_VSSIP (1U << 0) /* SBI IPI: raise the guest's software interrupt */
#define VCPU_REQ_FENCE_I (1U << 1) /* SBI RFENCE remote fence.i */
#define VCPU_REQ_HFENCE_VVMA (1U << 2) /* SBI RFENCE remote sfence.vma */
#define VCPU_REQ_EXT (1U << 3) /* vPLIC output changed: update hvip.VSEIP */
#define VCPU_REQ_FENCES (VCPU_REQ_FENCE_I | VCPU_REQ_HFENCE_VVMA)

/**
 * struct vcpu_arch - riscv part of struct vcpu
 * @regs: the frame of the current exit (valid inside exit handlers)
 * @start: registers the next entry starts with
 * @requests: VCPU_REQ_* bits, set by any hart, consumed by this vCPU's
 * @eip: the vPLIC's output for this vCPU's context (VSEIP)
 */
struct vcpu_arch {
	struct vcpu_regs *regs;
	struct vcpu_regs start;
	u32 requests;
	bool eip;
};

/**
 * struct vm_arch - riscv part of struct vm
 * @hgatp: G-stage root, mode and VMID, as written to hgatp
 * @vplic: the emulated PLIC
 */
struct vm_arch {
	u64 hgatp;
	struct vplic vplic;
};

struct vm;
struct vcpu;
struct mmio_access;

/** gstage_init() - an empty G-stage root table and hgatp for @vm. */
int gstage_init(struct vm *vm);

/**
 * gstage_set_mode() - hgatp.MODE (Sv39x4 or Sv48x4) and VMID width the
 * boot hart supports, probed by platform_arch_init()
 */
void gstage_set_mode(u64 mode, unsigned int vmid_bits);

/**
 * vcpu_request() - ask @vcpu's hart for VCPU_REQ_* work @req: done at once
 * when @vcpu is the caller, else through a hypervisor IPI to its hart.
 */
void vcpu_request(struct vcpu *vcpu, u32 req);

/** vcpu_do_requests() - on the vCPU's own hart: the work others asked for. */
void vcpu_do_requests(struct vcpu *vcpu);

/**
 * vcpu_set_timer() - SBI set_timer for the calling vCPU: vstimecmp with
 * Sstc, else the host timer plus hvip.VSTIP on expiry
 */
void vcpu_set_timer(struct vcpu *vcpu, u64 when);

/** vcpu_host_timer_irq() - the host timer fired (no Sstc): raise VSTIP. */
void vcpu_host_timer_irq(void);

/**
 * sbi_guest_call() - an ecall from VS-mode (SBI v2.0 for guests): a0..a7
 * in @regs, result in a0/a1. Calls that stop the vCPU do not return.
 */
void sbi_guest_call(struct vcpu *vcpu, struct vcpu_regs *regs);

/**
 * guest_mmio_fault() - a guest page fault (load or store) outside the VM's
 * RAM: decode the instruction and emulate it
 * Return: 0 when emulated (sepc stepped), -errno to raise an access fault.
 */
int guest_mmio_fault(struct vcpu *vcpu, struct vcpu_regs *regs);

/**
 * guest_read_insn_half() - a 16-bit instruction parcel at guest virtual
 * address @gva, read with HLVX.HU (faults are caught)
 * Return: 0, or -EIO when the read faulted.
 */
int guest_read_insn_half(u64 gva, u16 *out);

/**
 * guest_copy() - copy between guest-physical memory of @vm and @buf
 * Return: 0, or -ERANGE when [@gpa, @gpa + @len) is not all the VM's RAM.
 */
int guest_copy(struct vm *vm, u64 gpa, void *buf, u64 len, bool to_guest);

/** irq_handle_external() - claim and route physical external interrupts. */
void irq_handle_external(void);

#endif /* __ASSEMBLER__ */

#endif
