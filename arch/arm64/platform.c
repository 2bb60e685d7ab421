// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the CPU itself says about virtualization: exception level, physical
 * address size and VMID width (Arm ARM D17.2: ID_AA64MMFR0_EL1,
 * ID_AA64MMFR1_EL1).
 */
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

static __init unsigned int pa_bits(void)
{
	return arm64_parange_bits(read_sysreg(id_aa64mmfr0_el1) & 0xf);
}

static __init unsigned int vmid_bits(void)
{
	return ((read_sysreg(id_aa64mmfr1_el1) >> 4) & 0xf) == 2 ? 16 : 8;
}

__init int platform_arch_init(const void *fdt)
{
	return 0;
}

__init void platform_arch_summary(void)
{
	pr_info("  arch:      arm64 at EL%llu, %u-bit PA, %u-bit VMID, MIDR 0x%llx\n",
		(unsigned long long)(read_sysreg(CurrentEL) >> 2), pa_bits(), vmid_bits(),
		(unsigned long long)read_sysreg(midr_el1));
}
