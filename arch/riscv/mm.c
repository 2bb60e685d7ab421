// SPDX-License-Identifier: GPL-2.0-only
/*
 * HS-mode translation for Shyper itself (RISC-V privileged spec 4.1.11
 * satp, 4.5 Sv48). The tables are built for Sv48; if the hart does not
 * take Sv48 (satp is WARL: an unsupported mode leaves it unchanged), the
 * level-2 table under root entry 0 is exactly an Sv39 root for the same
 * map, provided everything lies below 256 GiB. Caches need no maintenance
 * here: RISC-V accesses follow the physical memory attributes whatever
 * satp says, so the hypervisor and a guest with translation off agree.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <shyper/cpu.h>
#include <shyper/mm.h>
#include <shyper/printk.h>
#include <asm/csr.h>
#include <asm/pgtable.h>

/* Read by secondary_entry (head.S) before it calls any C. */
u64 mm_boot_satp;

void mm_arch_init(struct pt *pt)
{
	riscv_sv_layout(4, pt);
}

static u64 satp_of(u64 mode, const u64 *root)
{
	return mode << SATP_MODE_SHIFT | (uintptr_t)root >> 12;
}

static bool try_satp(u64 value)
{
	__asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma" : : "r"(value) : "memory");
	return csr_read(satp) == value;
}

/* Sv39 reuses the Sv48 tree below root entry 0, if nothing lies above it. */
static bool fall_back_to_sv39(struct pt *pt)
{
	unsigned int i;

	for (i = 1; i < pt->root_entries; i++)
		if (pt->root[i] & PT_VALID)
			return false;
	if (!(pt->root[0] & PT_VALID))
		return false;
	pt->root = (u64 *)(uintptr_t)pt->fmt->addr(pt->root[0]);
	riscv_sv_layout(3, pt);
	return try_satp(satp_of(SATP_MODE_SV39, pt->root));
}

void mm_arch_enable(struct pt *pt)
{
	if (try_satp(satp_of(SATP_MODE_SV48, pt->root)) || fall_back_to_sv39(pt))
		mm_boot_satp = csr_read(satp);
}

void mm_arch_invalidate(u64 va)
{
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
}

void mm_arch_sync(void)
{
	__asm__ volatile("sfence.vma" : : : "memory");
}

void mm_arch_report(const struct cpu *cpu)
{
	u64 satp = csr_read(satp), mode = satp >> SATP_MODE_SHIFT;

	pr_info("CPU%u: translation %s (satp 0x%llx), caches coherent by PMA\n", cpu->id,
		mode == SATP_MODE_SV48	 ? "Sv48"
		: mode == SATP_MODE_SV39 ? "Sv39"
					 : "off",
		(unsigned long long)satp);
}

#ifdef CONFIG_MM_SELFTEST
/* "li a0, 0; ret", copied into data by mm_selftest(). */
const u32 mm_probe_code[4] = {0x00000513, 0x00008067, 0x00008067, 0x00008067};
#endif
