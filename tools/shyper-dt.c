// SPDX-License-Identifier: GPL-2.0-only
/*
 * shyper-dt: the offline checker. Reads a board DTB, applies overlays the
 * way U-Boot's "fdt apply" does, then runs the hypervisor's own discovery,
 * VM parsing and guest DTB builder (the same core/ sources) and prints
 * what Shyper would print at boot. See Documentation/checker.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libfdt.h>
#include <shyper/dt_order.h>
#include <shyper/dt_overlay.h>
#include <shyper/cpu.h>
#include <shyper/device.h>
#include <shyper/dt.h>
#include <shyper/guest_dt.h>
#include <shyper/platform.h>
#include <shyper/printk.h>
#include <shyper/vm_config.h>
#include <shyper/vm_create.h>
#include "../core/vm_internal.h"
#include "host/host.h"

#define MAX_LOADS 16
#define OVERLAY_ROOM (256 * 1024)

struct load {
	const char *file;
	paddr_t addr;
	void *data;
	size_t size;
};

struct options {
	const char *outdir;
	const char *board;
	char **overlays;
	int nr_overlays;
	bool hwid_given;
	u64 boot_hwid;
	paddr_t image_base;
	u64 image_size;
	paddr_t mem_base;
	u64 mem_size;
	int nr_loads;
	struct load load[MAX_LOADS];
	const char *create;
	u64 image_size_of[VM_IMAGE_COUNT];
	int nr_destroyed;
	u32 destroyed[VM_MAX];
};

static struct vm_config vms[VM_MAX];
static u8 guest_buf[VM_DTB_SLOT];

static void usage(FILE *f)
{
	fprintf(f, "usage: shyper-dt [-o DIR] [-b HWID] [-i ADDR[+SIZE]] [-l FILE@ADDR]...\n"
		   "                 BOARD.dtb [OVERLAY.dtbo]...\n"
		   "  -o DIR          write each guest DTB to DIR/vm<id>.dtb\n"
		   "  -b HWID         boot CPU hardware id (default: first usable CPU)\n"
		   "  -i ADDR[+SIZE]  where Shyper is loaded (default: RAM base, 2 MiB)\n"
		   "  -m ADDR+SIZE    RAM the bootloader adds (/memory), for DTBs without\n"
		   "  -l FILE@ADDR    contents of an image loaded at ADDR (own VM DTBs)\n"
		   "  --create VM.dtbo   then: would CREATE of this overlay be accepted now\n"
		   "  --kernel-size N    with --create: a kernel image of N bytes (zeros)\n"
		   "  --ramdisk-size N   with --create: a ramdisk image of N bytes (zeros)\n"
		   "  --destroyed ID     with --create: boot VM ID destroyed and released first\n");
}

static void *read_file(const char *path, size_t extra, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0) {
		fprintf(stderr, "shyper-dt: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	rewind(f);
	buf = calloc(1, (size_t)len + extra);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "shyper-dt: %s: cannot read\n", path);
		exit(2);
	}
	fclose(f);
	*size = (size_t)len;
	return buf;
}

static void parse_load(struct options *o, char *arg)
{
	char *at = strrchr(arg, '@');

	if (!at || o->nr_loads == MAX_LOADS) {
		usage(stderr);
		exit(2);
	}
	*at = '\0';
	o->load[o->nr_loads].file = arg;
	o->load[o->nr_loads].addr = strtoull(at + 1, NULL, 0);
	o->load[o->nr_loads].data = read_file(arg, 0, &o->load[o->nr_loads].size);
	o->nr_loads++;
}

enum { OPT_CREATE = 256, OPT_KERNEL_SIZE, OPT_RAMDISK_SIZE, OPT_DESTROYED };

static const struct option long_options[] = {
    {"create", required_argument, NULL, OPT_CREATE},
    {"kernel-size", required_argument, NULL, OPT_KERNEL_SIZE},
    {"ramdisk-size", required_argument, NULL, OPT_RAMDISK_SIZE},
    {"destroyed", required_argument, NULL, OPT_DESTROYED},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void parse_create_arg(struct options *o, int c)
{
	switch (c) {
	case OPT_CREATE:
		o->create = optarg;
		break;
	case OPT_KERNEL_SIZE:
		o->image_size_of[VM_IMAGE_KERNEL] = strtoull(optarg, NULL, 0);
		break;
	case OPT_RAMDISK_SIZE:
		o->image_size_of[VM_IMAGE_RAMDISK] = strtoull(optarg, NULL, 0);
		break;
	default:
		if (o->nr_destroyed == VM_MAX) {
			usage(stderr);
			exit(2);
		}
		o->destroyed[o->nr_destroyed++] = (u32)strtoul(optarg, NULL, 0);
	}
}

static void parse_args(int argc, char **argv, struct options *o)
{
	char *plus;
	int c;

	while ((c = getopt_long(argc, argv, "o:b:i:l:m:h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_CREATE:
		case OPT_KERNEL_SIZE:
		case OPT_RAMDISK_SIZE:
		case OPT_DESTROYED:
			parse_create_arg(o, c);
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case 'b':
			o->hwid_given = true;
			o->boot_hwid = strtoull(optarg, NULL, 0);
			break;
		case 'i':
			o->image_base = strtoull(optarg, &plus, 0);
			if (*plus == '+')
				o->image_size = strtoull(plus + 1, NULL, 0);
			break;
		case 'l':
			parse_load(o, optarg);
			break;
		case 'm':
			o->mem_base = strtoull(optarg, &plus, 0);
			o->mem_size = *plus == '+' ? strtoull(plus + 1, NULL, 0) : 0;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind >= argc ||
	    (!o->create && (o->nr_destroyed || o->image_size_of[VM_IMAGE_KERNEL] ||
			    o->image_size_of[VM_IMAGE_RAMDISK]))) {
		usage(stderr);
		exit(2);
	}
	o->board = argv[optind];
	o->overlays = argv + optind + 1;
	o->nr_overlays = argc - optind - 1;
}

/* What U-Boot's memory fixup does: a /memory node in the root's cells. */
static int add_memory(void *fdt, paddr_t base, u64 size)
{
	int ac = dt_addr_cells(fdt, fdt_first_subnode(fdt, 0));
	int sc = dt_size_cells(fdt, fdt_first_subnode(fdt, 0));
	int node = fdt_add_subnode(fdt, 0, "memory@shyper-dt");
	fdt32_t cells[4];
	int n = 0;

	if (node < 0 || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -1;
	if (ac == 2)
		cells[n++] = cpu_to_fdt32(base >> 32);
	cells[n++] = cpu_to_fdt32((u32)base);
	if (sc == 2)
		cells[n++] = cpu_to_fdt32(size >> 32);
	cells[n++] = cpu_to_fdt32((u32)size);
	return fdt_setprop_string(fdt, node, "device_type", "memory") ||
	       fdt_setprop(fdt, node, "reg", cells, n * 4);
}

/*
 * Board DTBs without /chosen are common (33 of Debian 13's arm64 ones);
 * U-Boot creates it ("fdt chosen", and at boot), and VM overlays target it.
 */
static void ensure_chosen(void *fdt, const char *board)
{
	if (fdt_path_offset(fdt, "/chosen") >= 0)
		return;
	if (fdt_add_subnode(fdt, 0, "chosen") < 0) {
		fprintf(stderr, "shyper-dt: %s: cannot add /chosen\n", board);
		exit(2);
	}
	printf("note: %s has no /chosen: added, as U-Boot does (run \"fdt chosen\" before "
	       "\"fdt apply\" or \"fdt mknode /chosen ...\")\n",
	       board);
}

/* Why fdt_overlay_apply() said FDT_ERR_NOTFOUND. */
static const char *notfound_reason(const void *ovl)
{
	if (fdt_path_offset(ovl, "/__fixups__") >= 0)
		return ": a label reference needs a board DTB built with dtc -@, or a fragment's "
		       "target path is not in the board DTB";
	return ": a fragment's target path is not in the board DTB";
}

/* The board DTB with every overlay applied, as U-Boot would pass it. */
static void *load_tree(const struct options *o)
{
	size_t size, osize;
	void *fdt = read_file(o->board, OVERLAY_ROOM * (o->nr_overlays + 1), &size);
	int i, err = fdt_check_header(fdt);

	if (!err)
		err = fdt_open_into(fdt, fdt, (int)(size + OVERLAY_ROOM * (o->nr_overlays + 1)));
	if (err) {
		fprintf(stderr, "shyper-dt: %s: not a DTB (%s)\n", o->board, fdt_strerror(err));
		exit(2);
	}
	if (o->nr_overlays)
		ensure_chosen(fdt, o->board);
	for (i = 0; i < o->nr_overlays; i++) {
		void *ovl = read_file(o->overlays[i], 0, &osize);

		err = fdt_check_header(ovl) ? -FDT_ERR_BADMAGIC : fdt_overlay_apply(fdt, ovl);
		if (err) {
			fprintf(stderr, "shyper-dt: %s: cannot apply (%s)%s\n", o->overlays[i],
				fdt_strerror(err),
				err == -FDT_ERR_NOTFOUND ? notfound_reason(ovl) : "");
			exit(2);
		}
		free(ovl);
	}
	if (o->mem_size && add_memory(fdt, o->mem_base, o->mem_size)) {
		fprintf(stderr, "shyper-dt: -m: cannot add a memory node\n");
		exit(2);
	}
	return fdt;
}

static const struct options *opts;

/* The -l file loaded at @addr, for an overlay /chosen names there. */
static const void *loaded_at(paddr_t addr, u64 size)
{
	int i;

	for (i = 0; opts && i < opts->nr_loads; i++)
		if (opts->load[i].addr == addr && size <= opts->load[i].size)
			return opts->load[i].data;
	return NULL;
}

/*
 * The overlays /chosen names ("shyper,overlay", given with -l), applied
 * with the code Shyper applies them with at boot (core/dt_overlay.c), and
 * /chosen moved last as the boot does (for --create).
 */
static void *apply_chosen_overlays(void *fdt)
{
	static void *bufs[3];
	size_t size = fdt_totalsize(fdt) + OVERLAY_ROOM;
	const void *out;
	int i;

	for (i = 0; i < opts->nr_loads; i++)
		size += opts->load[i].size;
	for (i = 0; i < 3; i++) {
		bufs[i] = malloc(size);
		if (!bufs[i]) {
			fprintf(stderr, "shyper-dt: out of memory\n");
			exit(2);
		}
	}
	dt_overlay_apply_all(fdt, bufs[0], bufs[1], size, loaded_at, &out);
	return (void *)dt_with_chosen_last(out, bufs[2], size);
}

/* Without -b: the first CPU node the CPU parser accepts boots. */
static u64 first_usable_hwid(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len;
	struct cpu scratch;
	const void *reg;

	fdt_for_each_subnode (node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		int cells = dt_addr_cells(fdt, node);

		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!type || strcmp(type, "cpu") || !dt_is_enabled(fdt, node) || !reg ||
		    cells < 1 || cells > 2 || len < cells * 4)
			continue;
		memset(&scratch, 0, sizeof(scratch));
		dt_read_cells(reg, cells, &scratch.hwid);
		if (!cpu_arch_parse_node(fdt, node, &scratch))
			return scratch.hwid;
	}
	return 0;
}

