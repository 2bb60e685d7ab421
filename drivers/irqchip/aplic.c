// SPDX-License-Identifier: GPL-2.0-only
/*
 * The APLIC's hardware half (AIA spec 1.0, chapter 4): discovery only so
 * far. The supervisor-level domain's domaincfg is read back to show its
 * delivery mode; a machine-level domain is the firmware's (OpenSBI may
 * protect it with PMP) and is never touched. Guests on an AIA host get no
 * virtual APLIC yet: they are refused when they need an interrupt
 * controller (issue 14).
 */
#include <shyper/device.h>
#include <shyper/errno.h>
#include <shyper/io.h>
#include <shyper/mm.h>
#include "aia_dt.h"

#define APLIC_DOMAINCFG 0x0000

static struct aplic_hw supervisor_domain;

static __init int aplic_probe(const void *fdt, int node, const struct dt_device_id *id)
{
	struct aplic_dt ap;
	int err = aplic_dt_read(fdt, node, &ap);

	if (err)
		return err;
	if (ap.level != AIA_LEVEL_SUPERVISOR)
		return device_add(&aplic_dt, fdt, node, id, NULL);
	err = mm_map_device(ap.base, ap.size);
	if (err)
		return err;
	supervisor_domain.domaincfg = readl(ap.base + APLIC_DOMAINCFG);
	return device_add(&aplic_dt, fdt, node, id, &supervisor_domain);
}

DRIVER_HW_DECLARE(aplic, aplic_dt, aplic_probe);
