// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/control.c's commands through the control page, as the management
 * VM issues them (Documentation/control.md), in the world of
 * tests/unit/control_env.c: the VM records and their labels, the free
 * resources (CPUs, memory, slots, interrupts), every lifecycle command
 * with its refusals (EPERM on itself, ENOENT, EAGAIN for a state it does
 * not apply to), pause and resume, console reads and writes (positions,
 * E2BIG, ENODEV), statistics (per VM: exits, uptime, injected interrupts,
 * hypervisor time; per vCPU; per physical CPU), and the width rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/cpu.h>
#include <shyper/errno.h>
#include "control_env.h"

static int setup(void **state)
{
	(void)state;
	env_setup();
	return 0;
}

static u64 res64(unsigned int lo)
{
	return env_reg(CTL_RES(lo)) | (u64)env_reg(CTL_RES(lo + 1)) << 32;
}

static void data(char *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i += 4) {
		u32 w = env_reg(CTL_DATA + i);

		memcpy(buf + i, &w, 4);
	}
}

static void test_vm_records(void **state)
{
	char label[CTL_DATA_SIZE];

	(void)state;
	assert_int_equal(env_cmd(CTL_CMD_VM_AT, 2, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_ID)), 3);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_STATE)), CTL_STATE_RUNNING);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_TYPE)), 2);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_VCPUS)), 1);
	assert_int_equal(res64(CTL_VM_PCPUS_LO), 1U << 2);
	assert_int_equal(res64(CTL_VM_MEM_LO), 0x4000000 + 0x200000);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_REASON)), CTL_REASON_NONE);
	data(label, sizeof(label));
	assert_string_equal(label, "baremetal");
	env_vms[2].why_stopped = VM_STOPPED_GUEST_REBOOT;
	assert_int_equal(env_cmd(CTL_CMD_VM_AT, 2, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_REASON)), CTL_REASON_GUEST_REBOOT);
	assert_int_equal(env_cmd(CTL_CMD_VM_AT, 3, 0), CTL_ENOENT);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_ID)), 0); /* results cleared */
	assert_int_equal(env_cmd(CTL_CMD_VM_INFO, 1, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_TYPE)), 1);
	data(label, sizeof(label));
	assert_string_equal(label, "linux1");
	assert_int_equal(env_cmd(CTL_CMD_VM_INFO, 9, 0), CTL_ENOENT);
}

static void test_free_resources(void **state)
{
	(void)state;
	assert_int_equal(env_cmd(CTL_CMD_FREE, 0, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_PCPUS_ONLINE)), 4);
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_PCPUS)), 1);
	assert_int_equal(res64(CTL_FREE_PCPUS_LO), 1U << 3);
	assert_int_equal(res64(CTL_FREE_MEM_LO), 0x3000000 + 0x200000);
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_VM_SLOTS)), VM_MAX - ENV_NR_VMS);
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_IRQS_OWNED)), 2);
}

static int state_of(uint32_t id)
{
	assert_int_equal(env_cmd(CTL_CMD_VM_INFO, id, 0), 0);
	return (int)env_reg(CTL_RES(CTL_VM_STATE));
}

