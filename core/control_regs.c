// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control page's register file (include/shyper/control_abi.h): a bank
 * of arguments, results and payload, and the store to CTL_CMD that runs a
 * command from a table. Kept apart from the commands so that the unit
 * suite runs the very decoder the management VM talks to
 * (tests/unit/control_test.c).
 */
#include <string.h>
#include <shyper/control.h>
#include <shyper/errno.h>

static u32 load_word(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void store_word(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static bool in(u64 offset, u64 base, unsigned int words)
{
	return offset >= base && offset < base + 4ULL * words;
}

int ctl_reg_read(const struct ctl_bank *b, u64 offset, u32 *val)
{
	if (offset & 3)
		return -EINVAL;
	*val = 0; /* reserved: reads as zero */
	if (offset == CTL_MAGIC)
		*val = CTL_MAGIC_VALUE;
	else if (offset == CTL_VERSION)
		*val = CTL_VERSION_VALUE;
	else if (offset == CTL_CMD)
		*val = b->cmd;
	else if (offset == CTL_STATUS)
		*val = (u32)b->status;
	else if (in(offset, CTL_ARG(0), CTL_NR_ARGS))
		*val = b->arg[(offset - CTL_ARG(0)) / 4];
	else if (in(offset, CTL_RES(0), CTL_NR_RES))
		*val = b->res[(offset - CTL_RES(0)) / 4];
	else if (in(offset, CTL_DATA, CTL_DATA_SIZE / 4))
		*val = load_word(&b->data[offset - CTL_DATA]);
	return 0;
}

static void run(struct ctl_bank *b, u32 cmd, const ctl_command_fn *table, unsigned int nr,
		void *ctx)
{
	b->cmd = cmd;
	memset(b->res, 0, sizeof(b->res));
	b->status = cmd < nr && table[cmd] ? table[cmd](b, ctx) : -EINVAL;
}

int ctl_reg_write(struct ctl_bank *b, u64 offset, u32 val, const ctl_command_fn *table,
		  unsigned int nr, void *ctx)
{
	if (offset & 3)
		return -EINVAL;
	if (offset == CTL_CMD)
		run(b, val, table, nr, ctx);
	else if (in(offset, CTL_ARG(0), CTL_NR_ARGS))
		b->arg[(offset - CTL_ARG(0)) / 4] = val;
	else if (in(offset, CTL_DATA, CTL_DATA_SIZE / 4))
		store_word(&b->data[offset - CTL_DATA], val);
	return 0; /* read-only and reserved registers ignore stores */
}
