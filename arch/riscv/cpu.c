// SPDX-License-Identifier: GPL-2.0-only
/*
 * riscv per-hart state: the hart id saved at entry, tp for struct cpu,
 * the interrupts HS-mode takes, and sleeping until another hart wakes us.
 */
#include <shyper/cpu.h>
#include <asm/csr.h>
#include <asm/plic.h>
#include <asm/sbi.h>

/* Written by head.S from a0; U-Boot may boot Shyper on any hart. */
u64 boot_hartid;

u64 cpu_arch_boot_hwid(void)
{
	return boot_hartid;
}

void cpu_arch_set_current(struct cpu *cpu)
{
	__asm__ volatile("mv tp, %0" : : "r"(cpu));
}

void cpu_arch_idle(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

struct cpu *cpu_current(void)
{
	struct cpu *cpu;

	__asm__ volatile("mv %0, tp" : "=r"(cpu));
	return cpu;
}

/* No VS-level interrupt may keep a sleeping hart awake. */
static void quiesce_vs(const struct cpu *cpu)
{
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_VSIE, 0);
	if (cpu->arch.has_sstc)
		csr_write(CSR_VSTIMECMP, ~0UL);
}

/*
 * The first call only announces that this hart waits and returns, so the
 * caller checks its condition once more: a cpu_arch_wake() after that
 * sends an IPI, which ends (or prevents) the next wfi. Pending interrupts
 * are taken between two waits (console input on the boot hart).
 */
void cpu_arch_wait(void)
{
	struct cpu *cpu = cpu_current();

	if (!__atomic_load_n(&cpu->arch.waiting, __ATOMIC_RELAXED)) {
		quiesce_vs(cpu);
		__atomic_store_n(&cpu->arch.waiting, true, __ATOMIC_SEQ_CST);
		return;
	}
	__asm__ volatile("wfi" : : : "memory");
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
}

void cpu_arch_wake(void)
{
	struct cpu *self = cpu_current();
	cpuid_t id;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (id = 0; id < cpu_count(); id++) {
		struct cpu *cpu = cpu_get(id);

		if (cpu != self && __atomic_load_n(&cpu->arch.waiting, __ATOMIC_SEQ_CST))
			sbi_send_ipi(cpu->hwid);
	}
}

/*
 * HS-mode takes external (PLIC), software (IPIs from other harts) and
 * timer interrupts: the hypervisor's own deadlines (virtual watchdogs)
 * and, without Sstc, the guest's timer go through the host SBI timer.
 * Nothing is armed yet.
 */
void cpu_arch_init_local(struct cpu *cpu)
{
	plic_cpu_init(cpu);
	cpu->arch.guest_timer = ~0ULL;
	cpu->arch.hyp_timer = ~0ULL;
	sbi_set_timer(~0ULL);
	csr_write(CSR_SIE, IE_SEIE | IE_SSIE | IE_STIE);
}
