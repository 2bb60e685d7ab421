// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot's use of core/dt_overlay.c and core/dt_order.c: Shyper's own
 * buffers, and the overlays mapped before they are read (only the image
 * and the DTB are mapped this early, mm_early_init()).
 */
#include <shyper/dt_order.h>
#include <shyper/dt_overlay.h>
#include <shyper/mm.h>
#include <shyper/printk.h>

static const void *map_boot_blob(paddr_t base, u64 size)
{
	return mm_map_boot_blob(base, size) ? NULL : (const void *)(uintptr_t)base;
}

const void *dt_overlay_apply_chosen(const void *fdt)
{
	static u8 bufs[2][CONFIG_DT_OVERLAY_BUF_KIB * 1024] __attribute__((aligned(8)));
	const void *out;

	dt_overlay_apply_all(fdt, bufs[0], bufs[1], sizeof(bufs[0]), map_boot_blob, &out);
	/* For the VMs created at run time (core/vm_create.c); before any offset is recorded. */
	return dt_with_chosen_last(out, out == bufs[0] ? bufs[1] : bufs[0], sizeof(bufs[0]));
}
