// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv side of VMs: the hypervisor CSRs of a vCPU (privileged spec 8.2:
 * hedeleg, hideleg, hcounteren, henvcfg, hgatp) and entering VS-mode with
 * sret and hstatus.SPV = 1 (8.6.3 "Trap Return"). A vCPU owns its hart:
 * VS CSRs stay in the hart and are only reset when the vCPU (re)starts.
 * Other harts reach a vCPU through requests plus a hypervisor IPI.
 */
#include <shyper/cpu.h>
#include <shyper/timer.h>
#include <shyper/vm.h>
#include <shyper/vwdt.h>
#include <shyper/vuart.h>
#include <asm/csr.h>
#include <asm/plic.h>
#include <asm/sbi.h>
#include <asm/vm.h>

/*
 * Exceptions the guest handles itself, without a detour through HS-mode:
 * misaligned accesses, illegal instructions, breakpoints, ecalls from
 * VU-mode, and VS-stage page and access faults.
 */
#define HEDELEG_GUEST                                                                    \
	(1UL << EXC_INSN_MISALIGNED | 1UL << EXC_INSN_ACCESS | 1UL << EXC_ILLEGAL_INSN | \
	 1UL << EXC_BREAKPOINT | 1UL << EXC_LOAD_MISALIGNED | 1UL << EXC_LOAD_ACCESS |   \
	 1UL << EXC_STORE_MISALIGNED | 1UL << EXC_STORE_ACCESS | 1UL << EXC_ECALL_U |    \
	 1UL << EXC_INSN_PAGE_FAULT | 1UL << EXC_LOAD_PAGE_FAULT | 1UL << EXC_STORE_PAGE_FAULT)

extern void vcpu_enter(struct vcpu_regs *start, void *frame) __noreturn;

int vm_arch_init(struct vm *vm)
{
	return gstage_init(vm);
}

int vm_arch_devices_init(struct vm *vm)
{
	return vplic_vm_init(vm);
}

void vm_arch_reset(struct vm *vm)
{
	vplic_vm_reset(vm);
}

/* SBI HSM hart_start (SBI 9.1): a0 = hart id, a1 = opaque, VS-mode. */
void vcpu_arch_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct vcpu_regs *r = &vcpu->arch.start;

	*r = (struct vcpu_regs){
	    .sepc = entry,
	    .sstatus = SSTATUS_SPP | SSTATUS_FS_DIRTY,
	};
	r->x[10] = vcpu_hwid(vcpu);
	r->x[11] = arg;
}

/* A fresh VS-level state: what a hart looks like to a kernel at entry. */
static void reset_vs_csrs(const struct vcpu *vcpu)
{
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HGEIE, 0);
	csr_write(CSR_VSSTATUS, SSTATUS_UXL_64);
	csr_write(CSR_VSIE, 0);
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	csr_write(CSR_VSEPC, 0);
	csr_write(CSR_VSCAUSE, 0);
	csr_write(CSR_VSTVAL, 0);
	csr_write(CSR_VSATP, 0);
	if (vcpu->pcpu->arch.has_sstc)
		csr_write(CSR_VSTIMECMP, ~0UL);
}

static void load_hs_state(struct vcpu *vcpu)
{
	bool sstc = vcpu->pcpu->arch.has_sstc;

	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, HIDELEG_VS);
	csr_write(CSR_HCOUNTEREN, HCOUNTEREN_CY_TM_IR);
	/* With Sstc the guest programs vstimecmp itself, without exits. */
	csr_write(CSR_HENVCFG, sstc ? HENVCFG_STCE : 0);
	csr_write(CSR_HTIMEDELTA, 0);
	csr_write(CSR_HGATP, vcpu->vm->arch.hgatp);
	hfence_gvma_all();
	reset_vs_csrs(vcpu);
	hfence_vvma_all();
	__asm__ volatile("fence.i" : : : "memory");
}

void vcpu_arch_run(struct vcpu *vcpu)
{
	struct vcpu_regs *start = &vcpu->arch.start;

	__atomic_store_n(&vcpu->pcpu->arch.waiting, false, __ATOMIC_RELAXED);
	__atomic_store_n(&vcpu->arch.requests, 0, __ATOMIC_RELAXED);
	load_hs_state(vcpu);
	vplic_vcpu_reset(vcpu);
	start->hstatus = (csr_read(CSR_HSTATUS) & ~HSTATUS_GVA) | HSTATUS_SPV | HSTATUS_SPVP;
	vcpu_enter(start, vcpu->pcpu->stack_top - sizeof(struct vcpu_regs));
}

