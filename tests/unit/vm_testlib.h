/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the shyper,vm tests (vm_*_test.c, guest_dt*_test.c): load
 * a board fixture, run discovery with the devices the hypervisor would
 * probe, and write VM nodes the way "fdt mknode" / "fdt set" would.
 */
#ifndef VM_TESTLIB_H
#define VM_TESTLIB_H

#include <stddef.h>
#include <stdint.h>
#include <shyper/vm_config.h>

#define VMT_IMAGE_BASE 0x40000000ULL
#define VMT_IMAGE_SIZE 0x200000ULL

extern struct vm_config vmt_vms[VM_MAX];
extern int vmt_count;

/**
 * struct vmt_case - one sub-node binding case on a two-VM board: @apply
 * edits the board; vm1 must stay accepted, and vm2 be refused with
 * @refusal in the log, or (@refusal NULL) accepted and pass @check.
 */
struct vmt_case {
	void (*apply)(void *fdt);
	const char *refusal;
	void (*check)(void *fdt, const struct vm_config *vm);
};

/** vmt_run_case() - run @c on @fdt (the test's two-VM board, see struct vmt_case). */
void vmt_run_case(void *fdt, const struct vmt_case *c);

/**
 * vmt_board() - load fixture @name (boot CPU hwid 0)
 * Return: the DTB, with 64 KiB of room for new nodes; freed by vmt_free().
 */
void *vmt_board(const char *name);

/**
 * vmt_discover() - platform discovery, and the console, interrupt
 * controller and timer (found by compatible) recorded as the hypervisor's
 * devices. Node offsets change with every edit: call after the last one.
 */
void vmt_discover(void *fdt);

/** vmt_free() - release the board of vmt_board(). */
void vmt_free(void);

/**
 * vmt_add_vm() - /chosen/@name: a minimal valid VM: id, 1 CPU, 16 MiB at
 * 0x40000000 (allocated), a 1 MiB kernel loaded at 0x48000000 + id MiB
 */
void vmt_add_vm(void *fdt, const char *name, uint32_t id);

/**
 * vmt_dump_case() - with $SHYPER_VM_CASES set to a directory, write @fdt
 * there as <program>-<n>.dtb and the expected outcome (@refusal, or
 * "valid" when NULL) as <program>-<n>.expect, for the schema check
 * tests/tools/test-vm-schema.sh. Does nothing otherwise.
 */
void vmt_dump_case(const void *fdt, const char *refusal);

/**
 * vmt_image_data - what vm_image_data() returns for a VM's own DTB (the
 * checks of core/vm_validate.c read it); NULL: "not readable here"
 */
extern const void *vmt_image_data;

/** vmt_cells() - set @prop of node @path to @n cells. */
void vmt_cells(void *fdt, const char *path, const char *prop, int n, ...);

/** vmt_str() - set @prop of node @path to one string. */
void vmt_str(void *fdt, const char *path, const char *prop, const char *s);

/** vmt_raw() - set @prop of node @path to @len raw bytes (strings lists). */
void vmt_raw(void *fdt, const char *path, const char *prop, const void *val, int len);

/**
 * vmt_create_world() - the world of the run-time create path (vm_create_test,
 * vm_create_fuzz): the QEMU virt arm64 board with one boot VM (vm1 on CPU 0)
 * parsed, then @ram_size bytes of free host RAM that is real memory (2 MiB
 * aligned, so the copies are written) as platform.ram and platform.usable.
 * Return: that RAM, for the caller to free().
 */
void *vmt_create_world(size_t ram_size);

/** vmt_del() - remove @prop of node @path. */
void vmt_del(void *fdt, const char *path, const char *prop);

/** vmt_node() - add node @name under @parent_path. */
void vmt_node(void *fdt, const char *parent_path, const char *name);

/** vmt_phandle() - the phandle of the node @path (assigned if missing). */
uint32_t vmt_phandle(void *fdt, const char *path);

/** vmt_parse() - vmt_discover(), then vm_config_parse() into vmt_vms. */
int vmt_parse(void *fdt);

/** vmt_find() - the accepted VM with @id, or NULL. */
const struct vm_config *vmt_find(uint32_t id);

/**
 * vmt_expect_refused() - parse, expect VM @id refused with @msg in the log
 * and VM @kept present
 */
void vmt_expect_refused(void *fdt, uint32_t id, const char *msg, uint32_t kept);

/**
 * vmt_golden() - compare @dtb, normalised by "dtc -I dtb -O dts -s", with
 * tests/unit/golden/@name.dts; SHYPER_UPDATE_GOLDEN=1 rewrites the file
 */
void vmt_golden(const void *dtb, const char *name);

/** vmt_build() - guest_dt_build() of the accepted VM @id into a 64 KiB buffer. */
void *vmt_build(void *fdt, uint32_t id);
#endif
