// SPDX-License-Identifier: GPL-2.0-only
/*
 * Traps taken in HS-mode. From a guest (hstatus.SPV was 1): SBI calls,
 * guest page faults for MMIO emulation, virtual-instruction exceptions,
 * and the hypervisor's own interrupts; whatever the guest did wrong is
 * reflected into it, as the hardware would have (privileged spec 8.6.4,
 * "Transformed Instruction or Pseudoinstruction for mtinst or htinst"
 * and 4.1.1 for the trap entry). A guest never stops the hypervisor.
 * From HS-mode itself: interrupts while a hart waits, a faulting HLVX,
 * or a Shyper bug (reported, that hart parked).
 */
#define pr_fmt(fmt) "trap: " fmt

#include <shyper/cpu.h>
#include <shyper/console.h>
#include <shyper/exit_stats.h>
#include <shyper/guest_fault.h>
#include <shyper/irq.h>
#include <shyper/mm.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <asm/csr.h>
#include <asm/plic.h>
#include <asm/vm.h>

/* The frame hyp_trap (trap.S) builds: caller-saved registers, then CSRs. */
struct hyp_frame {
	u64 ra, t[7], a[8];
	u64 sepc;
	u64 sstatus;
	u64 hstatus;
	u64 pad;
};

void riscv_guest_exit(struct vcpu_regs *regs);
void riscv_hyp_trap(struct hyp_frame *frame, u64 cause, u64 tval);
extern char guest_insn_load[], guest_insn_fixup[];

/*
 * Enter the guest's trap handler as a trap into VS-mode would (4.1.1,
 * 8.6.4): vsepc, vscause, vstval, vsstatus.SPP/SPIE/SIE, then vstvec.
 */
static void inject_exception(struct vcpu_regs *regs, u64 cause, u64 tval)
{
	u64 vsstatus = csr_read(CSR_VSSTATUS);

	/* Exceptions enter at the base in both modes of vstvec (priv. spec 4.1.2). */
	guest_fault_check_fatal(vcpu_current(), "scause", cause, regs->sepc,
				csr_read(CSR_VSTVEC) & ~3UL);
	guest_fault_report(vcpu_current(), "scause", cause, tval);
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE);
	if (regs->sstatus & SSTATUS_SPP)
		vsstatus |= SSTATUS_SPP;
	if (vsstatus & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	vsstatus &= ~SSTATUS_SIE;
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSEPC, regs->sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	regs->sepc = csr_read(CSR_VSTVEC) & ~3UL;
	regs->sstatus |= SSTATUS_SPP; /* the handler runs in VS-mode */
}

void irq_handle_external(void)
{
	u32 src;

	/* A forwarded source is completed when the guest completes it (vplic.c). */
	while ((src = plic_claim()))
		if (irq_dispatch(src) != IRQ_FORWARDED)
			plic_complete(src, cpu_current());
}

static void handle_irq(u64 irq)
{
	switch (irq) {
	case IRQ_S_SOFT:
		/* A kick or a request: both are looked at after every exit. */
		csr_clear(CSR_SIP, IE_SSIE);
		break;
	case IRQ_S_TIMER:
		vcpu_host_timer_irq();
		break;
	case IRQ_S_EXT:
		irq_handle_external();
		break;
	default:
		pr_warn("unexpected interrupt %llu\n", (unsigned long long)irq);
	}
}

static void handle_guest_fault(struct vcpu *vcpu, struct vcpu_regs *regs, u64 cause)
{
	if (!guest_mmio_fault(vcpu, regs))
		return;
	inject_exception(regs,
			 cause == EXC_STORE_GUEST_PAGE_FAULT ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS,
			 regs->stval);
}

static void handle_exception(struct vcpu *vcpu, struct vcpu_regs *regs, u64 cause)
{
	switch (cause) {
	case EXC_ECALL_VS:
		regs->sepc += 4;
		sbi_guest_call(vcpu, regs);
		break;
	case EXC_LOAD_GUEST_PAGE_FAULT:
	case EXC_STORE_GUEST_PAGE_FAULT:
		handle_guest_fault(vcpu, regs, cause);
		break;
	case EXC_INSN_GUEST_PAGE_FAULT:
		inject_exception(regs, EXC_INSN_ACCESS, regs->stval);
		break;
	case EXC_VIRTUAL_INSN:
		/* stval holds the instruction: nothing here is emulated. */
		inject_exception(regs, EXC_ILLEGAL_INSN, regs->stval);
		break;
	default:
		/* Not delegated by hedeleg but the guest's own business. */
		inject_exception(regs, cause, regs->stval);
	}
}

/* The exit_stats class of a guest trap (include/shyper/exit_stats.h). */
static enum exit_cause exit_cause_of(u64 scause)
{
	if (scause & CAUSE_INTERRUPT)
		return EXIT_CAUSE_IRQ;
	switch (scause) {
	case EXC_ECALL_VS:
		return EXIT_CAUSE_HYPERCALL;
	case EXC_LOAD_GUEST_PAGE_FAULT:
	case EXC_STORE_GUEST_PAGE_FAULT:
		return EXIT_CAUSE_MMIO;
	case EXC_VIRTUAL_INSN:
		return EXIT_CAUSE_SYSREG;
	default:
		return EXIT_CAUSE_FAULT;
	}
}

/* The time CSR's reads bracket the exit for its hypervisor time (exit_time_begin()). */
void riscv_guest_exit(struct vcpu_regs *regs)
{
	u64 entered = csr_time();
	struct vcpu *vcpu = vcpu_current();

	exit_time_begin(vcpu->pcpu, entered);
	vcpu->arch.regs = regs;
	exit_count(exit_cause_of(regs->scause));
	if (regs->scause & CAUSE_INTERRUPT)
		handle_irq(regs->scause & ~CAUSE_INTERRUPT);
	else
		handle_exception(vcpu, regs, regs->scause);
	vcpu_do_requests(vcpu);
	vcpu_check_state(vcpu);
	exit_time_end(vcpu->pcpu, csr_time());
}

static __noreturn void hyp_fault(u64 cause, u64 epc, u64 tval)
{
	pr_err("HS-mode trap: scause 0x%llx sepc 0x%llx stval 0x%llx%s\n",
	       (unsigned long long)cause, (unsigned long long)epc, (unsigned long long)tval,
	       cause == EXC_ILLEGAL_INSN ? " (illegal instruction: no H extension?)" : "");
	for (;;)
		cpu_arch_idle();
}

void riscv_hyp_trap(struct hyp_frame *frame, u64 cause, u64 tval)
{
	if (cause & CAUSE_INTERRUPT) {
		handle_irq(cause & ~CAUSE_INTERRUPT);
		return;
	}
	/* guest_read_insn_half() met a fault: it returns an error instead. */
	if (frame->sepc == (uintptr_t)guest_insn_load) {
		frame->sepc = (uintptr_t)guest_insn_fixup;
		return;
	}
	/* A W^X self-test probe (core/mm.c) resumes with scause in a0. */
	if (mm_probe_fixup(frame->sepc)) {
		frame->sepc = mm_probe_fixup(frame->sepc);
		frame->a[0] = cause;
		return;
	}
	hyp_fault(cause, frame->sepc, tval);
}