/*
 * Nothing armed can interrupt HS-mode: VS-level interrupts (vstimecmp's
 * VSTIP among them) are taken only with V=1, and an SBI timer the guest set
 * without Sstc lands in vcpu_host_timer_irq(), which finds no vCPU.
 */
void vcpu_arch_park(struct vcpu *vcpu)
{
	(void)vcpu;
}

void vcpu_arch_kick(struct vcpu *vcpu)
{
	sbi_send_ipi(vcpu->pcpu->hwid);
}

/*
 * An interrupt window and no wfi: sleeping would need the VS-level
 * interrupts quiesced first (cpu_arch_wait()), and they are the paused
 * guest's. The hart is the VM's alone, so it spins.
 */
void vcpu_arch_wait_paused(struct vcpu *vcpu)
{
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
}

void vcpu_request(struct vcpu *vcpu, u32 req)
{
	__atomic_or_fetch(&vcpu->arch.requests, req, __ATOMIC_SEQ_CST);
	if (vcpu->pcpu == cpu_current())
		vcpu_do_requests(vcpu);
	else
		sbi_send_ipi(vcpu->pcpu->hwid);
}

void vcpu_do_requests(struct vcpu *vcpu)
{
	u32 req = __atomic_exchange_n(&vcpu->arch.requests, 0, __ATOMIC_SEQ_CST);

	if (req & VCPU_REQ_VSSIP) {
		csr_set(CSR_HVIP, HVIP_VSSIP); /* the guest clears it through sip */
		vm_irq_injected(vcpu->vm);
	}
	if (req & VCPU_REQ_FENCE_I)
		__asm__ volatile("fence.i" : : : "memory");
	if (req & VCPU_REQ_HFENCE_VVMA)
		hfence_vvma_all();
	if (req & VCPU_REQ_EXT) {
		if (__atomic_load_n(&vcpu->arch.eip, __ATOMIC_ACQUIRE)) {
			csr_set(CSR_HVIP, HVIP_VSEIP);
			vm_irq_injected(vcpu->vm);
		} else
			csr_clear(CSR_HVIP, HVIP_VSEIP);
	}
}

/* The host timer serves the earlier of the guest's and the hypervisor's deadlines. */
static void program_host_timer(const struct cpu *cpu)
{
	sbi_set_timer(MIN(cpu->arch.guest_timer, cpu->arch.hyp_timer)); /* ~0 clears STIP */
}

/* SBI TIME set_timer (SBI 6.1); any earlier deadline is replaced. */
void vcpu_set_timer(struct vcpu *vcpu, u64 when)
{
	if (vcpu->pcpu->arch.has_sstc) {
		csr_write(CSR_VSTIMECMP, when); /* the hart raises VSTIP itself */
		return;
	}
	csr_clear(CSR_HVIP, HVIP_VSTIP);
	vcpu->pcpu->arch.guest_timer = when;
	program_host_timer(vcpu->pcpu);
}

void timer_arch_hyp_arm(u64 when)
{
	struct cpu *cpu = cpu_current();

	cpu->arch.hyp_timer = when;
	program_host_timer(cpu);
}

void vcpu_host_timer_irq(void)
{
	struct cpu *cpu = cpu_current();
	u64 now = timer_ticks();
	bool hyp = cpu->arch.hyp_timer <= now;

	if (cpu->arch.guest_timer <= now) {
		cpu->arch.guest_timer = ~0ULL;
		if (cpu->vcpu) {
			csr_set(CSR_HVIP, HVIP_VSTIP);
			vm_irq_injected(cpu->vcpu->vm);
		}
	}
	if (hyp)
		cpu->arch.hyp_timer = ~0ULL;
	program_host_timer(cpu);
	if (hyp)
		vwdt_timer_fired(); /* may arm the hypervisor's timer again */
}

void console_arch_enable_irq(u32 irq)
{
	plic_route(irq, cpu_current());
}

void vuart_arch_set_irq(struct vm *vm, u32 irq, bool level)
{
	vplic_set_level(vm, irq, level);
}
