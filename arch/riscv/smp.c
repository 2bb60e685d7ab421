// SPDX-License-Identifier: GPL-2.0-only
/* Starting secondary harts with SBI HSM HART_START (SBI v2.0, 9.1). */
#define pr_fmt(fmt) "smp: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <asm/sbi.h>

extern char secondary_entry[];

static struct sbi_ret hart_start(const struct cpu *cpu)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, cpu->hwid, (uintptr_t)secondary_entry,
			 (uintptr_t)cpu);
}

int smp_arch_start_cpu(struct cpu *cpu)
{
	struct sbi_ret ret = hart_start(cpu);
	unsigned long tries;

	/* A hart that lost the boot lottery (head.S) may still be on its way to HART_STOP. */
	for (tries = 0; ret.error == SBI_ERR_ALREADY_AVAILABLE && tries < 100000000UL; tries++)
		ret = hart_start(cpu);

	if (ret.error) {
		pr_err("HART_START hart %llu returned %ld\n", (unsigned long long)cpu->hwid,
		       ret.error);
		return -EIO;
	}
	return 0;
}
