// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions taken by the hypervisor itself. A fault in Shyper's own code
 * is a bug: report where it happened and stop that CPU only.
 */
#include <shyper/cpu.h>
#include <shyper/printk.h>

void arch_hyp_fault(u64 kind, u64 esr, u64 elr, u64 far) __noreturn;

void arch_hyp_fault(u64 kind, u64 esr, u64 elr, u64 far)
{
	pr_err("EL2 exception (vector %llu): ESR 0x%llx (EC 0x%llx) ELR 0x%llx FAR 0x%llx\n",
	       (unsigned long long)kind, (unsigned long long)esr, (unsigned long long)(esr >> 26),
	       (unsigned long long)elr, (unsigned long long)far);
	for (;;)
		cpu_arch_idle();
}
