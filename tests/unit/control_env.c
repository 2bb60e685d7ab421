// SPDX-License-Identifier: GPL-2.0-only
/*
 * The world behind the control page for host tests (control_env.h):
 * stand-ins for core/vm.c, core/vuart.c, core/irq.c and core/cpu.c.
 */
#include <stdlib.h>
#include <string.h>
#include <shyper/cache.h>
#include <shyper/console.h>
#include <shyper/printk.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include <shyper/irq.h>
#include <shyper/platform.h>
#include <shyper/timer.h>
#include <shyper/vm_create.h>
#include <shyper/vuart.h>
#include "control_env.h"

static void sink_putc(void *ctx, char c)
{
	*(volatile char *)ctx = c;
}

static char sink_byte;
static const struct console sink = {.name = "sink", .putc = sink_putc, .ctx = &sink_byte};
static struct vm_config cfgs[ENV_NR_VMS];
struct vm env_vms[ENV_NR_VMS];
static struct vuart vuarts[ENV_NR_VMS];
static char input[ENV_NR_VMS][VUART_LINE + 1];
static struct cpu cpus[4];
static int (*handler)(struct vcpu *, struct mmio_access *, u64, void *);
static void *handler_priv;
struct platform platform;

/* The staging window: host memory the test reads and writes (env_staging()). */
static u8 *staging_mem;
struct vm_create_req env_last_create;

int platform_alloc(u64 size, u64 align, paddr_t *out)
{
	free(staging_mem);
	staging_mem = aligned_alloc(align, size);
	if (!staging_mem)
		abort();
	memset(staging_mem, 0xa5, size); /* the scrub must clear it */
	*out = (paddr_t)(uintptr_t)staging_mem;
	return 0;
}

void mem_arch_scrub(paddr_t base, u64 size)
{
	memset((void *)(uintptr_t)base, 0, size);
}

void cache_arch_fetch_guest(paddr_t base, u64 size)
{
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	if (vm != &env_vms[0] || gpa != ENV_STAGING_BASE || hpa != (uintptr_t)staging_mem ||
	    size != ENV_STAGING_SIZE || device)
		abort();
	return 0;
}

u8 *env_staging(void)
{
	return staging_mem;
}

/*
 * core/vm_create.c's part: an overlay starting "BAD" is refused with a
 * binding message, as vm_config_parse_created() prints it; anything else
 * becomes VM 9.
 */
int vm_create(const struct vm_create_req *req, u32 *id)
{
	env_last_create = *req;
	if (!memcmp(req->overlay.data, "BAD", 3)) {
		pr_info("not an error: not the message\n");
		printk(LOGLEVEL_ERR, "vm: /chosen/vm9: cpus: CPU 2 is used by /chosen/vm2\n");
		printk(LOGLEVEL_ERR, "vm: /chosen/vm9: VM refused, the other VMs go on\n");
		return -EBUSY;
	}
	*id = 9;
	return 0;
}

unsigned int vm_count(void)
{
	return ENV_NR_VMS;
}

