// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for cpu_arch_boot_hwid(), which reads MPIDR_EL1 (arm64) or
 * takes the boot hart id (riscv) on hardware.
 */
#include <shyper/cpu.h>
#include <unit.h>

static u64 boot_hwid;

void unit_set_boot_hwid(uint64_t hwid)
{
	boot_hwid = hwid;
}

u64 cpu_arch_boot_hwid(void)
{
	return boot_hwid;
}
