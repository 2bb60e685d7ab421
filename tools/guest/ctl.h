/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libctl: the management VM's control page from Linux userspace
 * (Documentation/control.md, ABI: include/shyper/control_abi.h). The page
 * is found in /proc/device-tree (a "shyper,control-v1" node) and mapped
 * through /dev/mem; no kernel driver is involved.
 */
#ifndef CTL_H
#define CTL_H

#include <stdint.h>
#include <shyper/control_abi.h>

/* shyperctl's exit codes (Documentation/control.md). */
#define CTL_EXIT_OK 0
#define CTL_EXIT_REFUSED 1 /* the hypervisor refused the command */
#define CTL_EXIT_USAGE 2
#define CTL_EXIT_NO_CONTROL 3 /* no control page: not the management VM, or no Shyper */
#define CTL_EXIT_FAULT 4 /* the page faulted: this VM is not the management VM */

/**
 * ctl_open() - find the control page (at @base when nonzero, else from the
 * DT), map it, take the lock and check its magic and major version
 * Return: 0, or a CTL_EXIT_* code after printing why.
 */
int ctl_open(uint64_t base);

/** ctl_base() - guest-physical address of the page opened. */
uint64_t ctl_base(void);

/*
 * ctl_stage_file() - copy the file @path into the staging window at @off
 * (a multiple of 4). Return: its size, -1 when it cannot be read or there
 * is no window, -2 when it does not fit.
 */
long ctl_stage_file(const char *path, uint64_t off);

/* ctl_staging_size() - the staging window's size, 0 without one. */
uint64_t ctl_staging_size(void);

/**
 * ctl_run() - run command @cmd with @nargs arguments
 * Return: CTL_STATUS: 0 or a negative CTL_E* code.
 */
int ctl_run(uint32_t cmd, const uint32_t *args, unsigned int nargs);

/** ctl_res() - result register @n of the last command. */
uint32_t ctl_res(unsigned int n);

/** ctl_res64() - a 64-bit result in registers @lo, @lo + 1. */
uint64_t ctl_res64(unsigned int lo);

/** ctl_data_read() / ctl_data_write() - @len bytes of CTL_DATA. */
void ctl_data_read(void *buf, unsigned int len);
void ctl_data_write(const void *buf, unsigned int len);

/** ctl_version() - CTL_VERSION of the hypervisor. */
uint32_t ctl_version(void);

/** ctl_strerror() - what a negative CTL_E* status means. */
const char *ctl_strerror(int status);

#endif
