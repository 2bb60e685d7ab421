// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions taken at EL2. From the guest: decode ESR_EL2 (Arm ARM D17.2.37)
 * and emulate, or reflect an abort into the guest. A guest never stops the
 * hypervisor. From EL2 itself: a Shyper bug, reported and that CPU parked.
 */
#define pr_fmt(fmt) "trap: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/guest_fault.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include <asm/esr.h>
#include <asm/exit.h>
#include <asm/inject.h>
#include <asm/psci.h>
#include <shyper/exit_stats.h>
#include <asm/sysreg.h>
#include <asm/sysreg_trap.h>
#include <asm/vgic.h>

void arch_guest_exit(struct vcpu_regs *regs, u64 kind);
void arch_hyp_fault(u64 kind, u64 esr, u64 elr, u64 far) __noreturn;
void arch_hyp_irq(void);

/*
 * Deliver a synchronous exception to the guest's EL1 vector, as the
 * hardware would have (Arm ARM D1.3.1, D1.10): the vector follows the
 * mode and stack pointer the guest was using (asm/inject.h).
 */
static void inject_sync(struct vcpu_regs *regs, u64 esr, u64 far)
{
	u64 vector = read_sysreg(vbar_el1) + inject_vector_offset(regs->spsr);

	guest_fault_check_fatal(vcpu_current(), "ESR_EL1.EC", esr >> 26, regs->elr, vector);
	guest_fault_report(vcpu_current(), "ESR_EL1.EC", esr >> 26, far);
	write_sysreg(regs->elr, elr_el1);
	write_sysreg(regs->spsr, spsr_el1);
	write_sysreg(far, far_el1);
	write_sysreg(esr, esr_el1);
	regs->elr = vector;
	regs->spsr = SPSR_EL1H_MASKED;
}

/* An External abort for the access that trapped with @esr_el2. */
static void inject_abort(struct vcpu_regs *regs, u64 esr_el2, bool data, u64 far)
{
	inject_sync(regs, inject_abort_esr(regs->spsr, esr_el2, data), far);
}

static void inject_undef(struct vcpu_regs *regs)
{
	inject_sync(regs, inject_undef_esr(), 0);
}

static u64 fault_ipa(u64 far)
{
	return ((read_sysreg(hpfar_el2) >> 4) << 12) | (far & 0xfff);
}

static u64 read_reg(const struct vcpu_regs *regs, unsigned int n)
{
	return n == 31 ? 0 : regs->x[n]; /* register 31 is xzr here */
}

static void write_reg(struct vcpu_regs *regs, unsigned int n, u64 val)
{
	if (n != 31)
		regs->x[n] = val;
}

/* A load's value as the instruction defines it (ISS.SSE, ISS.SF: W or X register). */
static u64 load_result(u64 esr, const struct mmio_access *acc)
{
	u64 val = mmio_load_value(acc, esr & DABT_SSE);

	return esr & DABT_SF ? val : val & 0xffffffffULL;
}

static void handle_dabt(struct vcpu *vcpu, struct vcpu_regs *regs, u64 esr)
{
	u64 far = read_sysreg(far_el2);
	struct mmio_access acc = {
	    .addr = fault_ipa(far),
	    .width = 1U << DABT_SAS(esr),
	    .write = esr & DABT_WNR,
	};

	if (!(esr & DABT_ISV)) {
		inject_abort(regs, esr, true, far);
		return;
	}
	if (acc.write)
		acc.value = read_reg(regs, DABT_SRT(esr));
	if (vm_handle_mmio(vcpu, &acc)) {
		inject_abort(regs, esr, true, far);
		return;
	}
	if (!acc.write)
		write_reg(regs, DABT_SRT(esr), load_result(esr, &acc));
	regs->elr += 4;
}

