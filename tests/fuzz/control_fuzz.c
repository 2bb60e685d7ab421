// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the management VM's control page: the register
 * decoder (core/control_regs.c) and the real command table
 * (core/control.c), driven by any sequence of guest accesses. Three VMs
 * stand behind it (the management VM 1, VM 2 and VM 3) with the real VM
 * state machine (core/vm_fsm.c) carrying out the lifecycle commands, a
 * console ring per VM, and fixed exit counters. Each input is a list of
 * 8-byte records: offset (2 bytes), width (1), write (1), value (4).
 * Checked after each access: no sanitizer report, a status that is one of
 * the ABI's codes, the identification registers unchanged, the management
 * VM never stopped by its own commands, a destroyed VM never coming back,
 * console reads within the data window.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/console.h>
#include <shyper/control.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NR_VMS 3

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};
static struct vm_config cfgs[NR_VMS];
static struct vm vms[NR_VMS];
static struct vuart vuarts[NR_VMS];
static struct cpu cpus[4];
static int (*handler)(struct vcpu *, struct mmio_access *, u64, void *);
static void *handler_priv;
struct platform platform;

/* Stand-ins for core/vm.c, core/vuart.c, core/irq.c, core/cpu.c. */
unsigned int vm_count(void)
{
	return NR_VMS;
}

struct vm *vm_get(unsigned int index)
{
	return index < NR_VMS ? &vms[index] : NULL;
}

struct cpu *cpu_get(cpuid_t id)
{
	return id < 4 ? &cpus[id] : NULL;
}

unsigned int irq_owned_count(void)
{
	return 2;
}

int vm_register_mmio(struct vm *vm, u64 base, u64 size,
		     int (*handle)(struct vcpu *, struct mmio_access *, u64, void *), void *priv)
{
	handler = handle;
	handler_priv = priv;
	return 0;
}

int vm_request(struct vm *vm, enum vm_event ev)
{
	u32 kick;

	if (ev != VM_EV_START && ev != VM_EV_POWEROFF && ev != VM_EV_RESET && ev != VM_EV_DESTROY)
		abort(); /* control.c asks for nothing else */
	return vm_fsm_step(&vm->fsm, ev, VM_FSM_NO_ACTOR, 0, &kick);
}

bool vm_is_paused(const struct vm *vm)
{
	return vm->paused && vm_fsm_vm(&vm->fsm) == VM_RUNNING;
}

int vm_set_paused(struct vm *vm, bool paused)
{
	if (vm_fsm_vm(&vm->fsm) != VM_RUNNING || vm->paused == paused)
		return -EAGAIN;
	vm->paused = paused;
	return 0;
}

u64 vm_exits(const struct vm *vm, enum exit_cause cause)
{
	return (u64)vm->cfg->id << 32 | cause;
}

struct vuart *vuart_find(u32 vm_id)
{
	return vm_id >= 1 && vm_id <= NR_VMS ? &vuarts[vm_id - 1] : NULL;
}

unsigned int vuart_input(struct vuart *vu, const char *s, unsigned int len)
{
	unsigned int n = len < 100 ? len : 100;

	memcpy(vu->line, s, n < VUART_LINE ? n : VUART_LINE); /* reads every byte asked */
	return n;
}

unsigned int vuart_history_read(struct vuart *vu, u32 from, u8 *buf, unsigned int max, u32 *next,
				u32 *oldest)
{
	unsigned int n = 0;

	*oldest = 0;
	for (; n < max && from < 1000; n++, from++)
		buf[n] = (u8)from;
	*next = from;
	return n;
}

static void setup(void)
{
	static const char *const labels[NR_VMS] = {"linux1", "linux2", "baremetal"};
	unsigned int i;

	console_register(&sink);
	memset(vms, 0, sizeof(vms));
	for (i = 0; i < NR_VMS; i++) {
		cfgs[i] =
		    (struct vm_config){.id = i + 1, .label = labels[i], .nr_vcpus = 1, .nr_mem = 1};
		cfgs[i].pcpu[0] = i;
		cfgs[i].mem[0].size = 0x1000000;
		vms[i].cfg = &cfgs[i];
		vms[i].nr_vcpus = 1;
		vm_fsm_init(&vms[i].fsm, 1);
	}
	cfgs[0].type = VM_TYPE_MANAGEMENT;
	cfgs[0].layout.control = (struct mem_region){0x50000000, PAGE_SIZE, "control page"};
	if (control_vm_init(&vms[0]) || !handler)
		abort();
}

static bool known_status(s32 s)
{
	return s == 0 || s == CTL_EPERM || s == CTL_ENOENT || s == CTL_E2BIG || s == CTL_EAGAIN ||
	       s == CTL_ENODEV || s == CTL_EINVAL;
}

static u32 read_reg(u64 offset)
{
	struct mmio_access acc = {.addr = 0x50000000 + offset, .width = 4};

	if (handler(NULL, &acc, offset, handler_priv))
		abort();
	return (u32)acc.value;
}

static void check(bool was_destroyed[NR_VMS])
{
	unsigned int i;

	if (read_reg(CTL_MAGIC) != CTL_MAGIC_VALUE || read_reg(CTL_VERSION) != CTL_VERSION_VALUE)
		abort();
	if (!known_status((s32)read_reg(CTL_STATUS)))
		abort();
	if (vm_fsm_vm(&vms[0].fsm) != VM_RUNNING || vms[0].paused)
		abort(); /* the management VM cannot act on itself */
	if (read_reg(CTL_CMD) == CTL_CMD_CONSOLE_READ && read_reg(CTL_RES(0)) > CTL_DATA_SIZE)
		abort();
	for (i = 0; i < NR_VMS; i++) {
		if (was_destroyed[i] && vm_fsm_vm(&vms[i].fsm) != VM_DESTROYED)
			abort();
		was_destroyed[i] = vm_fsm_vm(&vms[i].fsm) == VM_DESTROYED;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool destroyed[NR_VMS] = {false};
	size_t at;

	setup();
	for (at = 0; at + 8 <= size; at += 8) {
		struct mmio_access acc = {
		    .width = data[at + 2] & 0xf,
		    .write = data[at + 3] & 1,
		    .value = (u32)data[at + 4] | (u32)data[at + 5] << 8 | (u32)data[at + 6] << 16 |
			     (u32)data[at + 7] << 24,
		};
		/* Commands are small numbers: most stores to CTL_CMD should name one. */
		u64 offset = ((u64)data[at] | (u64)data[at + 1] << 8) & 0xfff;
		int err;

		if (offset == CTL_CMD && acc.write)
			acc.value %= CTL_NR_CMDS + 2;
		acc.addr = 0x50000000 + offset;
		err = handler(NULL, &acc, offset, handler_priv);
		if (err && err != -EINVAL)
			abort();
		if (!err && acc.width != 4)
			abort(); /* only 32-bit accesses are served */
		check(destroyed);
	}
	return 0;
}