static paddr_t ram_base(const void *fdt)
{
	int node;
	paddr_t base;
	u64 size;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "memory") && !dt_read_reg(fdt, node, 0, &base, &size))
			return base;
	}
	return 0;
}

/* Discovery in the order of core/main.c: console, platform, devices. */
static int discover(void *fdt, struct options *o)
{
	int node = dt_stdout_node(fdt), err;
	unsigned int i;

	host_set_boot_hwid(o->hwid_given ? o->boot_hwid : first_usable_hwid(fdt));
	if (node < 0 || device_probe_node(fdt, node, DEVICE_SERIAL))
		printf("warning: no console: /chosen/stdout-path %s\n",
		       node < 0 ? "missing or dangling" : "has no usable driver");
	if (!o->image_size) {
		o->image_base = ram_base(fdt);
		o->image_size = SZ_2M;
	}
	err = platform_discover(fdt, o->image_base, o->image_size);
	/* Without RAM discovery stops before the CPUs: still show them. */
	if (err && !platform.ram.count)
		cpu_discover(fdt);
	/* The DTB's host address means nothing on the board. */
	memmap_remove(&platform.reserved, (paddr_t)(uintptr_t)fdt, fdt_totalsize(fdt));
	device_probe_class(fdt, DEVICE_IRQCHIP);
	device_probe_class(fdt, DEVICE_TIMER);
	for (i = 0; i < cpu_count(); i++)
		cpu_get(i)->online = true;
	return err;
}