/* DC ISW/CSW/CISW (HCR_EL2.TSW): do a clean+invalidate of the same line. */
static bool handle_set_way(struct vcpu_regs *regs, u64 esr)
{
	u64 iss = esr & SYSREG_ISS_MASK;

	if (iss != SYSREG_ISS(1, 0, 7, 6, 2) && iss != SYSREG_ISS(1, 0, 7, 10, 2) &&
	    iss != SYSREG_ISS(1, 0, 7, 14, 2))
		return false;
	__asm__ volatile("dc cisw, %0" : : "r"(read_reg(regs, SYSREG_RT(esr))) : "memory");
	return true;
}

/*
 * Debug and PMU registers (MDCR_EL2): read as zero, writes ignored, so a
 * guest finds no breakpoint, watchpoint or counter to arm, and a Linux
 * guest that resets them at boot goes on (asm/sysreg_trap.h).
 */
static bool handle_raz_wi(struct vcpu_regs *regs, u64 esr)
{
	u64 iss = esr & SYSREG_ISS_MASK;

	if (!sysreg_is_debug(iss) && !sysreg_is_pmu(iss))
		return false;
	if (SYSREG_READ(esr))
		write_reg(regs, SYSREG_RT(esr), 0);
	return true;
}

/* Anything else trapped (IMPLEMENTATION DEFINED, trace, ...) is undefined. */
static void handle_sysreg(struct vcpu *vcpu, struct vcpu_regs *regs, u64 esr)
{
	if (handle_set_way(regs, esr) || handle_raz_wi(regs, esr) ||
	    !vgic_handle_sysreg(vcpu, esr, regs)) {
		regs->elr += 4;
		return;
	}
	inject_undef(regs);
}

static void handle_sync(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	u64 esr = read_sysreg(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		exit_count(EXIT_CAUSE_HYPERCALL);
		psci_handle_call(vcpu, regs);
		break;
	case EC_SMC64:
		exit_count(EXIT_CAUSE_HYPERCALL);
		psci_handle_call(vcpu, regs);
		regs->elr += 4; /* a trapped SMC returns to itself */
		break;
	case EC_DABT_LOW:
		exit_count(EXIT_CAUSE_MMIO);
		handle_dabt(vcpu, regs, esr);
		break;
	case EC_IABT_LOW:
		exit_count(EXIT_CAUSE_FAULT);
		inject_abort(regs, esr, false, read_sysreg(far_el2));
		break;
	case EC_SYSREG:
		exit_count(EXIT_CAUSE_SYSREG);
		handle_sysreg(vcpu, regs, esr);
		break;
	default:
		exit_count(EXIT_CAUSE_FAULT);
		inject_undef(regs);
	}
}

/*
 * The counter's reads bracket the exit for its hypervisor time
 * (exit_time_begin()); no ISB: an early or late read by a few instructions
 * does not matter to a statistic, a pipeline flush on every exit would.
 */
void arch_guest_exit(struct vcpu_regs *regs, u64 kind)
{
	u64 entered = read_sysreg(cntpct_el0);
	struct vcpu *vcpu = vcpu_current();

	exit_time_begin(vcpu->pcpu, entered);
	vcpu->arch.regs = regs;
	if (kind == EXIT_IRQ) {
		exit_count(EXIT_CAUSE_IRQ);
		gic_handle_irq();
	} else
		handle_sync(vcpu, regs);
	vcpu_check_state(vcpu);
	exit_time_end(vcpu->pcpu, read_sysreg(cntpct_el0));
}

void arch_hyp_irq(void)
{
	gic_handle_irq();
}

void arch_hyp_fault(u64 kind, u64 esr, u64 elr, u64 far)
{
	pr_err("EL2 exception (vector %llu): ESR 0x%llx (EC 0x%llx) ELR 0x%llx FAR 0x%llx\n",
	       (unsigned long long)kind, (unsigned long long)esr, (unsigned long long)ESR_EC(esr),
	       (unsigned long long)elr, (unsigned long long)far);
	for (;;)
		cpu_arch_idle();
}
