// SPDX-License-Identifier: GPL-2.0-only
/*
 * libctl (tools/guest/ctl.h). The control page lies outside the guest's
 * RAM and no driver claims its node, so /dev/mem maps it even with
 * STRICT_DEVMEM and IO_STRICT_DEVMEM, uncached like any MMIO. Every
 * access is one trap into Shyper; a command completes within the store
 * to CTL_CMD. The registers are one bank for the whole VM: an exclusive
 * flock on /dev/mem keeps two shyperctl processes from interleaving.
 */
#include "ctl.h"
#include "sys.h"
#include "util.h"

#define SYS_flock 32
#define LOCK_EX 2

static volatile uint32_t *regs;
static uint64_t page_base;
/* The staging window: the node's second reg entry (Documentation/control.md). */
static uint64_t staging_base, staging_size;
static long mem_fd = -1;

/* reg of a root node: 2 cells each as Shyper writes it, or 1. */
static int read_node(const char *node, uint64_t *base)
{
	unsigned char buf[32];
	char compat[32] = {0};
	long n;

	if (dt_prop(node, "compatible", compat, sizeof(compat) - 1) <= 0 ||
	    !str_eq(compat, CTL_GUEST_COMPATIBLE))
		return -1;
	n = dt_prop(node, "reg", buf, sizeof(buf));
	if (n == 32) {
		staging_base = be64(buf + 16);
		staging_size = be64(buf + 24);
	}
	if (n == 16 || n == 32)
		*base = be64(buf);
	else if (n == 8)
		*base = be32(buf);
	else
		return -1;
	return 0;
}

static int match_page(const char *node, void *base)
{
	return read_node(node, base);
}

static int find_page(uint64_t *base)
{
	return dt_find_node("shyper-control@", match_page, base);
}

static void on_fault(int sig)
{
	char n[24];

	out("shyperctl: the control page faulted (signal ", fmt_u64(n, (uint64_t)sig, 0),
	    "): this VM is not the management VM", NULL);
	sys_exit(CTL_EXIT_FAULT);
}

int ctl_open(uint64_t base)
{
	struct k_sigaction sa = {.handler = on_fault};
	char n1[24], n2[24];
	long fd, p;

	if (!base && find_page(&base)) {
		out("shyperctl: no " CTL_GUEST_COMPATIBLE " node in /proc/device-tree: "
		    "this VM is not Shyper's management VM",
		    NULL);
		return CTL_EXIT_NO_CONTROL;
	}
	fd = sys_call(SYS_openat, AT_FDCWD, "/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		out("shyperctl: cannot open /dev/mem (", fmt_u64(n1, (uint64_t)-fd, 0), ")", NULL);
		return CTL_EXIT_NO_CONTROL;
	}
	sys_call(SYS_flock, fd, LOCK_EX, 0);
	p = sys_call6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (long)base);
	if (p < 0 && p > -4096) {
		out("shyperctl: cannot map ", fmt_u64(n1, base, 1), " through /dev/mem (",
		    fmt_u64(n2, (uint64_t)-p, 0), ")", NULL);
		return CTL_EXIT_NO_CONTROL;
	}
	/* The descriptor stays open: it holds the lock until the process exits. */
	mem_fd = fd;
	regs = (volatile uint32_t *)p;
	page_base = base;
	sys_call6(SYS_rt_sigaction, SIGBUS, (long)&sa, 0, 8, 0, 0);
	sys_call6(SYS_rt_sigaction, SIGSEGV, (long)&sa, 0, 8, 0, 0);
	if (regs[CTL_MAGIC / 4] != CTL_MAGIC_VALUE) {
		out("shyperctl: no control page at ", fmt_u64(n1, base, 1), NULL);
		return CTL_EXIT_NO_CONTROL;
	}
	if (ctl_version() >> 16 != CTL_VERSION_MAJOR) {
		out("shyperctl: control interface version ", fmt_u64(n1, ctl_version() >> 16, 0),
		    ".x, this tool speaks ", fmt_u64(n2, CTL_VERSION_MAJOR, 0), ".x", NULL);
		return CTL_EXIT_NO_CONTROL;
	}
	return 0;
}

/*
 * The window is mapped uncached like the page (it is outside the VM's RAM):
 * whole aligned 32-bit stores only, as Device memory wants.
 */
