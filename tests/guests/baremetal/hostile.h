/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest (bootargs "hostile"): attacks the hypervisor from
 * inside a VM and reports, one line per attack, what it observed itself.
 * hostile.c holds the framework and the attacks common to both
 * architectures; hostile-<arch>.c the rest, hostile-<arch>.S its vectors.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdint.h>

#include "fdt_mini.h"

/*
 * One plain load or store of @width bytes: the compiler would otherwise
 * pick post-indexed forms in loops, which give no syndrome on arm64 (the
 * hypervisor then refuses them, as the mmio_writeback attack shows).
 */
#ifdef __aarch64__
#define MMIO_LD(insn, v, a) __asm__ volatile(insn " %w0, [%1]" : "=r"(v) : "r"(a) : "memory")
#define MMIO_ST(insn, v, a) __asm__ volatile(insn " %w0, [%1]" : : "r"(v), "r"(a) : "memory")
#define LD8 "ldrb"
#define LD16 "ldrh"
#define LD32 "ldr"
#define ST8 "strb"
#define ST16 "strh"
#define ST32 "str"
#define LD64(v, a) __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory")
#define ST64(v, a) __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory")
#else
#define MMIO_LD(insn, v, a) __asm__ volatile(insn " %0, 0(%1)" : "=r"(v) : "r"(a) : "memory")
#define MMIO_ST(insn, v, a) __asm__ volatile(insn " %0, 0(%1)" : : "r"(v), "r"(a) : "memory")
#define LD8 "lbu"
#define LD16 "lhu"
#define LD32 "lwu"
#define ST8 "sb"
#define ST16 "sh"
#define ST32 "sw"
#define LD64(v, a) MMIO_LD("ld", v, a)
#define ST64(v, a) MMIO_ST("sd", v, a)
#endif

static inline uint64_t mmio_read(uint64_t addr, unsigned int width)
{
	uint64_t v = 0;
	uint32_t w = 0;

	switch (width) {
	case 1:
		MMIO_LD(LD8, w, addr);
		return w;
	case 2:
		MMIO_LD(LD16, w, addr);
		return w;
	case 4:
		MMIO_LD(LD32, w, addr);
		return w;
	default:
		LD64(v, addr);
		return v;
	}
}

static inline void mmio_write(uint64_t addr, unsigned int width, uint64_t v)
{
	uint32_t w = (uint32_t)v;

	switch (width) {
	case 1:
		MMIO_ST(ST8, w, addr);
		break;
	case 2:
		MMIO_ST(ST16, w, addr);
		break;
	case 4:
		MMIO_ST(ST32, w, addr);
		break;
	default:
		ST64(v, addr);
	}
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return (uint32_t)mmio_read(addr, 4);
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	mmio_write(addr, 4, v);
}

/* What the guest's own exception handler saw last (hostile-<arch>.S). */
struct hfault {
	uint64_t count;
	uint64_t cause; /* ESR_EL1 / scause */
	uint64_t addr; /* FAR_EL1 / stval */
	uint64_t pc; /* ELR_EL1 / sepc */
};

extern volatile struct hfault hfault;
/* Non-zero: the next synchronous exception resumes there (a bad jump). */
extern volatile uint64_t hresume;
/* Interrupts each vCPU took (index: vCPU id), and the last INTID / cause. */
extern volatile uint64_t hirqs[2];
extern volatile uint64_t hirq_last[2];
/* Called for each interrupt the guest takes, before its EOI (bench mode). */
extern void (*volatile hirq_hook)(uint64_t intid);
/* Exceptions at vectors the guest never expects (e.g. SError, FIQ). */
extern volatile uint64_t hunexpected;

extern const struct fdt_info *hinfo;

/* Formatted output: %s, %x (u64 hex), %u (u64 decimal), %i (s64). */
void hprintf(const char *fmt, ...);

/** report() - the verdict of one attack: "HOSTILE <name> held: ..." */
void report(const char *name, int held, const char *fmt, ...);

/*
 * model() - whether one of Shyper's device models behaved as the hardware
 * would, for what only hurts the guest itself (not counted as an attack):
 * "HOSTILE-MODEL <name> exact: ..." or "... INEXACT: ...".
 */
void model(const char *name, int exact, const char *fmt, ...);

/* Pseudo-random numbers, the same sequence on every run. */
uint64_t hrand(void);

/* Load/store through a pointer; the fault count tells whether it faulted. */
int probe_load(uint64_t addr);
int probe_store(uint64_t addr, uint64_t val);

/* An address inside the VM's own RAM or its emulated devices. */
int is_own(uint64_t addr);

void hostile_common_attacks(void);

/* Provided by hostile-<arch>.c. */
void arch_hostile_init(void);
void arch_hostile_attacks(void);
void arch_hostile_exec(uint64_t addr); /* jump to @addr, come back on the fault */
void arch_hostile_park(void) __attribute__((noreturn));
extern const uint64_t arch_host_devices[];

/*
 * The victim's side (victim.c): its heartbeat sleeps until its timer
 * interrupt, delivered by the hypervisor, so that its ticks also prove
 * interrupt delivery kept working. hinfo must be set first.
 */
void arch_victim_init(void);
void arch_victim_wait(uint64_t deadline);

/*
 * For modes that sleep on other interrupts (shmem.c), after
 * arch_victim_init(): arch_irq_line_enable() lets external line @irq (a GIC
 * SPI's INTID, a PLIC source) reach vCPU 0's handler (hirq_hook sees it);
 * arch_timer_at() arms the guest's timer for @deadline, so that a sleep
 * always ends; arch_sleep() is one WFI with interrupts unmasked only after
 * it (a pending interrupt wakes a masked WFI, so none is missed between
 * the caller's check and the sleep).
 */
void arch_irq_line_enable(uint32_t irq);
void arch_timer_at(uint64_t deadline);
void arch_sleep(void);

/* guest.c */
void hostile_main(const struct fdt_info *info) __attribute__((noreturn));

#endif