static void test_lifecycle(void **state)
{
	unsigned int cmd;

	(void)state;
	/* The management VM cannot act on itself; unknown ids are ENOENT. */
	for (cmd = CTL_CMD_START; cmd <= CTL_CMD_RESUME; cmd++) {
		assert_int_equal(env_cmd(cmd, 1, 0), CTL_EPERM);
		assert_int_equal(env_cmd(cmd, 7, 0), CTL_ENOENT);
	}
	assert_int_equal(state_of(1), CTL_STATE_RUNNING);
	assert_int_equal(env_cmd(CTL_CMD_START, 2, 0), CTL_EAGAIN); /* running */
	assert_int_equal(env_cmd(CTL_CMD_STOP, 2, 0), 0);
	assert_int_equal(state_of(2), CTL_STATE_OFF);
	assert_int_equal(env_cmd(CTL_CMD_REBOOT, 2, 0), CTL_EAGAIN); /* off */
	assert_int_equal(env_cmd(CTL_CMD_PAUSE, 2, 0), CTL_EAGAIN);
	assert_int_equal(env_cmd(CTL_CMD_START, 2, 0), 0);
	assert_int_equal(state_of(2), CTL_STATE_RESETTING);
	assert_int_equal(env_cmd(CTL_CMD_DESTROY, 3, 0), 0);
	assert_int_equal(state_of(3), CTL_STATE_DESTROYED);
	assert_int_equal(env_reg(CTL_RES(CTL_VM_REASON)), CTL_REASON_NONE); /* core/vm.c sets it */
	assert_int_equal(res64(CTL_VM_PCPUS_LO), 0); /* released: it runs nowhere */
	assert_int_equal(env_cmd(CTL_CMD_FREE, 0, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_PCPUS)), 2);
	assert_int_equal(res64(CTL_FREE_PCPUS_LO), 1U << 2 | 1U << 3);
	/* Its slot is free again: the next create takes it. */
	assert_int_equal(env_reg(CTL_RES(CTL_FREE_VM_SLOTS)), VM_MAX - ENV_NR_VMS + 1);
	for (cmd = CTL_CMD_START; cmd <= CTL_CMD_RESUME; cmd++)
		assert_int_equal(env_cmd(cmd, 3, 0), CTL_EAGAIN); /* nothing after a destroy */
	assert_int_equal(state_of(1), CTL_STATE_RUNNING);
}

static char data_string(char *buf, size_t size)
{
	unsigned int i;
	uint32_t w;

	for (i = 0; i < size; i += 4) {
		w = env_reg(CTL_DATA + i);
		memcpy(buf + i, &w, 4);
	}
	buf[size - 1] = 0;
	return buf[0];
}

/* The staging window: zeroed at boot, and what the guest wrote is what create reads. */
static void test_create(void **state)
{
	uint32_t args[CTL_NR_ARGS] = {0x1000,	0x40,	0x100000, 0x1234,
				      0x180000, 0x2000, 0x1c0000, 0x100};
	char msg[CTL_DATA_SIZE];
	u8 *win = env_staging();
	unsigned int i;

	(void)state;
	for (i = 0; i < ENV_STAGING_SIZE; i++)
		if (win[i])
			fail_msg("staging window byte %u not zeroed", i);
	memcpy(win + 0x1000, "GOOD", 4);
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args), 0);
	assert_int_equal(env_reg(CTL_RES(0)), 9);
	assert_ptr_equal(env_last_create.overlay.data, win + 0x1000);
	assert_int_equal(env_last_create.overlay.size, 0x40);
	assert_ptr_equal(env_last_create.image[VM_IMAGE_KERNEL].data, win + 0x100000);
	assert_int_equal(env_last_create.image[VM_IMAGE_KERNEL].size, 0x1234);
	assert_ptr_equal(env_last_create.image[VM_IMAGE_RAMDISK].data, win + 0x180000);
	assert_int_equal(env_last_create.image[VM_IMAGE_RAMDISK].size, 0x2000);
	assert_ptr_equal(env_last_create.image[VM_IMAGE_DTB].data, win + 0x1c0000);
	assert_int_equal(env_last_create.image[VM_IMAGE_DTB].size, 0x100);
	assert_int_equal(data_string(msg, sizeof(msg)), 0);

	/* Refused: the first error line, the binding message, comes back in DATA. */
	memcpy(win + 0x1000, "BAD", 3);
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args), -16);
	data_string(msg, sizeof(msg));
	assert_string_equal(msg, "vm: /chosen/vm9: cpus: CPU 2 is used by /chosen/vm2");

	/* A range that leaves the window (or wraps) is refused before anything reads it. */
	args[0] = ENV_STAGING_SIZE - 0x20;
	env_last_create.overlay.data = NULL;
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args), CTL_ERANGE);
	args[0] = 0x1000;
	args[2] = 0x10;
	args[3] = 0xfffffff8;
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args), CTL_ERANGE);
	args[2] = ENV_STAGING_SIZE;
	args[3] = 0;
	memcpy(win + 0x1000, "GOOD", 4);
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args),
			 0); /* empty kernel: the overlay's own */
	assert_int_equal(env_last_create.image[VM_IMAGE_KERNEL].size, 0);
	args[7] = ENV_STAGING_SIZE; /* a device tree past the window's end */
	assert_int_equal(env_cmd_args(CTL_CMD_CREATE, args), CTL_ERANGE);
}

