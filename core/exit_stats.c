// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU counters of hypervisor entries (include/shyper/exit_stats.h),
 * kept in struct cpu. Each CPU writes only its own row, so counting is a
 * plain increment; a reader on another CPU may see a count one entry old.
 * The same holds for the hypervisor time (exit_time_end()).
 */
#define pr_fmt(fmt) "exits: " fmt

#include <shyper/cpu.h>
#include <shyper/exit_stats.h>
#include <shyper/fmt.h>
#include <shyper/printk.h>
#include <shyper/timer.h>
#include <shyper/vm.h>

static const char *const cause_names[NR_EXIT_CAUSES] = {
    [EXIT_CAUSE_HYPERCALL] = "hypercall", [EXIT_CAUSE_MMIO] = "mmio",
    [EXIT_CAUSE_SYSREG] = "sysreg",	  [EXIT_CAUSE_IRQ] = "irq",
    [EXIT_CAUSE_FAULT] = "fault",
};

const char *exit_cause_name(enum exit_cause cause)
{
	return cause < NR_EXIT_CAUSES ? cause_names[cause] : "?";
}

u64 exit_stats_read(unsigned int cpu, enum exit_cause cause)
{
	const struct cpu *c = cpu_get(cpu);

	return c && cause < NR_EXIT_CAUSES ? __atomic_load_n(&c->exits[cause], __ATOMIC_RELAXED)
					   : 0;
}

u64 exit_stats_hyp_ticks(unsigned int cpu)
{
	const struct cpu *c = cpu_get(cpu);

	return c ? __atomic_load_n(&c->hyp_ticks, __ATOMIC_RELAXED) : 0;
}

u64 exit_stats_total(unsigned int cpu)
{
	unsigned int c;
	u64 sum = 0;

	for (c = 0; c < NR_EXIT_CAUSES; c++)
		sum += exit_stats_read(cpu, c);
	return sum;
}

void exit_stats_print(void)
{
	unsigned int i, c;
	struct cpu *cpu;
	char line[160];
	size_t n;

	pr_info("counter %llu Hz\n", (unsigned long long)timer_freq()); /* the ticks' unit */
	for (i = 0; (cpu = cpu_get(i)); i++) {
		if (!cpu->online)
			continue;
		n = fmt_snprintf(line, sizeof(line), "cpu%u vm%u:", i,
				 cpu->vcpu ? cpu->vcpu->vm->cfg->id : 0);
		for (c = 0; c < NR_EXIT_CAUSES && n < sizeof(line); c++)
			n +=
			    fmt_snprintf(line + n, sizeof(line) - n, " %s %llu", exit_cause_name(c),
					 (unsigned long long)exit_stats_read(i, c));
		pr_info("%s, hyp %llu ticks (%llu ms)\n", line,
			(unsigned long long)exit_stats_hyp_ticks(i),
			(unsigned long long)timer_ticks_to_ms(exit_stats_hyp_ticks(i)));
	}
}
