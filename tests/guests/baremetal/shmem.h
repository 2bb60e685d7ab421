/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef GUEST_SHMEM_H
#define GUEST_SHMEM_H

#include "fdt_mini.h"

/** shmem_main() - the "shmem" mode (shmem.c): returns when done or failed. */
void shmem_main(const struct fdt_info *info);

#endif