/* SHUTDOWN: the power button into a running VM's console; no console, not running, itself. */
static void test_shutdown(void **state)
{
	(void)state;
	assert_int_equal(env_cmd(CTL_CMD_SHUTDOWN, 1, 0), CTL_EPERM);
	assert_int_equal(env_cmd(CTL_CMD_SHUTDOWN, 7, 0), CTL_ENOENT);
	assert_int_equal(env_cmd(CTL_CMD_SHUTDOWN, 3, 0), CTL_ENODEV); /* no vuart */
	assert_int_equal(env_cmd(CTL_CMD_SHUTDOWN, 2, 0), 0);
	assert_string_equal(env_input(2), "<BREAK>o");
	assert_int_equal(env_cmd(CTL_CMD_STOP, 2, 0), 0);
	assert_int_equal(env_cmd(CTL_CMD_SHUTDOWN, 2, 0), CTL_EAGAIN); /* off */
	assert_string_equal(env_input(2), "<BREAK>o");
}

static void test_pause_resume(void **state)
{
	(void)state;
	assert_int_equal(env_cmd(CTL_CMD_RESUME, 2, 0), CTL_EAGAIN); /* not paused */
	assert_int_equal(env_cmd(CTL_CMD_PAUSE, 2, 0), 0);
	assert_int_equal(state_of(2), CTL_STATE_PAUSED);
	assert_int_equal(env_cmd(CTL_CMD_PAUSE, 2, 0), CTL_EAGAIN);
	assert_int_equal(env_cmd(CTL_CMD_RESUME, 2, 0), 0);
	assert_int_equal(state_of(2), CTL_STATE_RUNNING);
	/* A paused VM may be stopped. */
	assert_int_equal(env_cmd(CTL_CMD_PAUSE, 2, 0), 0);
	assert_int_equal(env_cmd(CTL_CMD_STOP, 2, 0), 0);
	assert_int_equal(state_of(2), CTL_STATE_OFF);
}

static void test_console(void **state)
{
	char buf[CTL_DATA_SIZE];
	u32 word = 0x0a736c; /* "ls\n" */

	(void)state;
	/* From before the oldest byte kept: starts there. */
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_READ, 2, 5), 0);
	assert_int_equal(env_reg(CTL_RES(0)), CTL_DATA_SIZE);
	assert_int_equal(env_reg(CTL_RES(1)), 100 + CTL_DATA_SIZE);
	assert_int_equal(env_reg(CTL_RES(2)), 100);
	data(buf, sizeof(buf));
	assert_int_equal((u8)buf[0], 100);
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_READ, 2, 990), 0);
	assert_int_equal(env_reg(CTL_RES(0)), 10);
	assert_int_equal(env_reg(CTL_RES(1)), 1000);
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_READ, 3, 0), CTL_ENODEV); /* no vuart */
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_READ, 8, 0), CTL_ENOENT);
	/* Typing: the data window, at most its size. */
	assert_int_equal(env_access(CTL_DATA, 4, 1, &word), 0);
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_WRITE, 2, 3), 0);
	assert_int_equal(env_reg(CTL_RES(0)), 3);
	assert_string_equal(env_input(2), "ls\n");
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_WRITE, 2, CTL_DATA_SIZE + 1), CTL_E2BIG);
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_WRITE, 2, CTL_DATA_SIZE), 0);
	assert_int_equal(env_reg(CTL_RES(0)), 100); /* the queue took what it had room for */
	assert_int_equal(env_cmd(CTL_CMD_CONSOLE_WRITE, 3, 1), CTL_ENODEV);
}

