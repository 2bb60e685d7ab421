/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small virtio driver for the device-type unit tests
 * (tests/unit/common/virtio_driver.c): one fake VM with its own RAM that
 * sets up an emulated device the way Linux does (3.1.1) and lays out its
 * queues and buffers at fixed places of that RAM, so a test can post
 * buffers, notify and read the used rings back.
 */
#ifndef UNIT_VIRTIO_DRIVER_H
#define UNIT_VIRTIO_DRIVER_H

#include <shyper/virtio_mmio.h>
#include <shyper/vm_config.h>

#define VD_RAM_GPA 0x40000000ULL
#define VD_RAM_SIZE 0x10000U
#define VD_QSIZE 8
/* Queue n's rings at 0x1000 + n * 0x3000, 2 KiB buffers from 0x8000. */
#define VD_RING(q) (VD_RAM_GPA + 0x1000 + (q)*0x3000)
#define VD_BUF(n) (VD_RAM_GPA + 0x8000 + (n)*0x800)

/**
 * struct vdrv - the fake VM and its driver's state
 * @vm: the VM whose RAM the device's rings are in (id, label "vm")
 * @dev: the device driven
 * @ram: its RAM at VD_RAM_GPA
 * @avail: the next available index per queue
 * @line: the device's interrupt line as it was last set
 */
struct vdrv {
	struct vm_config vm;
	struct virtio_mmio *dev;
	u8 ram[VD_RAM_SIZE] __attribute__((aligned(4096)));
	u16 avail[2];
	bool line;
};

/**
 * vd_init() - VM @id owning @dev (sub-node @sub), its line wired to @f;
 * the device type's init comes after this, then vd_up()
 */
void vd_init(struct vdrv *f, struct virtio_mmio *dev, u32 id, const char *sub);

/** vd_up() - reset, negotiate VERSION_1 and @features, both queues, DRIVER_OK. */
void vd_up(struct vdrv *f, u64 features);

/** vd_rd(), vd_wr() - a register access that the transport must accept. */
u32 vd_rd(struct vdrv *f, u64 off);
void vd_wr(struct vdrv *f, u64 off, u32 val);

/** vd_gpa() - the host address of guest address @a of @f's RAM. */
void *vd_gpa(struct vdrv *f, u64 a);

/** vd_desc() - descriptor @i of queue @q. */
void vd_desc(struct vdrv *f, u32 q, u16 i, u64 addr, u32 len, u16 flags, u16 next);

/** vd_offer() - put chain @head in queue @q's available ring. */
void vd_offer(struct vdrv *f, u32 q, u16 head);

/** vd_used_idx(), vd_used() - queue @q's used index and its entry @n. */
u16 vd_used_idx(struct vdrv *f, u32 q);
struct virtq_used_elem vd_used(struct vdrv *f, u32 q, u16 n);

#endif