/* Why discovery stopped, after the summary of everything else it found. */
static const char *discovery_failure(void)
{
	if (!platform.ram.count)
		return "no RAM: pass -m ADDR+SIZE as the bootloader would";
	if (!cpu_count())
		return "no usable CPU: every CPU node was left out (reasons above)";
	return "the boot CPU is not among the usable CPUs (see -b)";
}

static int count_vm_nodes(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node, n = 0;

	if (chosen < 0)
		return 0;
	fdt_for_each_subnode (node, fdt, chosen)
		n += !fdt_node_check_compatible(fdt, node, "shyper,vm") && dt_is_enabled(fdt, node);
	return n;
}

/*
 * The -l FILE@ADDR whose address is the image's, as the bootloader would
 * load it; for --create, the copy vm_create() made.
 */
const void *vm_image_data(const struct vm_image *img)
{
	int i;

	if (host_ram_find(img->hpa, img->size))
		return host_ram_find(img->hpa, img->size);
	for (i = 0; opts && i < opts->nr_loads; i++)
		if (img->hpa == opts->load[i].addr)
			return opts->load[i].data;
	return NULL;
}

static void attach_loads(struct vm_config *vm, const struct options *o)
{
	int kind, i;

	for (kind = 0; kind < VM_IMAGE_COUNT; kind++)
		for (i = 0; i < o->nr_loads; i++)
			if (vm->image[kind].node >= 0 && vm->image[kind].hpa == o->load[i].addr)
				vm->image[kind].data = o->load[i].data;
}