static void test_stats(void **state)
{
	unsigned int c;

	(void)state;
	assert_int_equal(env_cmd(CTL_CMD_STATS, 3, 0), 0);
	for (c = 0; c < CTL_NR_EXITS; c++)
		assert_int_equal(res64(CTL_STAT_EXIT_LO(c)), 3ULL << 32 | c);
	assert_int_equal(env_reg(CTL_RES(CTL_STAT_VCPUS)), 1);
	assert_int_equal(env_reg(CTL_RES(CTL_STAT_TICK_HZ)), ENV_TICK_HZ);
	assert_int_equal(env_cmd(CTL_CMD_STATS, 0, 0), CTL_ENOENT);
}

/* Uptime: since its start, standing still while paused, 0 once off. */
static void test_stats_uptime(void **state)
{
	(void)state;
	env_now += 5000;
	assert_int_equal(env_cmd(CTL_CMD_STATS, 2, 0), 0);
	assert_int_equal(res64(CTL_STAT_UPTIME_LO), 5000);
	assert_int_equal(env_cmd(CTL_CMD_PAUSE, 2, 0), 0);
	env_now += 7000;
	assert_int_equal(env_cmd(CTL_CMD_STATS, 2, 0), 0);
	assert_int_equal(res64(CTL_STAT_UPTIME_LO), 5000);
	assert_int_equal(env_cmd(CTL_CMD_RESUME, 2, 0), 0);
	env_now += 1ULL << 33; /* past 32 bits: both words */
	assert_int_equal(env_cmd(CTL_CMD_STATS, 2, 0), 0);
	assert_int_equal(res64(CTL_STAT_UPTIME_LO), 5000 + (1ULL << 33));
	assert_int_equal(env_cmd(CTL_CMD_STOP, 2, 0), 0);
	assert_int_equal(env_cmd(CTL_CMD_STATS, 2, 0), 0);
	assert_int_equal(res64(CTL_STAT_UPTIME_LO), 0);
}

/* Injected interrupts and hypervisor time: the VM's own, its CPU's time since the build. */
static void test_stats_irqs_and_time(void **state)
{
	(void)state;
	env_vms[1].vcpu[0].hyp_base = 100;
	cpu_get(1)->hyp_ticks = 100 + (3ULL << 32 | 9);
	vm_irq_injected(&env_vms[1]);
	vm_irq_injected(&env_vms[1]);
	assert_int_equal(env_cmd(CTL_CMD_STATS, 2, 0), 0);
	assert_int_equal(res64(CTL_STAT_IRQS_LO), 2);
	assert_int_equal(res64(CTL_STAT_HYP_TICKS_LO), 3ULL << 32 | 9);
	assert_int_equal(env_cmd(CTL_CMD_STATS, 3, 0), 0);
	assert_int_equal(res64(CTL_STAT_IRQS_LO), 0);
	assert_int_equal(res64(CTL_STAT_HYP_TICKS_LO), 0);
}

