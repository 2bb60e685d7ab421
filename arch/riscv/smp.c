// SPDX-License-Identifier: GPL-2.0-only
/* Starting secondary harts with SBI HSM HART_START (SBI v2.0, 9.1). */
#define pr_fmt(fmt) "smp: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <asm/sbi.h>

extern char secondary_entry[];

int smp_arch_start_cpu(struct cpu *cpu)
{
	struct sbi_ret ret = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, cpu->hwid,
				       (uintptr_t)secondary_entry, (uintptr_t)cpu);

	if (ret.error) {
		pr_err("HART_START hart %llu returned %ld\n", (unsigned long long)cpu->hwid,
		       ret.error);
		return -EIO;
	}
	return 0;
}
