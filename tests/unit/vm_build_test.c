// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vm.c vm_build() is transactional (issue 16.5): a failure injected
 * at every step (stage-2 root, each stage-2 mapping, the interrupt
 * controller, the vuart, the load) leaves interrupt ownership (core/irq.c),
 * MMIO regions, vuart registrations (core/vuart.c) and the hypervisor's
 * memory (platform.usable / reserved) exactly as before, and the slot
 * zeroed for the next VM. The real core code runs; only the architecture
 * (a stage-2 that takes one page per call from platform.usable, a vGIC that
 * claims the passthrough lines and registers its distributor) and the guest
 * DT builder are stand-ins, each able to fail on cue.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <shyper/cache.h>
#include <shyper/console.h>
#include <shyper/cpu.h>
#include <shyper/dt.h>
#include <shyper/fmt.h>
#include <shyper/guest_dt.h>
#include <shyper/irq.h>
#include <shyper/mm.h>
#include <shyper/platform.h>
#include <shyper/timer.h>
#include <shyper/vm.h>
#include <shyper/vwdt.h>
#include <shyper/vm_create.h>
#include "../../core/vm_internal.h"
#include <shyper/vuart.h>
#include <unit.h>

#define RAM_GPA 0x40000000ULL
#define RAM_SIZE 0x400000ULL /* 4 MiB: the DTB slot (2 MiB) fits at its top */
#define GICD_BASE 0x08000000ULL
#define UART_BASE 0x09000000ULL /* qemu-virt-arm64's PL011 */

/* Failure injection: every stand-in is one step; step @fail_at fails. */
static int step, fail_at = -1;
static bool fill_mmio_at_vuart; /* the vuart step fails in its own MMIO registration */

static int next_step(void)
{
	return step++ == fail_at ? -ENOMEM : 0;
}

/* Stand-ins for the architecture and the other core files. */
int vm_arch_init(struct vm *vm)
{
	paddr_t root;
	int err = next_step();

	if (!err)
		err = platform_alloc(PAGE_SIZE, PAGE_SIZE, &root);
	if (!err)
		vm->arch.s2_root = root;
	return err;
}

int vm_arch_map(struct vm *vm, u64 gpa, paddr_t hpa, u64 size, bool device)
{
	paddr_t table;
	int err = next_step();

	return err ? err : platform_alloc(PAGE_SIZE, PAGE_SIZE, &table);
}

int vm_arch_devices_init(struct vm *vm)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->cfg->nr_irqs && !err; i++)
		err = irq_claim(vm->cfg->irq[i], vm);
	if (!err)
		err = vm_register_mmio(vm, GICD_BASE, 0x10000, NULL, NULL);
	if (!err)
		err = next_step(); /* after claiming: the unwind must give them back */
	/* The vuart step (next): no room left for its MMIO region. */
	if (!err && fill_mmio_at_vuart && step++ == fail_at)
		while (vm->nr_mmio < VM_MAX_EMUL)
			vm_register_mmio(vm, GICD_BASE + 0x10000 * vm->nr_mmio, 0x10000, NULL,
					 NULL);
	return err;
}

/* The virtual watchdog (core/vwdt.c): the last step before the images. */
int vwdt_vm_init(struct vm *vm)
{
	return next_step();
}

void vwdt_reset(struct vm *vm)
{
}

void vwdt_set_paused(struct vm *vm, bool paused)
{
}

/* Shared memory regions and doorbells (core/shmem.c): one more step. */
int shmem_vm_init(struct vm *vm)
{
	return next_step();
}

int guest_dt_build(const void *host_fdt, const struct vm_config *vm, void *buf, size_t size)
{
	int err = next_step();

	return err ? err : fdt_create_empty_tree(buf, 4096);
}

void vm_arch_reset(struct vm *vm)
{
}

void vcpu_arch_reset(struct vcpu *vcpu, u64 entry, u64 arg)
{
}

void vcpu_arch_run(struct vcpu *vcpu)
{
	abort();
}

void vcpu_arch_kick(struct vcpu *vcpu)
{
}

void vcpu_arch_park(struct vcpu *vcpu)
{
	abort(); /* park() runs on a vCPU's own CPU, never in these tests */
}

void vcpu_arch_wait_paused(struct vcpu *vcpu)
{
	abort();
}

void irq_arch_forward(struct vm *vm, u32 irq)
{
}

void stack_reset_and_call(void (*fn)(struct cpu *), struct cpu *cpu, u8 *stack_top);
void stack_reset_and_call(void (*fn)(struct cpu *), struct cpu *cpu, u8 *stack_top)
{
	abort();
}

void cpu_arch_wake(void)
{
}

void cpu_arch_wait(void)
{
}

struct cpu *cpu_current(void)
{
	return cpu_get(0);
}

void mem_arch_scrub(paddr_t base, u64 size)
{
	memset((void *)(uintptr_t)base, 0, size);
}

void cache_arch_sync_guest(paddr_t base, u64 size)
{
}

void cache_arch_fetch_guest(paddr_t base, u64 size)
{
}

/* The root page vm_arch_init() took goes back with a released VM. */
void vm_arch_free(struct vm *vm)
{
	if (vm->arch.s2_root)
		platform_free(vm->arch.s2_root, PAGE_SIZE);
	vm->arch.s2_root = 0;
}

/* core/vm_create.c has its own test world (vm_create_test.c). */
int vm_create(const struct vm_create_req *req, u32 *id)
{
	return -EINVAL;
}

void vm_create_release(unsigned int slot)
{
}

u64 timer_ticks(void)
{
	return 0;
}

u64 timer_freq(void)
{
	return 0;
}

const char *vm_image_name(enum vm_image_kind kind)
{
	return "image";
}