static void test_stats_vcpu(void **state)
{
	unsigned int c;

	(void)state;
	env_vms[2].vcpu[0].hyp_base = 40;
	cpu_get(2)->hyp_ticks = 140;
	assert_int_equal(env_cmd(CTL_CMD_STATS_VCPU, 3, 0), 0);
	for (c = 0; c < CTL_NR_EXITS; c++)
		assert_int_equal(res64(CTL_STAT_EXIT_LO(c)), 3ULL << 32 | c);
	assert_int_equal(res64(CTL_CPU_HYP_TICKS_LO), 100);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_TICK_HZ)), ENV_TICK_HZ);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_PCPU)), 2);
	assert_int_equal(env_cmd(CTL_CMD_STATS_VCPU, 3, 1), CTL_ENOENT); /* one vCPU */
	assert_int_equal(env_cmd(CTL_CMD_STATS_VCPU, 9, 0), CTL_ENOENT);
}

/* Every physical CPU since boot, whoever runs on it; the last result register too. */
static void test_stats_pcpu(void **state)
{
	struct cpu *cpu = cpu_get(3);
	unsigned int c;

	(void)state;
	for (c = 0; c < NR_EXIT_CAUSES; c++)
		cpu->exits[c] = 10 * c + (1ULL << 40);
	cpu->hyp_ticks = 1ULL << 35;
	cpu->online = false;
	assert_int_equal(env_cmd(CTL_CMD_STATS_PCPU, 3, 0), 0);
	for (c = 0; c < CTL_NR_EXITS; c++)
		assert_int_equal(res64(CTL_STAT_EXIT_LO(c)), 10 * c + (1ULL << 40));
	assert_int_equal(res64(CTL_CPU_HYP_TICKS_LO), 1ULL << 35);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_PCPU)), 3);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_VM)), 0); /* the free CPU */
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_ONLINE)), 0);
	assert_int_equal(env_cmd(CTL_CMD_STATS_PCPU, 1, 0), 0);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_VM)), 2);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_ONLINE)), 1);
	assert_int_equal(env_cmd(CTL_CMD_STATS_PCPU, 4, 0), CTL_ENOENT);
	assert_int_equal(env_reg(CTL_RES(CTL_CPU_ONLINE)), 0); /* results cleared */
	assert_int_equal(env_reg(CTL_RES(CTL_NR_RES - 1)), 0);
}

/* Only 32-bit accesses: anything else is an abort in the guest and runs nothing. */
static void test_widths(void **state)
{
	uint32_t v = CTL_CMD_STOP, id = 2;

	(void)state;
	assert_int_equal(env_access(CTL_ARG(0), 4, 1, &id), 0);
	assert_int_equal(env_access(CTL_CMD, 8, 1, &v), -EINVAL);
	assert_int_equal(env_access(CTL_CMD, 2, 1, &v), -EINVAL);
	assert_int_equal(env_access(CTL_CMD, 1, 1, &v), -EINVAL);
	assert_int_equal(env_access(CTL_MAGIC, 8, 0, &v), -EINVAL);
	assert_int_equal(state_of(2), CTL_STATE_RUNNING);
	assert_int_equal(env_reg(CTL_MAGIC), CTL_MAGIC_VALUE);
	assert_int_equal(env_cmd(CTL_NR_CMDS, 0, 0), CTL_EINVAL);
	assert_int_equal(env_cmd(0, 0, 0), CTL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_vm_records, setup),
	    cmocka_unit_test_setup(test_free_resources, setup),
	    cmocka_unit_test_setup(test_lifecycle, setup),
	    cmocka_unit_test_setup(test_shutdown, setup),
	    cmocka_unit_test_setup(test_pause_resume, setup),
	    cmocka_unit_test_setup(test_console, setup),
	    cmocka_unit_test_setup(test_stats, setup),
	    cmocka_unit_test_setup(test_stats_uptime, setup),
	    cmocka_unit_test_setup(test_stats_irqs_and_time, setup),
	    cmocka_unit_test_setup(test_stats_vcpu, setup),
	    cmocka_unit_test_setup(test_stats_pcpu, setup),
	    cmocka_unit_test_setup(test_widths, setup),
	    cmocka_unit_test_setup(test_create, setup),
	};

	return cmocka_run_group_tests_name("control_cmd", tests, NULL, NULL);
}
