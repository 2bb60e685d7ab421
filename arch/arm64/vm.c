// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 side of VMs: EL2 controls for a vCPU (Arm ARM D17.2: HCR_EL2,
 * VTTBR_EL2, VMPIDR_EL2, CNTHCTL_EL2) and entering it. A vCPU owns its
 * physical CPU, so EL1 system registers and FP/SIMD state are never
 * switched: they simply stay in the CPU while the hypervisor runs.
 */
#include <shyper/cpu.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>
#include <asm/inject.h>
#include <asm/sysreg.h>
#include <asm/sysreg_trap.h>
#include <asm/vgic.h>

#define HCR_VM (1ULL << 0)
#define HCR_SWIO (1ULL << 1)
#define HCR_FMO (1ULL << 3)
#define HCR_AMO (1ULL << 5)
#define HCR_FB (1ULL << 9)
#define HCR_BSU_INNER (1ULL << 10)
#define HCR_TSC (1ULL << 19)
#define HCR_TSW (1ULL << 22)
#define HCR_RW (1ULL << 31)
#define HCR_TIDCP (1ULL << 52) /* IMPLEMENTATION DEFINED registers trap (undefined) */
#define HCR_GUEST                                                                             \
	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_INNER | HCR_TSC | \
	 HCR_TSW | HCR_RW | HCR_TIDCP)
#define CPTR_TTA (1ULL << 20) /* trace registers trap (undefined) */

#define SCTLR_EL1_RESET 0x30d00800ULL /* RES1 bits, MMU and caches off */
#define CNTHCTL_EL1PCTEN (1ULL << 0) /* physical counter readable, physical timer trapped */
#define VMPIDR_RES1 (1ULL << 31)

extern void vcpu_enter(struct vcpu_regs *start, u8 *stack_top) __noreturn;

int vm_arch_init(struct vm *vm)
{
	return stage2_init(vm);
}

void vcpu_arch_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
	struct vcpu_regs *r = &vcpu->arch.start;

	*r = (struct vcpu_regs){.elr = entry, .spsr = SPSR_EL1H_MASKED};
	r->x[0] = arg;
}

/*
 * Debug and PMU registers trap (Documentation/security.md): the guest
 * never owns them, so they are left disabled here, where the guest cannot
 * undo it: no debug event enabled, EL0 kept out of the PMU and counters
 * stopped, so they count nothing of the hypervisor either.
 */
static void load_debug_pmu_traps(void)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);

	write_sysreg(0, mdscr_el1);
	if (sysreg_has_pmu(dfr0)) {
		write_sysreg(0, pmuserenr_el0);
		write_sysreg(0, pmcr_el0);
		write_sysreg(sysreg_trap_mdcr(dfr0, read_sysreg(pmcr_el0)), mdcr_el2);
	} else {
		write_sysreg(sysreg_trap_mdcr(dfr0, 0), mdcr_el2);
	}
}

/* Program this CPU's EL2 controls for @vcpu and forget stale translations. */
static void load_el2_state(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;

	write_sysreg(HCR_GUEST, hcr_el2);
	write_sysreg(vm->arch.vtcr, vtcr_el2);
	write_sysreg(vm->arch.s2_root | ((u64)vm->vmid << 48), vttbr_el2);
	write_sysreg(VMPIDR_RES1 | vcpu_hwid(vcpu), vmpidr_el2);
	write_sysreg(read_sysreg(midr_el1), vpidr_el2);
	write_sysreg(CNTHCTL_EL1PCTEN, cnthctl_el2);
	write_sysreg(0, cntvoff_el2);
	write_sysreg(0, cntv_ctl_el0); /* a timer armed before a reset must not fire */
	write_sysreg(CPTR_TTA, cptr_el2);
	load_debug_pmu_traps();
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb nsh\n\tisb" : : : "memory");
}

/* Its virtual timer, still armed, would fire as an interrupt nobody claims. */
void vcpu_arch_park(struct vcpu *vcpu)
{
	(void)vcpu;
	write_sysreg(0, cntv_ctl_el0);
	isb();
}

void vcpu_arch_run(struct vcpu *vcpu)
{
	load_el2_state(vcpu);
	vgic_vcpu_init(vcpu);
	vcpu_enter(&vcpu->arch.start, vcpu->pcpu->stack_top);
}

void vcpu_arch_kick(struct vcpu *vcpu)
{
	gic_send_ipi(vcpu->pcpu->id);
}

/* WFE with interrupts open: the guest's EL1 and vGIC state are untouched by it. */
void vcpu_arch_wait_paused(struct vcpu *vcpu)
{
	cpu_arch_wait();
}

int vm_arch_devices_init(struct vm *vm)
{
	return vgic_vm_init(vm);
}

void vm_arch_reset(struct vm *vm)
{
	vgic_vm_reset(vm);
}

void console_arch_enable_irq(u32 irq)
{
	gic_route_irq(irq, cpu_current()->id);
}

void vuart_arch_set_irq(struct vm *vm, u32 irq, bool level)
{
	vgic_set_level(vm, irq, level);
}
