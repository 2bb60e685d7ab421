// SPDX-License-Identifier: GPL-2.0-only
/* The fake virtio driver of the device-type tests (tests/unit/include/virtio_driver.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <shyper/vm.h>
#include <virtio_driver.h>

/* The drivers whose device lines set_line() reaches: as many as the tests have. */
static struct vdrv *drivers[8];

static void set_line(struct virtio_mmio *dev, bool level)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i] && drivers[i]->dev == dev)
			drivers[i]->line = level;
}

static void remember(struct vdrv *f)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i] == f || !drivers[i]) {
			drivers[i] = f;
			return;
		}
	fail_msg("more than %zu fake virtio drivers", ARRAY_SIZE(drivers));
}

void vd_init(struct vdrv *f, struct virtio_mmio *dev, u32 id, const char *sub)
{
	memset(f->ram, 0, sizeof(f->ram));
	memset(f->avail, 0, sizeof(f->avail));
	f->line = false;
	f->dev = dev;
	f->vm = (struct vm_config){.nr_mem = 1, .id = id, .label = "vm"};
	f->vm.mem[0] =
	    (struct vm_mem){.gpa = VD_RAM_GPA, .size = VD_RAM_SIZE, .hpa = (uintptr_t)f->ram};
	*dev = (struct virtio_mmio){.owner = &f->vm, .sub = sub, .set_irq = set_line};
	remember(f);
}

void *vd_gpa(struct vdrv *f, u64 a)
{
	return f->ram + (a - VD_RAM_GPA);
}

u32 vd_rd(struct vdrv *f, u64 off)
{
	struct mmio_access acc = {.width = 4};

	assert_int_equal(virtio_mmio_access(f->dev, &acc, off), 0);
	return (u32)acc.value;
}

void vd_wr(struct vdrv *f, u64 off, u32 val)
{
	struct mmio_access acc = {.width = 4, .write = true, .value = val};

	assert_int_equal(virtio_mmio_access(f->dev, &acc, off), 0);
}

static void queue_up(struct vdrv *f, u32 q)
{
	vd_wr(f, VIRTIO_MMIO_QUEUE_SEL, q);
	vd_wr(f, VIRTIO_MMIO_QUEUE_NUM, VD_QSIZE);
	vd_wr(f, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)VD_RING(q));
	vd_wr(f, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)VD_RING(q) + 0x1000);
	vd_wr(f, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)VD_RING(q) + 0x2000);
	vd_wr(f, VIRTIO_MMIO_QUEUE_READY, 1);
}

/* 3.1.1, as Linux does it: reset, negotiate, queues, DRIVER_OK. */
void vd_up(struct vdrv *f, u64 features)
{
	features |= 1ULL << VIRTIO_F_VERSION_1;
	memset(f->ram, 0, sizeof(f->ram));
	memset(f->avail, 0, sizeof(f->avail));
	vd_wr(f, VIRTIO_MMIO_STATUS, 0);
	vd_wr(f, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	vd_wr(f, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vd_wr(f, VIRTIO_MMIO_DRIVER_FEATURES, (u32)features);
	vd_wr(f, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vd_wr(f, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(features >> 32));
	vd_wr(f, VIRTIO_MMIO_STATUS, vd_rd(f, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_FEATURES_OK);
	assert_true(vd_rd(f, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK);
	queue_up(f, 0);
	queue_up(f, 1);
	vd_wr(f, VIRTIO_MMIO_STATUS, vd_rd(f, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK);
}

void vd_desc(struct vdrv *f, u32 q, u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
	struct virtq_desc *d = vd_gpa(f, VD_RING(q));

	d[i] = (struct virtq_desc){addr, len, flags, next};
}

void vd_offer(struct vdrv *f, u32 q, u16 head)
{
	u16 *avail = vd_gpa(f, VD_RING(q) + 0x1000);

	avail[2 + f->avail[q] % VD_QSIZE] = head;
	avail[1] = ++f->avail[q];
}

u16 vd_used_idx(struct vdrv *f, u32 q)
{
	return ((u16 *)vd_gpa(f, VD_RING(q) + 0x2000))[1];
}

struct virtq_used_elem vd_used(struct vdrv *f, u32 q, u16 n)
{
	return ((struct virtq_used_elem *)vd_gpa(f, VD_RING(q) + 0x2004))[n % VD_QSIZE];
}