int vm_config_parse(const void *fdt, struct vm_config *vms, unsigned int max)
{
	return 0;
}

void vm_config_print(const struct vm_config *vms, unsigned int count)
{
}

int vm_layout_vcpu(const struct vm_layout *l, unsigned int nr_vcpus, u64 hwid)
{
	return -1;
}

void console_handle_irq(void)
{
}

u32 console_mux_focus(void)
{
	return 0;
}

u32 console_irq(void)
{
	return 33;
}

void vuart_arch_set_irq(struct vm *v, u32 irq, bool level)
{
}

static void *board;
static struct vm_config cfg[2];
static struct vm slot[2];
static void *ram[2];

static void make_config(struct vm_config *c, unsigned int n, u32 id, const u32 *irqs,
			unsigned int nr_irqs)
{
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->label = id == 1 ? "first" : "second";
	fmt_snprintf(c->path, sizeof(c->path), "/chosen/vm%u", id);
	c->nr_vcpus = 1;
	c->nr_mem = 1;
	ram[n] = aligned_alloc(PAGE_SIZE, RAM_SIZE);
	c->mem[0] = (struct vm_mem){RAM_GPA, RAM_SIZE, (uintptr_t)ram[n], false};
	c->nr_mmio = 1;
	c->mmio[0] = (struct mem_region){0x09010000, PAGE_SIZE, "rtc"};
	for (int k = 0; k < VM_IMAGE_COUNT; k++)
		c->image[k].node = -1;
	c->image[VM_IMAGE_DTB].gpa = RAM_GPA + RAM_SIZE - VM_DTB_SLOT;
	c->vuart = true;
	c->layout.vuart = (struct mem_region){UART_BASE, PAGE_SIZE, "vuart"};
	c->nr_irqs = nr_irqs;
	memcpy(c->irq, irqs, nr_irqs * sizeof(*irqs));
}

static int setup(void **state)
{
	static const u32 first_irqs[] = {40}, second_irqs[] = {41, 42};

	(void)state;
	unit_capture_start();
	board = unit_load_dtb("qemu-virt-arm64", 0);
	memset(&platform, 0, sizeof(platform));
	platform.fdt = board;
	memmap_add(&platform.usable, 0x40000000, 0x100000, "usable");
	platform_add_device(DEVICE_SERIAL, dt_stdout_node(board), "pl011", "test console");
	make_config(&cfg[0], 0, 1, first_irqs, 1);
	make_config(&cfg[1], 1, 2, second_irqs, 2);
	step = 0;
	fail_at = -1;
	assert_int_equal(vm_build(&slot[0], &cfg[0], 0), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	/* What a destroyed VM would give back; the ownership table is static. */
	vm_devices_exit(&slot[0]);
	vm_devices_exit(&slot[1]);
	memset(slot, 0, sizeof(slot));
	free(board);
	free(ram[0]);
	free(ram[1]);
	return 0;
}

/* Everything a build can leave behind, to compare before and after. */
struct world {
	struct vm *owner[IRQ_MAX_LINES];
	struct memmap usable, reserved;
	struct vuart *vuart[3];
};

static void snapshot(struct world *w)
{
	unsigned int i;

	for (i = 0; i < IRQ_MAX_LINES; i++)
		w->owner[i] = irq_owner(i);
	w->usable = platform.usable;
	w->reserved = platform.reserved;
	for (i = 0; i < 3; i++)
		w->vuart[i] = vuart_find(i);
}

static void assert_same_world(const struct world *before, const struct world *after)
{
	assert_memory_equal(before->owner, after->owner, sizeof(before->owner));
	assert_memory_equal(&before->usable, &after->usable, sizeof(before->usable));
	assert_memory_equal(&before->reserved, &after->reserved, sizeof(before->reserved));
	assert_memory_equal(before->vuart, after->vuart, sizeof(before->vuart));
}

static void assert_zeroed(const struct vm *vm)
{
	static const struct vm zero;

	assert_memory_equal(vm, &zero, sizeof(zero));
}

static void inject_every_step(bool vuart_mmio)
{
	struct world before, after;
	int err, steps = 0;

	for (fail_at = 0;; fail_at++) {
		snapshot(&before);
		step = 0;
		fill_mmio_at_vuart = vuart_mmio;
		err = vm_build(&slot[1], &cfg[1], 1);
		if (!err)
			break;
		snapshot(&after);
		assert_same_world(&before, &after);
		assert_zeroed(&slot[1]);
		/* The VM built before is untouched. */
		assert_ptr_equal(irq_owner(40), &slot[0]);
		assert_non_null(vuart_find(1));
		assert_int_equal(slot[0].nr_mmio, 2);
		steps++;
	}
	/*
	 * Root, two mappings, the vGIC, (the vuart,) shared memory, the
	 * watchdog, the DTB: each failed once.
	 */
	assert_int_equal(steps, vuart_mmio ? 8 : 7);
	assert_ptr_equal(irq_owner(41), &slot[1]);
	assert_ptr_equal(irq_owner(42), &slot[1]);
	assert_ptr_equal(vuart_find(2), slot[1].vuart);
	assert_int_equal(slot[1].nr_mmio, 2); /* the distributor, the vuart */
	assert_true(platform.usable.region[0].size < before.usable.region[0].size);
}

static void test_failure_at_every_step(void **state)
{
	inject_every_step(false);
}

/* The vuart's own failure (its MMIO region does not fit): no slot leaked. */
static void test_failure_in_vuart(void **state)
{
	inject_every_step(true);
	assert_ptr_equal(vuart_find(1), slot[0].vuart);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_failure_at_every_step, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failure_in_vuart, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
