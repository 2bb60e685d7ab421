/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The management VM's control page (Documentation/control.md, ABI:
 * include/shyper/control_abi.h). Only the VM with type = "management"
 * gets it, in its stage 2 / G-stage as a trapped page and in its guest DT;
 * for every other VM its address is unmapped like any hole.
 */
#ifndef SHYPER_CONTROL_H
#define SHYPER_CONTROL_H

#include <shyper/control_abi.h>
#include <shyper/types.h>

struct vm;

/**
 * struct ctl_bank - the control page's registers as the guest sees them
 * @cmd: the last command written to CTL_CMD
 * @status: its result (CTL_STATUS)
 */
struct ctl_bank {
	u32 cmd;
	s32 status;
	u32 arg[CTL_NR_ARGS];
	u32 res[CTL_NR_RES];
	u8 data[CTL_DATA_SIZE];
};

/** ctl_command_fn - one command: 0 or a negative errno (CTL_STATUS). */
typedef int (*ctl_command_fn)(struct ctl_bank *b, void *ctx);

/**
 * ctl_reg_read() - the 32-bit register at @offset (reserved ones read as 0)
 * Return: 0, or -EINVAL for an offset that is not 32-bit aligned.
 */
int ctl_reg_read(const struct ctl_bank *b, u64 offset, u32 *val);

/**
 * ctl_reg_write() - store @val at @offset; a store to CTL_CMD runs command
 * @val from @table (@nr entries, indexed by number) with @ctx, after
 * clearing the results: unknown numbers end with CTL_EINVAL
 * Return: 0, or -EINVAL for an offset that is not 32-bit aligned.
 */
int ctl_reg_write(struct ctl_bank *b, u64 offset, u32 val, const ctl_command_fn *table,
		  unsigned int nr, void *ctx);

/** ctl_put_u64() - a 64-bit result in CTL_RES(@lo) and CTL_RES(@lo + 1). */
static inline void ctl_put_u64(struct ctl_bank *b, unsigned int lo, u64 v)
{
	b->res[lo] = (u32)v;
	b->res[lo + 1] = (u32)(v >> 32);
}

/**
 * control_vm_init() - give @vm its control page if it is the management
 * VM (a trapped page at its layout's control address); nothing otherwise
 * Return: 0, or -errno after logging.
 */
int control_vm_init(struct vm *vm);

#endif
