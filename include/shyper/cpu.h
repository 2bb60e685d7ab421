/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical CPUs. One struct cpu per CPU node of the DTB, numbered from 0
 * in DTB order; the architecture part is embedded (struct cpu_arch).
 */
#ifndef SHYPER_CPU_H
#define SHYPER_CPU_H

#include <shyper/exit_stats.h>
#include <shyper/types.h>
#include <asm/cpu.h>

struct vcpu;

/**
 * struct cpu - one physical CPU
 * @stack_top: top of its hypervisor stack
 * @id: logical number (index in the CPU table)
 * @hwid: MPIDR affinity (arm64) or hart id (riscv) from the node's reg
 * @node: DTB offset of the CPU node
 * @online: set by the CPU itself once it runs Shyper's code
 * @vcpu: the vCPU pinned to it, NULL while no VM owns it
 * @arch: architecture state (enable method, ...)
 */
struct cpu {
	u8 *stack_top; /* first: the arch entry code loads it at offset 0 */
	cpuid_t id;
	u64 hwid;
	int node;
	bool online;
	struct vcpu *vcpu;
	u64 exits[NR_EXIT_CAUSES]; /* hypervisor entries by cause (shyper/exit_stats.h) */
	u64 hyp_ticks; /* counter ticks spent in guest exits (exit_time_end()) */
	u64 exit_stamp; /* the counter when the current exit began */
	struct cpu_arch arch;
};

/**
 * cpu_discover() - fill the CPU table from the CPU nodes under /cpus
 * Return: 0, or -ENODEV when no usable CPU or not the boot CPU was found.
 */
int cpu_discover(const void *fdt);

/** cpu_boot() - the CPU that entered Shyper first. */
struct cpu *cpu_boot(void);

/** cpu_get() - CPU @id, or NULL past the last one. */
struct cpu *cpu_get(cpuid_t id);

/** cpu_count() - number of CPUs found in the DTB. */
unsigned int cpu_count(void);

/**
 * cpu_arch_parse_node() - fill the architecture part from a CPU node
 * Return: 0, -ENODEV to leave the CPU out (logged by the caller), -errno.
 */
int cpu_arch_parse_node(const void *fdt, int node, struct cpu *cpu);

/**
 * cpu_arch_why_left_out() - why cpu_arch_parse_node() returned @err for
 * @node, in words for the message that leaves the CPU out
 */
const char *cpu_arch_why_left_out(const void *fdt, int node, int err);

/** cpu_arch_boot_hwid() - hardware id of the CPU running this code at boot. */
u64 cpu_arch_boot_hwid(void);

/** cpu_arch_set_current() - make cpu_current() return @cpu on this CPU. */
void cpu_arch_set_current(struct cpu *cpu);

/** cpu_arch_idle() - wait for an interrupt or event. */
void cpu_arch_idle(void);

/**
 * cpu_arch_wait() - wait for cpu_arch_wake() from another CPU or an
 * interrupt (taken while waiting); may return spuriously.
 */
void cpu_arch_wait(void);

/** cpu_arch_wake() - wake every CPU sitting in cpu_arch_wait(). */
void cpu_arch_wake(void);

/**
 * cpu_arch_init_local() - per-CPU setup once the drivers are probed (the
 * CPU's interrupt controller interface), on every CPU
 */
void cpu_arch_init_local(struct cpu *cpu);

/** cpu_current() - this CPU's struct cpu. */
struct cpu *cpu_current(void);

/** cpu_arch_method() - how the CPU is started, for the summary. */
const char *cpu_arch_method(const struct cpu *cpu);

/**
 * smp_arch_start_cpu() - start @cpu at secondary_entry with @cpu as its
 * argument (PSCI CPU_ON, spin-table, SBI HSM HART_START)
 */
int smp_arch_start_cpu(struct cpu *cpu);

/** smp_boot_secondaries() - start every other CPU and wait for them. */
void smp_boot_secondaries(void);

/** secondary_main() - C entry of a secondary CPU, on its own stack. */
void secondary_main(struct cpu *cpu) __noreturn;

#endif
