/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the autoconf.h that Kconfig generates for target
 * builds. Capacities are small on purpose so tests can reach the limits
 * (more CPUs than CONFIG_MAX_CPUS, a full memory map) with small fixtures.
 * tests/unit/Makefile defines UNIT_ARCH_<arch> from <name>_test-arch.
 */
#ifndef UNIT_GENERATED_AUTOCONF_H
#define UNIT_GENERATED_AUTOCONF_H

#define CONFIG_MAX_CPUS 8
#define CONFIG_MAX_MEM_REGIONS 64
#define CONFIG_MAX_VMS 8
#define CONFIG_VWDT 1
#define CONFIG_DT_OVERLAY_BUF_KIB 16
#define CONFIG_CONTROL_STAGING_KIB 4096
/* Debug level: every pr_* line reaches the captured console. */
#define CONFIG_LOG_LEVEL 3

#if defined(UNIT_ARCH_riscv)
#define CONFIG_RISCV 1
#define CONFIG_ARCH "riscv"
#define CONFIG_RISCV_PLIC 1
#define CONFIG_RISCV_TIMER 1
#else
#define CONFIG_ARM64 1
#define CONFIG_ARCH "arm64"
#define CONFIG_ARM64_SPIN_TABLE 1
#define CONFIG_ARM_GIC_V2 1
#define CONFIG_ARM_GIC_V3 1
#define CONFIG_SERIAL_PL011 1
#define CONFIG_ARM_ARCH_TIMER 1
#endif
#define CONFIG_SERIAL_NS16550 1
#define CONFIG_VUART_PL011 1
#define CONFIG_VUART_NS16550 1
#define CONFIG_VIRTIO_NET 1
#define CONFIG_VIRTIO_CONSOLE 1
#define CONFIG_VIRTIO_BLK 1

#endif
