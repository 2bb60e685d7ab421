// SPDX-License-Identifier: GPL-2.0-only
/*
 * Overlays applied by Shyper, for bootloaders without `fdt apply` (most
 * QEMU and many vendor U-Boots): the bootloader loads compiled .dtbo
 * files and names each in a /chosen node compatible "shyper,overlay"
 * (dt-bindings/shyper,overlay.yaml). They are applied with libfdt's
 * fdt_overlay_apply() to a copy of the DTB before anything else reads it,
 * so every later step sees one tree, as if U-Boot had applied them.
 */
#define pr_fmt(fmt) "overlay: " fmt

#include <libfdt.h>
#include <string.h>
#include <shyper/dt.h>
#include <shyper/dt_overlay.h>
#include <shyper/errno.h>
#include <shyper/printk.h>

#define OVERLAY_COMPATIBLE "shyper,overlay"
#define OVERLAY_MAX 8
#define PATH_MAX_LEN 128

struct overlay {
	char path[PATH_MAX_LEN];
	const void *blob;
	u64 size;
};

/*
 * The overlays /chosen lists, collected before any is applied: applying
 * one moves every node offset. reg is read raw, in /chosen's cells
 * (2 and 1 by default, devicetree spec 2.3.5): /chosen has no ranges.
 */
static int collect(const void *fdt, struct overlay *ov, const void *(*map)(paddr_t, u64))
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int node, n = 0;
	u64 addr;

	if (chosen < 0)
		return 0;
	fdt_for_each_subnode (node, fdt, chosen) {
		if (fdt_node_check_compatible(fdt, node, OVERLAY_COMPATIBLE))
			continue;
		if (n == OVERLAY_MAX) {
			pr_err("more than %u overlays: the rest are ignored\n", OVERLAY_MAX);
			break;
		}
		dt_path(fdt, node, ov[n].path, sizeof(ov[n].path));
		if (dt_read_reg_raw(fdt, node, 0, &addr, &ov[n].size)) {
			pr_err("%s: no usable reg (address and size of the .dtbo): ignored\n",
			       ov[n].path);
			continue;
		}
		ov[n].blob = map ? map(addr, ov[n].size) : (const void *)(uintptr_t)addr;
		if (!ov[n].blob) {
			pr_err("%s: 0x%llx+0x%llx cannot be mapped: ignored\n", ov[n].path,
			       (unsigned long long)addr, (unsigned long long)ov[n].size);
			continue;
		}
		n++;
	}
	return n;
}

/* A fragment whose target-path @fdt lacks, named before libfdt says NOTFOUND. */
static int check_targets(const void *fdt, const struct overlay *ov)
{
	int frag;

	fdt_for_each_subnode (frag, ov->blob, 0) {
		const char *target = dt_read_string(ov->blob, frag, "target-path");

		if (fdt_subnode_offset(ov->blob, frag, "__overlay__") < 0 || !target)
			continue;
		if (fdt_path_offset(fdt, target) < 0) {
			pr_err("%s: fragment %s: target-path \"%s\" is not in the DTB: overlay "
			       "not applied\n",
			       ov->path, fdt_get_name(ov->blob, frag, NULL), target);
			return -ENOENT;
		}
	}
	return 0;
}

static int check_blob(const struct overlay *ov)
{
	if (ov->size < sizeof(struct fdt_header) || fdt_check_header(ov->blob) ||
	    fdt_totalsize(ov->blob) > ov->size || dt_check(ov->blob)) {
		pr_err("%s: 0x%llx+0x%llx is not a valid .dtbo: overlay not applied\n", ov->path,
		       (unsigned long long)(uintptr_t)ov->blob, (unsigned long long)ov->size);
		return -EINVAL;
	}
	return 0;
}

/* Apply @ov to a copy of *@cur in *@spare; on success the two swap. */
static int apply_one(void **cur, void **spare, size_t size, struct overlay *ov)
{
	void *tmp;
	int err = check_blob(ov);

	if (!err)
		err = check_targets(*cur, ov);
	if (err)
		return err;
	err = fdt_open_into(*cur, *spare, size);
	/* The .dtbo is consumed: libfdt rewrites its fixups as it applies it. */
	if (!err)
		err = fdt_overlay_apply(*spare, (void *)ov->blob);
	if (err) {
		/* libfdt leaves both trees unusable on failure: *cur is untouched. */
		pr_err("%s: libfdt refused it (%s): overlay not applied\n", ov->path,
		       fdt_strerror(err));
		return -EINVAL;
	}
	tmp = *cur;
	*cur = *spare;
	*spare = tmp;
	pr_info("%s: applied (%llu bytes)\n", ov->path, (unsigned long long)ov->size);
	return 0;
}

/*
 * fdt_open_into() of @fdt without its padding: fdt_move() wants room for
 * the whole totalsize, and DTBs from QEMU or after U-Boot's "fdt move" are
 * mostly padding. Blocks in the usual order (header, reservations,
 * structure, strings) end with the strings.
 */
static int open_compact(const void *fdt, void *buf, size_t size)
{
	u64 used = (u64)fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);

	if (fdt_totalsize(fdt) <= size)
		return fdt_open_into(fdt, buf, (int)size);
	if (fdt_off_mem_rsvmap(fdt) > fdt_off_dt_struct(fdt) ||
	    fdt_off_dt_struct(fdt) > fdt_off_dt_strings(fdt) || used > size ||
	    used > fdt_totalsize(fdt))
		return -FDT_ERR_NOSPACE;
	memcpy(buf, fdt, used);
	fdt_set_totalsize(buf, (u32)used);
	return fdt_open_into(buf, buf, (int)size);
}

int dt_overlay_apply_one(const void *fdt, void *buf, void *scratch, size_t size, const char *name,
			 void *blob, u64 blob_size, void **out)
{
	struct overlay ov = {.blob = blob, .size = blob_size};
	void *cur = buf, *spare = scratch;
	int err;

	memcpy(ov.path, name, MIN(strlen(name), sizeof(ov.path) - 1));
	if (open_compact(fdt, cur, size)) {
		pr_err("%s: the DTB does not fit %zu KiB (CONFIG_DT_OVERLAY_BUF_KIB)\n", name,
		       size >> 10);
		return -ENOSPC;
	}
	err = apply_one(&cur, &spare, size, &ov);
	*out = cur;
	return err;
}

int dt_overlay_apply_all(const void *fdt, void *buf, void *scratch, size_t size,
			 const void *(*map)(paddr_t base, u64 size), const void **out)
{
	struct overlay ov[OVERLAY_MAX];
	void *cur = buf, *spare = scratch;
	int i, n = collect(fdt, ov, map), applied = 0;

	*out = fdt;
	if (n == 0)
		return 0;
	if (open_compact(fdt, cur, size)) {
		pr_err("the DTB does not fit %zu KiB with room for overlays: none applied "
		       "(CONFIG_DT_OVERLAY_BUF_KIB)\n",
		       size >> 10);
		return -ENOSPC;
	}
	for (i = 0; i < n; i++)
		applied += !apply_one(&cur, &spare, size, &ov[i]);
	*out = cur;
	return applied;
}
