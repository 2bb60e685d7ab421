/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small world behind the management VM's control page, for the host
 * tests of core/control.c (tests/unit/control_cmd_test.c) and its fuzz
 * target (tests/fuzz/control_fuzz.c): three VMs (id 1 the management VM
 * "linux1" on CPU 0, id 2 "linux2" on CPU 1, id 3 "baremetal" on CPU 2,
 * which has no virtual UART), a fourth CPU left free, the real VM state
 * machine (core/vm_fsm.c) behind the lifecycle commands, fixed exit
 * counters per VM (VM id << 32 | cause), the real per-CPU counters
 * (core/exit_stats.c) and VM statistics (core/vm_stats.c), and a counter
 * (core/timer.c) that stands still until a test moves env_now.
 */
#ifndef CONTROL_ENV_H
#define CONTROL_ENV_H

#include <stdint.h>
#include <shyper/control.h>
#include <shyper/vm.h>

#define ENV_NR_VMS 3
#define ENV_CONTROL_BASE 0x50000000ULL
#define ENV_STAGING_BASE 0x50200000ULL
#define ENV_STAGING_SIZE 0x200000ULL

#include <shyper/vm_create.h>
/* What the last CTL_CMD_CREATE passed to vm_create(). */
extern struct vm_create_req env_last_create;

/* The staging window's host memory. */
u8 *env_staging(void);

/* A command with ARG0..ARG3; returns CTL_STATUS. */
int32_t env_cmd_args(uint32_t cmd, const uint32_t arg[CTL_NR_ARGS]);

extern struct vm env_vms[ENV_NR_VMS];

/* The counter timer_ticks() reads, at ENV_TICK_HZ; env_setup() sets it to 1000. */
#define ENV_TICK_HZ 1000000
extern u64 env_now;

/** env_setup() - a fresh world; the control page registered for VM 1. */
void env_setup(void);

/**
 * env_access() - one guest access to the control page at @offset
 * Return: the handler's result (0, or -EINVAL for an abort).
 */
int env_access(uint64_t offset, unsigned int width, int write, uint32_t *value);

/** env_reg() - a 32-bit read that must succeed. */
uint32_t env_reg(uint64_t offset);

/** env_cmd() - write ARG0/ARG1, run @cmd; CTL_STATUS. */
int32_t env_cmd(uint32_t cmd, uint32_t arg0, uint32_t arg1);

/** env_input() - what CONSOLE_WRITE queued for VM @id, NUL-terminated. */
const char *env_input(uint32_t id);

#endif
