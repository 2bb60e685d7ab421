// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot CPU's path through Shyper (Documentation/boot-flow.md): console
 * from stdout-path, platform discovery, drivers by class, secondary CPUs,
 * summary.
 */
#include <libfdt.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/dt_overlay.h>
#include <shyper/guest_seed.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/version.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

void shyper_main(void *fdt) __noreturn;
extern char boot_stack_top[];

static __init __noreturn void halt(void)
{
	for (;;)
		cpu_arch_idle();
}

static __init void probe_console(const void *fdt)
{
	int node = dt_stdout_node(fdt);
	int err = node < 0 ? node : device_probe_node(fdt, node, DEVICE_SERIAL);

	if (err)
		pr_warn("no console: /chosen/stdout-path %s (%d)\n",
			node < 0 ? "missing or dangling" : "has no usable driver", err);
}

/*
 * Not init text: the boot CPU leaves shyper_main() for good here, and
 * unmaps the code it came from before it becomes a vCPU's CPU.
 */
static __init void report_guest_seed(unsigned int host_bytes)
{
	if (host_bytes)
		pr_info("vm: entropy: every VM gets its own /chosen/rng-seed, derived from the "
			"host's %u seed bytes\n",
			host_bytes);
	else
		pr_info("vm: entropy: the bootloader gave no /chosen/rng-seed, so VMs get none "
			"and gather their own\n");
}

static __noreturn __attribute__((noinline)) void boot_done(void)
{
	mm_free_init();
	vcpu_run_loop(cpu_boot());
}

__init void shyper_main(void *fdt)
{
	paddr_t image = (paddr_t)(uintptr_t)__image_start;
	const void *boot_fdt = fdt;

	if (dt_check(fdt))
		halt(); /* no DTB, no console: nothing to say it with */
	/* Before anything reads it; messages wait in the console's early buffer. */
	fdt = (void *)dt_overlay_apply_chosen(fdt);
	probe_console(fdt);
	pr_info("Shyper %s starting, DTB at %p\n", SHYPER_VERSION, fdt);
	if (platform_discover(fdt, image, __image_end - __image_start) || mm_map_ram())
		halt();
	if (fdt != boot_fdt)
		platform_reserve((paddr_t)(uintptr_t)boot_fdt, fdt_totalsize(boot_fdt), "boot-dtb");
	cpu_arch_set_current(cpu_boot());
	cpu_boot()->online = true;
	cpu_boot()->stack_top = (u8 *)boot_stack_top;
	mm_report_cpu(cpu_boot());
	mm_selftest();
	if (platform_arch_init(fdt))
		halt();
	device_probe_class(fdt, DEVICE_IRQCHIP);
	device_probe_class(fdt, DEVICE_TIMER);
	cpu_arch_init_local(cpu_boot());
	smp_boot_secondaries();
	platform_print_summary();
	mm_print_usage();
	report_guest_seed(guest_seed_init(fdt));
	vm_boot_all(fdt);
	console_mux_init();
	boot_done();
}
