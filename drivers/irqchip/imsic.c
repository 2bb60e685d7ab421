// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IMSIC's hardware half (AIA spec 1.0, chapter 3): discovery only so
 * far. A supervisor-level IMSIC's guest interrupt files are counted on
 * the boot hart as the hgeie bits that can be set (GEILEN, privileged
 * spec 8.2.6): what the hardware really offers, beside what the DT says.
 * The machine-level IMSIC is the firmware's and is not touched.
 */
#include <shyper/device.h>
#include <shyper/errno.h>
#include <asm/csr.h>
#include "aia_dt.h"

static struct imsic_hw supervisor_files;

static u32 count_guest_lines(void)
{
	u64 lines;
	u32 n;

	csr_write(CSR_HGEIE, ~0UL);
	lines = csr_read(CSR_HGEIE);
	csr_write(CSR_HGEIE, 0);
	for (n = 0; lines; lines &= lines - 1) /* no libgcc: count by hand */
		n++;
	return n;
}

static __init int imsic_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	struct imsic_dt im;
	int err = imsic_dt_read(fdt, node, &im);

	if (err)
		return err;
	if (im.level != AIA_LEVEL_SUPERVISOR)
		return device_add(&imsic_dt, fdt, node, id, NULL);
	supervisor_files.geilen = count_guest_lines();
	return device_add(&imsic_dt, fdt, node, id, &supervisor_files);
}

DRIVER_HW_DECLARE(imsic, imsic_dt, imsic_probe);
