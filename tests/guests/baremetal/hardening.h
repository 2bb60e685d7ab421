/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The "hardening" mode of the test guest (issue 15 regressions; the test
 * is tests/qemu/test_hardening.py): hardening.c runs the common part (the
 * reset race, the report), hardening-<arch>.c the architecture's checks.
 * Every result is one line "hardening: <check>: <what the guest saw>",
 * which the test compares with what the architecture specifies.
 */
#ifndef HARDENING_H
#define HARDENING_H

#include <stdint.h>

#include "fdt_mini.h"

/** hx_report() - print "hardening: @check: @what 0x<value>". */
void hx_report(const char *check, const char *what, uint64_t value);

/** hx_checks() - the architecture's one-time checks, before the reset race. */
void hx_checks(const struct fdt_info *info);

/** hx_system_reset() - ask the firmware for a reset of the whole VM (does not return). */
void hx_system_reset(void);

#endif
