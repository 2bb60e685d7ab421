// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console input routing. Characters typed on the physical console go to
 * the VM that has the focus; Ctrl-] followed by a digit moves the focus
 * (0: the hypervisor's own console, n: the VM whose id is n).
 */
#define pr_fmt(fmt) "console: " fmt

#include <shyper/console.h>
#include <shyper/control_abi.h>
#include <shyper/cpu.h>
#include <shyper/exit_stats.h>
#include <shyper/fmt.h>
#include <shyper/timer.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm.h>
#include "vm_internal.h"
#include <shyper/vuart.h>

static u32 irq;
static u32 focus; /* VM id, 0 = hypervisor */
static bool escape; /* the previous character was CONSOLE_ESCAPE */
static char cmd[32]; /* hypervisor console line */
static unsigned int cmd_len;

/*
 * Two lines per VM: its state (and why it stopped), its hypervisor entries by
 * cause, its restarts; then its uptime, hypervisor time and injected interrupts.
 */
static void list_vms(void)
{
	static const char *const reasons[CTL_NR_REASONS] = CTL_REASON_NAMES;
	char exits[128];
	unsigned int i, c;
	size_t n;

	for (i = 0; i < vm_count(); i++) {
		const struct vm *vm = vm_get(i);
		bool why = vm_fsm_vm(&vm->fsm) != VM_RUNNING && vm->why_stopped > 0 &&
			   vm->why_stopped < CTL_NR_REASONS;

		for (c = 0, n = 0; c < NR_EXIT_CAUSES && n < sizeof(exits); c++)
			n += fmt_snprintf(exits + n, sizeof(exits) - n, " %s %llu",
					  exit_cause_name(c), (unsigned long long)vm_exits(vm, c));
		pr_info("  vm%u %-16s %u vCPU(s) %s%s%s%s, exits:%s, restarts %llu\n", vm->cfg->id,
			vm->cfg->label, vm->nr_vcpus, vm_state_name(vm), why ? " (" : "",
			why ? reasons[vm->why_stopped] : "", why ? ")" : "", exits,
			(unsigned long long)vm->restarts);
		/* A line of its own: the console cuts lines at 160 characters. */
		pr_info("  vm%u up %llu ms, hyp %llu ms, irqs injected %llu\n", vm->cfg->id,
			(unsigned long long)timer_ticks_to_ms(vm_uptime(vm)),
			(unsigned long long)timer_ticks_to_ms(vm_hyp_ticks(vm)),
			(unsigned long long)vm_irqs_injected(vm));
	}
}

static void hypervisor_input(char c)
{
	if (c != '\r' && c != '\n') {
		if (cmd_len < sizeof(cmd) - 1)
			cmd[cmd_len++] = c;
		return;
	}
	cmd[cmd_len] = '\0';
	cmd_len = 0;
	if (!__builtin_strcmp(cmd, "vms"))
		list_vms();
	else if (!__builtin_strcmp(cmd, "exits"))
		exit_stats_print();
	else if (cmd[0])
		pr_info("commands: vms, exits (Ctrl-] then a VM id switches the input)\n");
}

static void set_focus(u32 id)
{
	if (id && !vuart_find(id)) {
		pr_info("no VM with id %u and a virtual UART\n", id);
		return;
	}
	__atomic_store_n(&focus, id, __ATOMIC_RELAXED);
	pr_info("input goes to %s%u\n", id ? "vm" : "the hypervisor, vm", id);
}

u32 console_mux_focus(void)
{
	return __atomic_load_n(&focus, __ATOMIC_RELAXED);
}

void console_mux_input(char c)
{
	struct vuart *vu;

	if (escape) {
		escape = false;
		if (c >= '0' && c <= '9') {
			set_focus(c - '0');
			return;
		}
	} else if (c == CONSOLE_ESCAPE) {
		escape = true;
		return;
	}
	vu = focus ? vuart_find(focus) : NULL;
	if (vu)
		vuart_deliver(vu, c);
	else
		hypervisor_input(c);
}

void console_handle_irq(void)
{
	const struct console *con = console_get();
	int c;

	while (con && con->getc && (c = con->getc(con->ctx)) >= 0)
		console_mux_input((char)c);
}

/* Read lazily: the interrupt controller is probed after the console. */
u32 console_irq(void)
{
	const struct platform_device *dev = platform_find_device(DEVICE_SERIAL);

	if (!irq && dev && vm_device_irqs(platform.fdt, dev->node, &irq, 1) != 1)
		irq = 0;
	return irq;
}

void console_mux_init(void)
{
	unsigned int i;

	console_irq();
	for (i = 0; i < vm_count() && !focus; i++)
		if (vuart_find(vm_get(i)->cfg->id))
			focus = vm_get(i)->cfg->id;
	if (irq)
		console_arch_enable_irq(irq);
	pr_info("input goes to vm%u; Ctrl-] then a VM id switches, Ctrl-] 0 is the hypervisor\n",
		focus);
}
