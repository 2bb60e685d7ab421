/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef GUEST_BADRINGS_H
#define GUEST_BADRINGS_H

#include "fdt_mini.h"

/** badrings_main() - the "badrings" mode (badrings.c): never returns. */
void badrings_main(const struct fdt_info *info) __attribute__((noreturn));

#endif
