// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL2 stage-1 translation for Shyper itself (Arm ARM D8: VMSAv8-64,
 * D17.2 TCR_EL2, MAIR_EL2, SCTLR_EL2). Identity map, 4 KiB granule, as
 * many address bits as the CPU's PA size (capped at 48).
 *
 * Turning the MMU on (Arm ARM D8.16 / B2.4 on cache coherency): with the
 * MMU off, data accesses are Device-nGnRnE and bypass the caches, but the
 * caches may still hold clean lines of the image from the bootloader,
 * which had them on. The boot CPU invalidates the whole image by VA to the
 * point of coherency before turning caches on, so that nothing it wrote
 * with the MMU off (relocations, bss, the tables) is shadowed by a stale
 * line. Secondary CPUs must not invalidate: by then the boot CPU has dirty
 * lines that an invalidate by VA would destroy.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <shyper/cpu.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <asm/cache.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

#define TCR_RES1 ((1ULL << 31) | (1ULL << 23))
#define TCR_IRGN0_WBWA (1ULL << 8)
#define TCR_ORGN0_WBWA (1ULL << 10)
#define TCR_SH0_INNER (3ULL << 12)
#define TCR_PS_SHIFT 16

#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_SA (1ULL << 3)
#define SCTLR_I (1ULL << 12)
#define SCTLR_WXN (1ULL << 19)
#define SCTLR_EL2_RES1 0x30c50830ULL /* bits 4, 5, 11, 16, 18, 22, 23, 28, 29 */

/* Attr0 Device-nGnRnE, Attr1 Device-nGnRE, Attr2 Normal WB RW-allocate. */
#define MAIR_VALUE                                                                        \
	((0x00ULL << (8 * MAIR_IDX_DEVICE_NGNRNE)) | (0x04ULL << (8 * MAIR_IDX_DEVICE)) | \
	 (0xffULL << (8 * MAIR_IDX_NORMAL)))

/**
 * struct mm_boot_regs - what every CPU loads to turn its MMU on
 * (head.S mmu_on: the layout is fixed, four u64 in this order). The boot
 * CPU fills it with the MMU off, so secondaries read it from memory.
 */
struct mm_boot_regs {
	u64 mair;
	u64 tcr;
	u64 ttbr;
	u64 sctlr;
} mm_boot_regs;

extern void mmu_on(const struct mm_boot_regs *regs);

/* ID_AA64MMFR0_EL1.PARange encodings (Arm ARM D17.2.64). */
static const unsigned int parange_bits[] = {32, 36, 40, 42, 44, 48, 52};
#define PARANGE_48 5

unsigned int arm64_parange_bits(unsigned int parange)
{
	return parange < ARRAY_SIZE(parange_bits) ? parange_bits[parange] : 48;
}

unsigned int arm64_pa_bits(unsigned int *parange)
{
	unsigned int pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (pa > PARANGE_48)
		pa = PARANGE_48; /* 52 bits needs 64 KiB pages: use 48 */
	*parange = pa;
	return parange_bits[pa];
}

void mm_arch_init(struct pt *pt)
{
	unsigned int parange;

	arm64_el2_layout(arm64_pa_bits(&parange), pt);
}

void mm_arch_enable(struct pt *pt)
{
	unsigned int parange, bits = arm64_pa_bits(&parange);

	mm_boot_regs = (struct mm_boot_regs){
	    .mair = MAIR_VALUE,
	    .tcr = TCR_RES1 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
		   ((u64)parange << TCR_PS_SHIFT) | (64 - bits),
	    .ttbr = (uintptr_t)pt->root,
	    .sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I | SCTLR_WXN,
	};
	cache_inval_poc((uintptr_t)__image_start, __image_end - __image_start);
	mmu_on(&mm_boot_regs);
}

void mm_arch_invalidate(u64 va)
{
	__asm__ volatile("dsb ishst\n\ttlbi vae2is, %0\n\tdsb ish\n\tisb"
			 :
			 : "r"(va >> 12)
			 : "memory");
}

void mm_arch_sync(void)
{
	__asm__ volatile("dsb ishst\n\tisb" : : : "memory");
}

void mm_arch_report(const struct cpu *cpu)
{
	u64 sctlr = read_sysreg(sctlr_el2), tcr = read_sysreg(tcr_el2);

	pr_info("CPU%u: MMU %s, D-cache %s, I-cache %s, WXN %s, %u-bit VA (SCTLR_EL2 0x%llx)\n",
		cpu->id, sctlr & SCTLR_M ? "on" : "off", sctlr & SCTLR_C ? "on" : "off",
		sctlr & SCTLR_I ? "on" : "off", sctlr & SCTLR_WXN ? "on" : "off",
		64 - (unsigned int)(tcr & 0x3f), (unsigned long long)sctlr);
}

#ifdef CONFIG_MM_SELFTEST
/* "mov x0, #0; ret", copied into data by mm_selftest(). */
const u32 mm_probe_code[4] = {0xd2800000, 0xd65f03c0, 0xd65f03c0, 0xd65f03c0};
#endif
