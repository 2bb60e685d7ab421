/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef VICTIM_H
#define VICTIM_H

#include <stdint.h>

#include "fdt_mini.h"

/** victim_start() - write the memory pattern, record the interrupt controller's state. */
void victim_start(const struct fdt_info *info);

/** victim_wait() - sleep until @deadline, woken by the timer interrupt. */
void victim_wait(uint64_t deadline);

/** victim_tick() - append to tick line @tick what the victim checked: memory, state, lateness. */
void victim_tick(const struct fdt_info *info, uint64_t tick);

#endif
