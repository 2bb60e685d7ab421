// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the management VM's control page: the register
 * decoder (core/control_regs.c) and the real command table
 * (core/control.c), driven by any sequence of guest accesses, in the
 * three-VM world of tests/unit/control_env.c (the real VM state machine
 * behind the lifecycle commands). Each input is a list of 8-byte records:
 * offset (2 bytes), width (1), write (1), value (4). Checked after each
 * access: no sanitizer report, only 32-bit accesses served, a status that
 * is one of the ABI's codes, the identification registers unchanged, the
 * management VM never stopped by its own commands, a destroyed VM never
 * coming back, console reads within the data window.
 */
#include <stdint.h>
#include <stdlib.h>
#include <shyper/errno.h>
#include "../unit/control_env.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool known_status(s32 s)
{
	return s == 0 || s == CTL_EPERM || s == CTL_ENOENT || s == CTL_E2BIG || s == CTL_EAGAIN ||
	       s == CTL_EBUSY || s == CTL_ENODEV || s == CTL_EINVAL;
}

static void check(bool was_destroyed[ENV_NR_VMS])
{
	unsigned int i;

	if (env_reg(CTL_MAGIC) != CTL_MAGIC_VALUE || env_reg(CTL_VERSION) != CTL_VERSION_VALUE)
		abort();
	if (!known_status((s32)env_reg(CTL_STATUS)))
		abort();
	if (vm_fsm_vm(&env_vms[0].fsm) != VM_RUNNING || env_vms[0].paused)
		abort(); /* the management VM cannot act on itself */
	if (env_reg(CTL_CMD) == CTL_CMD_CONSOLE_READ && env_reg(CTL_RES(0)) > CTL_DATA_SIZE)
		abort();
	for (i = 0; i < ENV_NR_VMS; i++) {
		if (was_destroyed[i] && vm_fsm_vm(&env_vms[i].fsm) != VM_DESTROYED)
			abort();
		was_destroyed[i] = vm_fsm_vm(&env_vms[i].fsm) == VM_DESTROYED;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool destroyed[ENV_NR_VMS] = {false};
	size_t at;

	env_setup();
	for (at = 0; at + 8 <= size; at += 8) {
		uint64_t offset = ((uint64_t)data[at] | (uint64_t)data[at + 1] << 8) & 0xfff;
		unsigned int width = data[at + 2] & 0xf;
		int write = data[at + 3] & 1, err;
		uint32_t value = (uint32_t)data[at + 4] | (uint32_t)data[at + 5] << 8 |
				 (uint32_t)data[at + 6] << 16 | (uint32_t)data[at + 7] << 24;

		/* Commands are small numbers: most stores to CTL_CMD should name one. */
		if (offset == CTL_CMD && write)
			value %= CTL_NR_CMDS + 2;
		err = env_access(offset, width, write, &value);
		if (err && err != -EINVAL)
			abort();
		if (!err && width != 4)
			abort(); /* only 32-bit accesses are served */
		check(destroyed);
	}
	return 0;
}