long ctl_stage_file(const char *path, uint64_t off)
{
	static volatile uint32_t *win;
	unsigned char buf[4096];
	long fd, n, done = 0;
	unsigned int i, k;

	if (!staging_size || (off & 3))
		return -1;
	if (!win) {
		long p = sys_call6(SYS_mmap, 0, (long)staging_size, PROT_READ | PROT_WRITE,
				   MAP_SHARED, mem_fd, (long)staging_base);

		if (p < 0 && p > -4096)
			return -1;
		win = (volatile uint32_t *)p;
	}
	fd = sys_call(SYS_openat, AT_FDCWD, path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((n = sys_call(SYS_read, fd, buf, sizeof(buf))) > 0) {
		if (off + (uint64_t)done + (uint64_t)n > staging_size) {
			done = -2;
			break;
		}
		for (i = 0; i < (unsigned int)n; i += 4) {
			uint32_t w = 0;

			for (k = 0; k < 4 && i + k < (unsigned int)n; k++)
				w |= (uint32_t)buf[i + k] << (8 * k);
			win[(off + (uint64_t)done + i) / 4] = w;
		}
		/* A short read that is not a multiple of 4 ends the file: the last word is padded.
		 */
		done += n;
		if (n & 3)
			break;
	}
	sys_call(SYS_close, fd, 0, 0);
	return n < 0 ? -1 : done;
}

uint64_t ctl_staging_size(void)
{
	return staging_size;
}

uint64_t ctl_base(void)
{
	return page_base;
}

uint32_t ctl_version(void)
{
	return regs[CTL_VERSION / 4];
}

int ctl_run(uint32_t cmd, const uint32_t *args, unsigned int nargs)
{
	unsigned int i;

	for (i = 0; i < nargs && i < CTL_NR_ARGS; i++)
		regs[CTL_ARG(i) / 4] = args[i];
	regs[CTL_CMD / 4] = cmd;
	return (int32_t)regs[CTL_STATUS / 4];
}

uint32_t ctl_res(unsigned int n)
{
	return regs[CTL_RES(n) / 4];
}

uint64_t ctl_res64(unsigned int lo)
{
	return ctl_res(lo) | (uint64_t)ctl_res(lo + 1) << 32;
}

/* Whole 32-bit words only: the page faults on anything else. */
void ctl_data_read(void *buf, unsigned int len)
{
	unsigned char *p = buf;
	unsigned int i;

	for (i = 0; i < len && i < CTL_DATA_SIZE; i += 4) {
		uint32_t w = regs[(CTL_DATA + i) / 4];
		unsigned int k;

		for (k = 0; k < 4 && i + k < len; k++)
			p[i + k] = (unsigned char)(w >> (8 * k));
	}
}

void ctl_data_write(const void *buf, unsigned int len)
{
	const unsigned char *p = buf;
	unsigned int i, k;

	for (i = 0; i < len && i < CTL_DATA_SIZE; i += 4) {
		uint32_t w = 0;

		for (k = 0; k < 4 && i + k < len; k++)
			w |= (uint32_t)p[i + k] << (8 * k);
		regs[(CTL_DATA + i) / 4] = w;
	}
}

const char *ctl_strerror(int status)
{
	switch (status) {
	case CTL_EPERM:
		return "the management VM cannot do that to itself (EPERM)";
	case CTL_ENOENT:
		return "no such VM (ENOENT)";
	case CTL_E2BIG:
		return "too long (E2BIG)";
	case CTL_EAGAIN:
		return "the VM is not in a state this applies to (EAGAIN)";
	case CTL_EBUSY:
		return "a vCPU did not leave the guest; nothing released (EBUSY)";
	case CTL_EEXIST:
		return "already taken (EEXIST)";
	case CTL_ENODEV:
		return "the VM has no virtual UART (ENODEV)";
	case CTL_EINVAL:
		return "the hypervisor does not know this command, or refused its input (EINVAL)";
	case CTL_ENOMEM:
		return "not enough free memory (ENOMEM)";
	case CTL_ENOSPC:
		return "no room: no free VM slot, or too big (ENOSPC)";
	case CTL_ERANGE:
		return "outside the staging window (ERANGE)";
	default:
		return "refused";
	}
}