struct vm *vm_get(unsigned int index)
{
	return index < ENV_NR_VMS ? &env_vms[index] : NULL;
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
	if (vm != &env_vms[0] || base != ENV_CONTROL_BASE || size != PAGE_SIZE)
		abort();
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

/* core/vm.c's: the CPU back to the free ones (memory is core/vm.c's own business). */
int vm_release(struct vm *vm)
{
	if (vm_fsm_vm(&vm->fsm) != VM_DESTROYED || vm->released)
		return -EAGAIN;
	vm->released = true;
	vm->vcpu[0].pcpu->vcpu = NULL;
	return 0;
}

bool vm_is_paused(const struct vm *vm)
{
	return vm->paused && vm_fsm_vm(&vm->fsm) == VM_RUNNING;
}

int vm_set_paused(struct vm *vm, bool paused)
{
	if (vm_fsm_vm(&vm->fsm) != VM_RUNNING || vm->paused == paused)
		return -EAGAIN;
	vm_uptime_pause(vm, paused); /* as core/vm.c does */
	vm->paused = paused;
	return 0;
}

u64 vm_exits(const struct vm *vm, enum exit_cause cause)
{
	return (u64)vm->cfg->id << 32 | cause;
}

/* One vCPU per VM: its exits are the VM's. */
u64 vcpu_exits(const struct vcpu *vcpu, enum exit_cause cause)
{
	return vm_exits(vcpu->vm, cause);
}

u64 env_now;

static u64 env_counter(void)
{
	return env_now;
}

static const struct clocksource env_clock = {.freq = ENV_TICK_HZ, .read = env_counter};

struct vuart *vuart_find(u32 vm_id)
{
	return vm_id >= 1 && vm_id <= 2 ? &vuarts[vm_id - 1] : NULL;
}

/* Room for 100 characters at a time: the rest is "queue full". */
unsigned int vuart_input(struct vuart *vu, const char *s, unsigned int len)
{
	char *q = input[vu - vuarts];
	unsigned int n = len < 100 ? len : 100, have = (unsigned int)strlen(q);

	if (have + n > VUART_LINE)
		n = VUART_LINE - have;
	memcpy(q + have, s, n);
	q[have + n] = '\0';
	return n;
}

/* The power button: a BREAK, shown as "<BREAK>", then the key, into the queue. */
int vuart_send_sysrq(struct vuart *vu, char key)
{
	char seq[] = {'<', 'B', 'R', 'E', 'A', 'K', '>', key};

	return vuart_input(vu, seq, sizeof(seq)) == sizeof(seq) ? 0 : -EAGAIN;
}

const char *env_input(uint32_t id)
{
	return input[id - 1];
}

/* Output bytes 0..999 of VM 2, byte n being n % 256; the oldest kept is 100. */
unsigned int vuart_history_read(struct vuart *vu, u32 from, u8 *buf, unsigned int max, u32 *next,
				u32 *oldest)
{
	unsigned int n = 0;

	*oldest = 100;
	if (from < 100 || from > 1000)
		from = 100;
	for (; n < max && from < 1000; n++, from++)
		buf[n] = (u8)from;
	*next = from;
	return n;
}

void env_setup(void)
{
	static const char *const labels[ENV_NR_VMS] = {"linux1", "linux2", "baremetal"};
	static const enum vm_type types[ENV_NR_VMS] = {VM_TYPE_MANAGEMENT, VM_TYPE_GENERAL,
						       VM_TYPE_REALTIME};
	unsigned int i;

	console_register(&sink);
	timer_register(&env_clock);
	env_now = 1000;
	memset(env_vms, 0, sizeof(env_vms));
	memset(cpus, 0, sizeof(cpus));
	memset(input, 0, sizeof(input));
	memset(&platform, 0, sizeof(platform));
	memmap_add(&platform.usable, 0x60000000, 0x3000000, "ram");
	memmap_add(&platform.usable, 0x70000000, 0x200000, "ram");
	for (i = 0; i < 4; i++)
		cpus[i] = (struct cpu){.id = i, .online = true};
	for (i = 0; i < ENV_NR_VMS; i++) {
		cfgs[i] = (struct vm_config){
		    .id = i + 1, .label = labels[i], .type = types[i], .nr_vcpus = 1, .nr_mem = 2};
		cfgs[i].pcpu[0] = i;
		cfgs[i].mem[0].size = 0x1000000 << i;
		cfgs[i].mem[1].size = 0x200000;
		env_vms[i].cfg = &cfgs[i];
		env_vms[i].nr_vcpus = 1;
		env_vms[i].vcpu[0] = (struct vcpu){.vm = &env_vms[i], .pcpu = &cpus[i]};
		cpus[i].vcpu = &env_vms[i].vcpu[0];
		vm_fsm_init(&env_vms[i].fsm, 1);
		vm_uptime_start(&env_vms[i]);
	}
	cfgs[0].layout.control = (struct mem_region){ENV_CONTROL_BASE, PAGE_SIZE, "control page"};
	cfgs[0].layout.staging =
	    (struct mem_region){ENV_STAGING_BASE, ENV_STAGING_SIZE, "staging window"};
	handler = NULL;
	if (control_vm_init(&env_vms[0]) || !handler)
		abort();
	/* Only the management VM gets a page. */
	if (control_vm_init(&env_vms[1]))
		abort();
}

int env_access(uint64_t offset, unsigned int width, int write, uint32_t *value)
{
	struct mmio_access acc = {
	    .addr = ENV_CONTROL_BASE + offset, .width = width, .write = write, .value = *value};
	int err = handler(&env_vms[0].vcpu[0], &acc, offset, handler_priv);

	if (!write)
		*value = (uint32_t)acc.value;
	return err;
}

uint32_t env_reg(uint64_t offset)
{
	uint32_t v = 0;

	if (env_access(offset, 4, 0, &v))
		abort();
	return v;
}

int32_t env_cmd_args(uint32_t cmd, const uint32_t arg[CTL_NR_ARGS])
{
	unsigned int i;
	uint32_t v;

	for (i = 0; i < CTL_NR_ARGS; i++) {
		v = arg[i];
		if (env_access(CTL_ARG(i), 4, 1, &v))
			abort();
	}
	if (env_access(CTL_CMD, 4, 1, &cmd))
		abort();
	return (int32_t)env_reg(CTL_STATUS);
}

int32_t env_cmd(uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
	if (env_access(CTL_ARG(0), 4, 1, &arg0) || env_access(CTL_ARG(1), 4, 1, &arg1) ||
	    env_access(CTL_CMD, 4, 1, &cmd))
		abort();
	return (int32_t)env_reg(CTL_STATUS);
}
