// SPDX-License-Identifier: GPL-2.0-only
/*
 * A trap in Shyper's own code is a bug (or, at boot, a hart without the H
 * extension): report it and stop that hart only.
 */
#include <shyper/cpu.h>
#include <shyper/printk.h>

void arch_hyp_fault(u64 cause, u64 epc, u64 tval) __noreturn;

void arch_hyp_fault(u64 cause, u64 epc, u64 tval)
{
	pr_err("HS-mode trap: scause 0x%llx sepc 0x%llx stval 0x%llx%s\n",
	       (unsigned long long)cause, (unsigned long long)epc, (unsigned long long)tval,
	       cause == 2 ? " (illegal instruction: no H extension?)" : "");
	for (;;)
		cpu_arch_idle();
}
