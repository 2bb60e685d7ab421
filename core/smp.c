// SPDX-License-Identifier: GPL-2.0-only
/* Bring up the secondary CPUs, one at a time, each on its own stack. */
#define pr_fmt(fmt) "smp: " fmt

#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vm.h>

#define CPU_STACK_SIZE (16 * SZ_1K)
/*
 * Generous: under an emulator sharing its host cores, a secondary may not
 * run for seconds of the counter (a 2 s limit left a riscv64 hart offline in
 * a loaded make check); a CPU that is really dead only delays the boot.
 */
#define CPU_START_TIMEOUT_US (10 * 1000 * 1000)

/* A stack with an unmapped guard page below it: an overflow faults. */
static __init int alloc_stack(struct cpu *cpu)
{
	paddr_t guard;
	int err = platform_alloc(PAGE_SIZE + CPU_STACK_SIZE, PAGE_SIZE, &guard);

	if (!err)
		err = mm_guard_page(guard);
	if (!err)
		cpu->stack_top = (u8 *)(uintptr_t)(guard + PAGE_SIZE + CPU_STACK_SIZE);
	return err;
}

static __init bool wait_online(struct cpu *cpu)
{
	u64 start = timer_ticks(), limit = timer_us_to_ticks(CPU_START_TIMEOUT_US);
	unsigned long spins = 0;

	/* Without a counter, fall back to a bounded spin. */
	while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
		if (limit ? timer_ticks() - start > limit : ++spins > 100000000UL)
			return false;
	}
	return true;
}

static __init void start_cpu(struct cpu *cpu)
{
	int err = cpu->stack_top ? smp_arch_start_cpu(cpu) : -ENOMEM;

	if (err) {
		pr_err("CPU%u (hwid 0x%llx): start failed (%d)\n", cpu->id,
		       (unsigned long long)cpu->hwid, err);
		return;
	}
	if (!wait_online(cpu))
		pr_err("CPU%u (hwid 0x%llx): did not come online\n", cpu->id,
		       (unsigned long long)cpu->hwid);
}

/*
 * Every stack exists before the first secondary runs: a guard page may
 * split a block mapping (break-before-make), which must not happen under
 * a running CPU's feet.
 */
__init void smp_boot_secondaries(void)
{
	cpuid_t id;

	for (id = 0; id < cpu_count(); id++)
		if (cpu_get(id) != cpu_boot() && alloc_stack(cpu_get(id)))
			cpu_get(id)->stack_top = NULL;
	for (id = 0; id < cpu_count(); id++)
		if (cpu_get(id) != cpu_boot())
			start_cpu(cpu_get(id));
}

void secondary_main(struct cpu *cpu)
{
	cpu_arch_set_current(cpu);
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	pr_info("CPU%u (hwid 0x%llx) online\n", cpu->id, (unsigned long long)cpu->hwid);
	mm_report_cpu(cpu);
	cpu_arch_init_local(cpu);
	vcpu_run_loop(cpu);
}
