/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The order of the root's nodes in the tree Shyper uses: /chosen last
 * (but for __symbols__), so that a run-time overlay, which only adds
 * inside /chosen (core/vm_create.c), moves no node the device records
 * name by offset.
 */
#ifndef SHYPER_DT_ORDER_H
#define SHYPER_DT_ORDER_H

#include <shyper/types.h>

/**
 * dt_chosen_is_last() - whether /chosen is the root's last node, or is
 * followed only by __symbols__ (which no device record names); true when
 * there is no /chosen (nothing to move)
 */
bool dt_chosen_is_last(const void *fdt);

/**
 * dt_move_chosen_last() - write @fdt to @buf (@size bytes, its room for
 * growth) with the root's nodes in the same order but /chosen moved after
 * them, before __symbols__; memory reservations and boot CPU kept
 * Return: 0, or a libfdt error (-FDT_ERR_NOSPACE when it does not fit).
 */
int dt_move_chosen_last(const void *fdt, void *buf, size_t size);

/**
 * dt_with_chosen_last() - @fdt when /chosen is last already, else @fdt
 * written to @buf with /chosen moved last (dt_move_chosen_last()); @fdt
 * itself, with a warning that no VM can be created at run time, when it
 * does not fit @size bytes. What the boot does (core/dt_overlay_boot.c),
 * and the offline checker with it.
 */
const void *dt_with_chosen_last(const void *fdt, void *buf, size_t size);

#endif
