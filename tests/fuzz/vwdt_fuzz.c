// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the virtual watchdogs' register decoders
 * (core/vwdt_sp805.c, core/vwdt_sunxi.c) and their time
 * (core/vwdt_model.c), as a guest would drive them: any sequence of
 * 32-bit accesses anywhere in a 4 KiB page (core/vwdt.c refuses those
 * beyond a model's window before the model sees them; the model must not
 * care), with time passing
 * between them. The first byte picks the model; then 8-byte records:
 * offset (2 bytes), write (1), time step (1), value (4). Checked after
 * each access: no sanitizer report, an access either served or refused
 * with -EINVAL, a deadline that is either none or still ahead, a bitten
 * watchdog with no deadline and staying bitten until reset, the SP805's
 * identification registers unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/vwdt.h>

#define FREQ 62500000ULL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vwdt w;

static void check_ids(void)
{
	static const u32 ids[] = {0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
	unsigned int i;
	u32 v;

	for (i = 0; i < 8; i++)
		if (w.ops->read(&w, 0xfe0 + 4 * i, &v) || v != ids[i])
			abort();
}

static void check(bool was_bitten)
{
	if (w.bitten && w.deadline)
		abort();
	if (!w.bitten && w.deadline && w.deadline <= w.now)
		abort(); /* every expiry due was handled */
	if (was_bitten && !w.bitten)
		abort(); /* only a reset stops a bite */
	if (w.ops == &vwdt_sp805_ops)
		check_ids();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at;

	if (!size)
		return 0;
	memset(&w, 0, sizeof(w));
	w.ops = data[0] & 1 ? &vwdt_sunxi_ops : &vwdt_sp805_ops;
	w.freq = FREQ;
	w.ops->reset(&w);
	for (at = 1; at + 8 <= size; at += 8) {
		u64 offset = ((u64)data[at] | (u64)data[at + 1] << 8) & 0xfff;
		bool write = data[at + 2] & 1, was = w.bitten;
		u32 value = (u32)data[at + 4] | (u32)data[at + 5] << 8 | (u32)data[at + 6] << 16 |
			    (u32)data[at + 7] << 24;
		int err;

		/* Steps from a tick to about an hour: both stages of a period get hit. */
		err = vwdt_access(&w, offset, write, &value,
				  w.now + ((u64)data[at + 3] << (data[at + 3] & 31)));
		if (err && err != -EINVAL)
			abort();
		check(was);
	}
	return 0;
}
