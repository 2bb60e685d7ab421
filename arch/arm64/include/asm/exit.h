/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Why a guest left, as arch/arm64/vectors.S tells arch_guest_exit()
 * (arch/arm64/traps.c). Only #defines: the vectors include it too.
 */
#ifndef ASM_EXIT_H
#define ASM_EXIT_H

#define EXIT_SYNC 0 /* a synchronous exception from the guest */
#define EXIT_IRQ 1 /* a physical IRQ while the guest ran */

#endif
