// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-blk disks backed by a bootloader-loaded image
 * (include/shyper/virtio_blk.h). Everything runs under the caller's
 * virtio lock, on the CPU of the VM that notified. A request is a checked
 * chain (core/virtq.c): a readable header, the data (readable for a
 * write, writable for a read) and a writable status byte at its very end.
 * The guest's buffers are only ever touched through that chain, and the
 * image only within its size.
 */
#define pr_fmt(fmt) "virtio-blk: " fmt

#include <string.h>
#include <shyper/virtio_blk.h>

static struct virtio_blk_disk *disk_of(struct virtio_mmio *dev)
{
	return (struct virtio_blk_disk *)((u8 *)dev - offsetof(struct virtio_blk_disk, dev));
}

static u32 le32_at(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64_at(const u8 *p)
{
	return le32_at(p) | (u64)le32_at(p + 4) << 32;
}

static void put_le(u8 *p, u64 v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (u8)(v >> (8 * i));
}

/* Byte offset of @len bytes from @sector, or -1 when they are not whole sectors of the image. */
static s64 image_offset(const struct virtio_blk_disk *d, u64 sector, u32 len)
{
	u64 sectors = d->size / VIRTIO_BLK_SECTOR;

	if (len % VIRTIO_BLK_SECTOR || sector > sectors ||
	    len / VIRTIO_BLK_SECTOR > sectors - sector)
		return -1;
	return (s64)(sector * VIRTIO_BLK_SECTOR);
}

/* The 20-byte serial (5.2.6): the VM's sub-node name, NUL-padded. */
static u32 get_id(const struct virtio_blk_disk *d, const struct virtq_chain *chain, u32 room)
{
	u8 id[VIRTIO_BLK_ID_BYTES] = {0};
	size_t n = d->dev.sub ? strlen(d->dev.sub) : 0;

	memcpy(id, d->dev.sub, MIN(n, sizeof(id)));
	return virtq_copy_in(chain, 0, id, MIN(room, (u32)sizeof(id)));
}

/*
 * One well-formed request (header and status byte present): its status,
 * and *@written the data bytes put into the writable part.
 */
static u8 serve(struct virtio_blk_disk *d, const struct virtq_chain *chain, const u8 *hdr,
		u32 *written)
{
	u32 type = le32_at(hdr), room = chain->in_len - 1,
	    data = chain->out_len - VIRTIO_BLK_HDR_LEN;
	u64 sector = le64_at(hdr + 8);
	s64 off;

	*written = 0;
	switch (type) {
	case VIRTIO_BLK_T_IN:
		off = image_offset(d, sector, room);
		if (off < 0)
			return VIRTIO_BLK_S_IOERR;
		*written = virtq_copy_in(chain, 0, d->image + off, room);
		d->stats.reads++;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_OUT:
		off = image_offset(d, sector, data);
		if (off < 0 || d->read_only)
			return VIRTIO_BLK_S_IOERR;
		virtq_copy_out(chain, VIRTIO_BLK_HDR_LEN, d->image + off, data);
		d->stats.writes++;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_FLUSH:
		return VIRTIO_BLK_S_OK; /* the image is RAM: written when copied */
	case VIRTIO_BLK_T_GET_ID:
		*written = get_id(d, chain, room);
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

/* Header and status byte: without them no status can be given, so the ring is refused. */
static bool well_formed(struct virtio_blk_disk *d, const struct virtq_chain *chain)
{
	struct virtq_error err = {.what = NULL, .index = chain->head};

	if (chain->out_len < VIRTIO_BLK_HDR_LEN)
		err.what = "request without its 16-byte header";
	else if (!chain->in_len)
		err.what = "request without a status byte";
	if (err.what)
		virtio_mmio_refuse(&d->dev, VIRTIO_BLK_REQQ, &err);
	return !err.what;
}

static void requests(struct virtio_mmio *dev)
{
	struct virtio_blk_disk *d = disk_of(dev);
	struct virtq_chain chain;
	u8 hdr[VIRTIO_BLK_HDR_LEN], status;
	bool done = false;
	u32 written;

	while (virtio_mmio_pop(dev, VIRTIO_BLK_REQQ, &chain) == 1 && well_formed(d, &chain)) {
		virtq_copy_out(&chain, 0, hdr, sizeof(hdr));
		status = serve(d, &chain, hdr, &written);
		if (status != VIRTIO_BLK_S_OK)
			d->stats.errors++;
		virtq_copy_in(&chain, chain.in_len - 1, &status, 1);
		virtq_push(&dev->vq[VIRTIO_BLK_REQQ], chain.head, written + 1);
		done = true;
	}
	if (done)
		virtio_mmio_interrupt(dev, VIRTIO_INT_USED_BUFFER);
}

#define BLK_FEATURES (1ULL << VIRTIO_BLK_F_SEG_MAX | 1ULL << VIRTIO_BLK_F_FLUSH)

static const struct virtio_device_ops blk_ops = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .features = BLK_FEATURES,
    .nr_queues = 1,
    .notify = {[VIRTIO_BLK_REQQ] = requests},
};

static const struct virtio_device_ops blk_ro_ops = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .features = BLK_FEATURES | 1ULL << VIRTIO_BLK_F_RO,
    .nr_queues = 1,
    .notify = {[VIRTIO_BLK_REQQ] = requests},
};

void virtio_blk_disk_init(struct virtio_blk_disk *disk, void *image, u64 size, bool read_only)
{
	u8 *cfg = disk->dev.config;

	disk->dev.ops = read_only ? &blk_ro_ops : &blk_ops;
	disk->dev.config_size = VIRTIO_BLK_CONFIG_LEN;
	memset(cfg, 0, VIRTIO_BLK_CONFIG_LEN);
	put_le(cfg, size / VIRTIO_BLK_SECTOR, 8);
	/* seg_max: the data segments a chain may have besides header and status. */
	put_le(cfg + 12, VIRTQ_MAX_SEGS - 2, 4);
	disk->image = image;
	disk->size = size;
	disk->read_only = read_only;
	memset(&disk->stats, 0, sizeof(disk->stats));
}
