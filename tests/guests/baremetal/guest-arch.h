/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the test guest needs from its architecture: a counter, a way to
 * wait, firmware calls (PSCI on arm64, SBI on riscv64). One
 * guest-<arch>.c implements it.
 */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#include <stdint.h>

#include "fdt_mini.h"

/* Provided by guest.c for the architecture code. */
void puts_uart(const char *s);
void put_hex(uint64_t v);
void put_dec(uint64_t v);

/** hardening_main() - the "hardening" and "race" modes (hardening.c); never returns. */
void hardening_main(const struct fdt_info *info) __attribute__((noreturn));

/** hardening_secondary() - a secondary vCPU's part in the reset race (hardening.c). */
void hardening_secondary(void);

uint64_t arch_counter(void);
uint64_t arch_counter_freq(const struct fdt_info *info);

/** arch_wait_until() - return once arch_counter() reached @deadline. */
void arch_wait_until(uint64_t deadline);

/** arch_report_firmware() - print the firmware interface version. */
void arch_report_firmware(void);

/** uart_status() - one trapped MMIO read: the UART's status register (guest.c). */
void uart_status(void);

/** arch_firmware_nop() - the cheapest hypervisor call (a version query). */
void arch_firmware_nop(void);

/**
 * arch_cpu_on() - start the vCPU with hardware id @hwid (its DT reg: MPIDR
 * affinity or hart id) at secondary_entry, which calls guest_secondary()
 * with @index
 */
void arch_cpu_on(uint64_t hwid, unsigned int index);

/** arch_system_reset() - ask the firmware to reset the whole (virtual) machine. */
void arch_system_reset(void);

/*
 * Crash on purpose (bootargs "crash"): no exception handler (the vector
 * base at 0, outside RAM), then a load from outside RAM, so the fault's
 * own handler faults: the hypervisor's "all vCPUs faulted" crash.
 */
void arch_crash(void) __attribute__((noreturn));

/** scrub_check() - the "scrub" test of scrub.c; does not return. */
void scrub_check(const void *dtb, const struct fdt_info *info);

#endif
