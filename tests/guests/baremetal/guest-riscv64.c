// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test guest on riscv64 (VS-mode as seen from Shyper, S-mode for the
 * guest): the time CSR at the DT's timebase-frequency, SBI calls (BASE,
 * TIME, HSM; SBI spec v2.0) and waiting for the timer with wfi.
 */
#include "guest-arch.h"
#include "sbi-riscv64.h"

#define SIE_STIE (1UL << 5)

extern char secondary_entry[];
uint64_t guest_trap(uint64_t cause, uint64_t tval, uint64_t epc);

uint64_t arch_counter(void)
{
	uint64_t v;

	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

uint64_t arch_counter_freq(const struct fdt_info *info)
{
	return info->timebase;
}

/* Sleep until the SBI timer fires: wfi wakes on a pending enabled interrupt. */
void arch_wait_until(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
	__asm__ volatile("csrs sie, %0" : : "r"(SIE_STIE));
	while (arch_counter() < deadline)
		__asm__ volatile("wfi");
	__asm__ volatile("csrc sie, %0" : : "r"(SIE_STIE));
}

void arch_firmware_nop(void)
{
	sbi_call(SBI_EXT_BASE, 0, 0, 0, 0);
}

void arch_report_firmware(void)
{
	puts_uart("baremetal: SBI version ");
	put_hex((uint64_t)sbi_call(SBI_EXT_BASE, 0, 0, 0, 0).value);
	puts_uart(" implementation ");
	put_hex((uint64_t)sbi_call(SBI_EXT_BASE, 1, 0, 0, 0).value);
	puts_uart("\n");
}

void arch_cpu_on(uint64_t hwid, unsigned int index)
{
	sbi_call(SBI_EXT_HSM, 0, hwid, (uintptr_t)secondary_entry, index); /* HART_START */
}

void arch_system_reset(void)
{
	sbi_call(SBI_EXT_SRST, 0, 1, 0, 0); /* cold reboot, no reason */
}

void arch_crash(void)
{
	__asm__ volatile("csrw stvec, zero\n\tld t0, 0(zero)" : : : "t0", "memory");
	for (;;)
		;
}

/* An exception (interrupts stay disabled): report it, skip the instruction. */
uint64_t guest_trap(uint64_t cause, uint64_t tval, uint64_t epc)
{
	uint16_t insn = *(volatile uint16_t *)(uintptr_t)epc;

	puts_uart("baremetal: access fault caught in the guest, scause ");
	put_hex(cause);
	puts_uart(" stval ");
	put_hex(tval);
	puts_uart("\n");
	return epc + ((insn & 3) == 3 ? 4 : 2);
}