static int write_guest(const struct vm_config *vm, const struct options *o)
{
	char path[4096];
	FILE *f;
	size_t size = fdt_totalsize(guest_buf);

	if (!o->outdir) {
		printf("guest DTB of vm%u: %zu bytes\n", vm->id, size);
		return 0;
	}
	mkdir(o->outdir, 0777); /* an existing directory is fine */
	snprintf(path, sizeof(path), "%s/vm%u.dtb", o->outdir, vm->id);
	f = fopen(path, "wb");
	if (!f || fwrite(guest_buf, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "shyper-dt: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("guest DTB of vm%u: %s (%zu bytes)\n", vm->id, path, size);
	return 0;
}

/* From the tree it was read from, as core/vm_load.c builds it. */
int host_build_guest(const struct vm_config *vm)
{
	if (vm->image[VM_IMAGE_DTB].node >= 0 && !vm->image[VM_IMAGE_DTB].data) {
		printf("vm%u: own device tree at 0x%llx not checked (pass -l FILE@ADDR)\n", vm->id,
		       (unsigned long long)vm->image[VM_IMAGE_DTB].hpa);
		return 0;
	}
	if (guest_dt_build(vm->fdt ? vm->fdt : platform.fdt, vm, guest_buf, sizeof(guest_buf))) {
		printf("error: vm%u: no guest DTB\n", vm->id);
		return 1;
	}
	return write_guest(vm, opts);
}

static int build_guests(int count, const struct options *o)
{
	int i, errors = 0;

	for (i = 0; i < count; i++) {
		attach_loads(&vms[i], o);
		errors += host_build_guest(&vms[i]);
	}
	return errors;
}

static void print_placement(const struct vm_config *vm, unsigned int slot)
{
	unsigned int i;

	printf("accepted now: vm%u (%s) %s in slot %u: cpu", vm->id, vm->label, vm->path, slot);
	for (i = 0; i < vm->nr_vcpus; i++)
		printf("%s%u", i ? "," : " ", (unsigned)vm->pcpu[i]);
	printf(", memory");
	for (i = 0; i < vm->nr_mem; i++)
		printf("%s0x%llx+0x%llx", i ? "," : " hpa ", (unsigned long long)vm->mem[i].hpa,
		       (unsigned long long)vm->mem[i].size);
	printf("\n");
}

/*
 * --create: the management VM's CREATE now, by core/vm_create.c itself,
 * after the boot (tools/host/create.c has what core/vm.c gives it).
 */
static int check_create(int count, const struct options *o)
{
	struct vm_create_req req = {0};
	const struct vm_config *added;
	char why[256];
	size_t size;
	unsigned int slot;
	int kind, i, err;
	u32 id;

	host_vms_booted(vms, (unsigned int)count);
	for (i = 0; i < o->nr_destroyed; i++) {
		if (host_vm_release(o->destroyed[i])) {
			fprintf(stderr, "shyper-dt: --destroyed %u: no boot VM with that id\n",
				o->destroyed[i]);
			exit(2);
		}
	}
	req.overlay.data = read_file(o->create, 0, &size);
	req.overlay.size = size;
	for (kind = 0; kind < VM_IMAGE_COUNT; kind++) {
		req.image[kind].size = o->image_size_of[kind];
		req.image[kind].data = calloc(1, o->image_size_of[kind] + 1);
	}
	printf("create: %s\n", o->create);
	printk_capture(why, sizeof(why));
	err = vm_create(&req, &id);
	printk_capture(NULL, 0);
	if (err) {
		printf("refused now: %s\n", why[0] ? why : "(no message)");
		return 1;
	}
	added = host_vm_added(&slot);
	print_placement(added, slot);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	void *fdt;
	int count, errors;

	parse_args(argc, argv, &o);
	opts = &o;
	fdt = load_tree(&o);
	host_console_init();
	fdt = apply_chosen_overlays(fdt);
	if (discover(fdt, &o)) {
		platform_print_summary();
		printf("error: platform discovery failed: Shyper would stop here (%s)\n",
		       discovery_failure());
		return 1;
	}
	platform_print_summary();
	count = vm_config_parse(fdt, vms, VM_MAX);
	if (count < 0) {
		printf("error: VM parsing failed (%d)\n", count);
		return 1;
	}
	vm_config_print(vms, count);
	errors = count_vm_nodes(fdt) - count + vm_config_lookalikes(fdt, false);
	errors += build_guests(count, &o);
	printf("shyper-dt: %d VM(s) accepted, %d error(s)\n", count, errors);
	if (o.create)
		errors += check_create(count, &o);
	return errors ? 1 : 0;
}
