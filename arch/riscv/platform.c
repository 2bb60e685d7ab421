// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the hart itself says about virtualization. hgatp.MODE and
 * hgatp.VMID are WARL (RISC-V privileged spec, H extension): write a mode
 * or all-ones VMID and read back what sticks.
 */
#define pr_fmt(fmt) "riscv: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <asm/csr.h>
#include <asm/vm.h>

static const char *gstage_mode = "none";
static unsigned int vmid_bits __initdata; /* set and read while booting */

static __init bool hgatp_mode_sticks(unsigned long long mode)
{
	bool ok;

	csr_write(CSR_HGATP, mode << HGATP_MODE_SHIFT);
	ok = (csr_read(CSR_HGATP) >> HGATP_MODE_SHIFT) == mode;
	csr_write(CSR_HGATP, 0);
	return ok;
}

static __init unsigned int probe_vmid_bits(void)
{
	unsigned long vmid;
	unsigned int bits = 0;

	csr_write(CSR_HGATP, HGATP_VMID_MASK << HGATP_VMID_SHIFT);
	vmid = (csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT) & HGATP_VMID_MASK;
	csr_write(CSR_HGATP, 0);
	for (; vmid & 1; vmid >>= 1)
		bits++;
	return bits;
}

__init int platform_arch_init(const void *fdt)
{
	/* Reading hgatp traps without the H extension (reported by traps.c). */
	u64 mode;

	if (hgatp_mode_sticks(HGATP_MODE_SV48X4)) {
		gstage_mode = "Sv48x4";
		mode = HGATP_MODE_SV48X4;
	} else if (hgatp_mode_sticks(HGATP_MODE_SV39X4)) {
		gstage_mode = "Sv39x4";
		mode = HGATP_MODE_SV39X4;
	} else {
		pr_err("boot hart supports neither Sv39x4 nor Sv48x4 G-stage\n");
		return -ENODEV;
	}
	vmid_bits = probe_vmid_bits();
	gstage_set_mode(mode, vmid_bits);
	return 0;
}

__init void platform_arch_summary(void)
{
	const struct cpu *boot = cpu_boot();

	printk(
	    LOGLEVEL_INFO,
	    "  arch:      riscv64 in HS-mode, G-stage %s, %u-bit VMID, boot hart %llu, sstc %s\n",
	    gstage_mode, vmid_bits, (unsigned long long)boot->hwid,
	    boot->arch.has_sstc ? "yes" : "no");
}
