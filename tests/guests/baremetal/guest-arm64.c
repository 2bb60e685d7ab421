// SPDX-License-Identifier: GPL-2.0-only
/* The test guest on AArch64 EL1: virtual counter, PSCI over HVC. */
#include "guest-arch.h"

extern char secondary_entry[];
void guest_abort(uint64_t esr, uint64_t far);

uint64_t arch_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

uint64_t arch_counter_freq(const struct fdt_info *info)
{
	uint64_t v;

	(void)info;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

void arch_wait_until(uint64_t deadline)
{
	while (arch_counter() < deadline)
		;
}

static int64_t psci(uint64_t fn, uint64_t a, uint64_t b, uint64_t c)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a;
	register uint64_t x2 __asm__("x2") = b;
	register uint64_t x3 __asm__("x3") = c;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (int64_t)x0;
}

void arch_firmware_nop(void)
{
	psci(0x84000000, 0, 0, 0);
}

void arch_report_firmware(void)
{
	puts_uart("baremetal: PSCI version ");
	put_hex((uint64_t)psci(0x84000000, 0, 0, 0));
	puts_uart("\n");
}

void arch_cpu_on(uint64_t hwid, unsigned int index)
{
	psci(0xc4000003, hwid, (uint64_t)(uintptr_t)secondary_entry, index); /* CPU_ON */
}

void arch_system_reset(void)
{
	psci(0x84000009, 0, 0, 0); /* PSCI SYSTEM_RESET */
}

void arch_crash(void)
{
	__asm__ volatile("msr vbar_el1, xzr\n\tisb\n\tmov x0, #0\n\tldr x0, [x0]"
			 :
			 :
			 : "x0", "memory");
	for (;;)
		;
}

void guest_abort(uint64_t esr, uint64_t far)
{
	puts_uart("baremetal: data abort caught in the guest, ESR ");
	put_hex(esr);
	puts_uart(" FAR ");
	put_hex(far);
	puts_uart("\n");
}
