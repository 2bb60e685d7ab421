// SPDX-License-Identifier: GPL-2.0-only
/*
 * shyperctl: the management VM's command line for Shyper
 * (Documentation/control.md). Statically linked, no C library.
 *
 *   shyperctl [--json] [--base ADDR] list         the VMs, like `xl list`
 *   shyperctl [--json] [--base ADDR] info         free resources
 *   shyperctl start|stop|destroy|reboot|pause|resume ID
 *   shyperctl shutdown ID [--timeout S]
 *   shyperctl console ID                          print its console history
 *   shyperctl console ID [--wait MS] TEXT...      type TEXT and Enter, print
 *                                                 what it answers within MS
 *   shyperctl [--json] stats ID                   its hypervisor entries and time,
 *                                                 uptime, injected interrupts, vCPUs
 *   shyperctl [--json] stats --pcpu               entries and time per physical CPU
 *
 * A VM's console output is shown with its control characters as \xNN;
 * --raw passes them unchanged.
 *
 * Exit status (ctl.h): 0 done, 1 refused by the hypervisor, 2 bad usage,
 * 3 no control page found, 4 the control page faulted (not the
 * management VM).
 */
#include "ctl.h"
#include "sys.h"
#include "util.h"

#define TAG "shyperctl: "
#define LABEL_MAX CTL_DATA_SIZE

static int json;

/* One output line, built piece by piece. */
static char line[1024];
static size_t line_len;

static void put(const char *s)
{
	while (*s && line_len < sizeof(line) - 2)
		line[line_len++] = *s++;
}

static void put_num(uint64_t v, int hex)
{
	char n[24];

	put(fmt_u64(n, v, hex));
}

/* @s left-aligned (@width > 0) or right-aligned (@width < 0) in a column. */
static void put_col(const char *s, int width)
{
	size_t n = str_len(s), w = (size_t)(width < 0 ? -width : width);

	while (width < 0 && n < w--)
		put(" ");
	put(s);
	while (width > 0 && n < w--)
		put(" ");
	put(" ");
}

static void put_num_col(uint64_t v, int width)
{
	char n[24];

	put_col(fmt_u64(n, v, 0), width);
}

static void put_json_str(const char *s)
{
	char c[2] = {0, 0};

	put("\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put("\\");
		if ((unsigned char)*s < 0x20)
			continue;
		c[0] = *s;
		put(c);
	}
	put("\"");
}

static void emit(void)
{
	line[line_len++] = '\n';
	sys_call(SYS_write, 1, line, line_len);
	line_len = 0;
}

static int usage(void)
{
	out(TAG "usage: shyperctl [--json] [--raw] [--base ADDR] list | info | "
		"start|stop|destroy|reboot|pause|resume ID | shutdown ID [--timeout S] | console "
		"ID [--wait MS] [TEXT...] | "
		"stats ID|--pcpu | create FILE.dtbo [--kernel IMAGE] [--ramdisk FILE] [--dtb FILE]",
	    NULL);
	return CTL_EXIT_USAGE;
}

static int refused(const char *what, uint64_t id, int status)
{
	put(TAG);
	put(what);
	if (id != (uint64_t)-1) {
		put(" ");
		put_num(id, 0);
	}
	put(": ");
	put(ctl_strerror(status));
	emit();
	return CTL_EXIT_REFUSED;
}

static const char *state_name(uint32_t s)
{
	static const char *const names[] = {
	    [CTL_STATE_RUNNING] = "running",	 [CTL_STATE_OFF] = "off",
	    [CTL_STATE_RESETTING] = "resetting", [CTL_STATE_DESTROYED] = "destroyed",
	    [CTL_STATE_PAUSED] = "paused",
	};

	return s < sizeof(names) / sizeof(names[0]) && names[s] ? names[s] : "?";
}

static const char *reason_name(uint32_t r)
{
	static const char *const names[CTL_NR_REASONS] = CTL_REASON_NAMES;

	return r < CTL_NR_REASONS ? names[r] : "?";
}

static const char *type_name(uint32_t t)
{
	return t == 1 ? "management" : t == 2 ? "realtime" : "general";
}

/* pCPU mask as a list: "0,2-3". */
static void put_cpus(uint64_t mask)
{
	unsigned int i, j, first = 1;

	for (i = 0; i < 64; i = j) {
		if (!(mask >> i & 1)) {
			j = i + 1;
			continue;
		}
		for (j = i; j < 64 && mask >> j & 1; j++)
			;
		if (!first)
			put(",");
		first = 0;
		put_num(i, 0);
		if (j - 1 > i) {
			put("-");
			put_num(j - 1, 0);
		}
	}
	if (first)
		put("-");
}

static void vm_text(const char *label)
{
	size_t at;

	put_col(label, 20);
	put_num_col(ctl_res(CTL_VM_ID), -4);
	put_num_col(ctl_res64(CTL_VM_MEM_LO) >> 20, -9);
	put_num_col(ctl_res(CTL_VM_VCPUS), -5);
	put_col(state_name(ctl_res(CTL_VM_STATE)), 10);
	put_col(type_name(ctl_res(CTL_VM_TYPE)), 10);
	at = line_len;
	put_cpus(ctl_res64(CTL_VM_PCPUS_LO));
	put_col("", (int)(6 - (line_len - at))); /* pad the CPU list to its column */
	put(reason_name(ctl_res(CTL_VM_REASON)));
}

static void vm_json(const char *label)
{
	put("{\"id\": ");
	put_num(ctl_res(CTL_VM_ID), 0);
	put(", \"name\": ");
	put_json_str(label);
	put(", \"state\": \"");
	put(state_name(ctl_res(CTL_VM_STATE)));
	put("\", \"type\": \"");
	put(type_name(ctl_res(CTL_VM_TYPE)));
	put("\", \"vcpus\": ");
	put_num(ctl_res(CTL_VM_VCPUS), 0);
	put(", \"pcpus\": \"");
	put_cpus(ctl_res64(CTL_VM_PCPUS_LO));
	put("\", \"memory\": ");
	put_num(ctl_res64(CTL_VM_MEM_LO), 0);
	put(", \"reason\": \"");
	put(reason_name(ctl_res(CTL_VM_REASON)));
	put("\"}");
}

static void read_label(char *label)
{
	ctl_data_read(label, LABEL_MAX);
	label[LABEL_MAX - 1] = '\0';
}

static int cmd_list(void)
{
	char label[LABEL_MAX];
	uint32_t i;

	if (json)
		put("[");
	else {
		put("Name                   ID  Mem(MiB) VCPUs State      Type       pCPUs  Why");
		emit();
	}
	for (i = 0; !ctl_run(CTL_CMD_VM_AT, &i, 1); i++) {
		read_label(label);
		if (json) {
			put(i ? ", " : "");
			vm_json(label);
			continue;
		}
		vm_text(label);
		emit();
	}
	if (json) {
		put("]");
		emit();
	}
	return CTL_EXIT_OK;
}

static const char *const free_names[] = {
    [CTL_FREE_PCPUS] = "free_pcpus",	      [CTL_FREE_MEM_LO] = "free_memory",
    [CTL_FREE_VM_SLOTS] = "free_vm_slots",    [CTL_FREE_IRQS_OWNED] = "owned_irqs",
    [CTL_FREE_PCPUS_ONLINE] = "online_pcpus",
};

static int cmd_info(void)
{
	static const unsigned int order[] = {CTL_FREE_PCPUS_ONLINE, CTL_FREE_PCPUS, CTL_FREE_MEM_LO,
					     CTL_FREE_VM_SLOTS, CTL_FREE_IRQS_OWNED};
	unsigned int i;
	int err = ctl_run(CTL_CMD_FREE, 0, 0);

	if (err)
		return refused("info", (uint64_t)-1, err);
	put(json ? "{\"version\": \"" : "version          : ");
	put_num(ctl_version() >> 16, 0);
	put(".");
	put_num(ctl_version() & 0xffff, 0);
	put(json ? "\", \"free_pcpu_list\": \"" : "");
	if (!json) {
		emit();
		put("free_pcpu_list   : ");
	}
	put_cpus(ctl_res64(CTL_FREE_PCPUS_LO));
	put(json ? "\"" : "");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		unsigned int r = order[i];
		uint64_t v = r == CTL_FREE_MEM_LO ? ctl_res64(r) : ctl_res(r);

		if (json) {
			put(", \"");
			put(free_names[r]);
			put("\": ");
		} else {
			emit();
			put_col(free_names[r], 16);
			put(": ");
		}
		put_num(v, 0);
	}
	put(json ? "}" : "");
	emit();
	return CTL_EXIT_OK;
}

static int parse_id(const char *s, uint32_t *id)
{
	uint64_t v;

	if (parse_u64(s, &v) || v > 0xffffffffu)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

static const struct {
	const char *name;
	uint32_t cmd;
	const char *done;
} lifecycle[] = {
    {"start", CTL_CMD_START, "starting"},      {"stop", CTL_CMD_STOP, "powered off"},
    {"destroy", CTL_CMD_DESTROY, "destroyed"}, {"reboot", CTL_CMD_REBOOT, "rebooting"},
    {"pause", CTL_CMD_PAUSE, "paused"},	       {"resume", CTL_CMD_RESUME, "resumed"},
};

static int cmd_lifecycle(unsigned int k, uint32_t id)
{
	int err = ctl_run(lifecycle[k].cmd, &id, 1);

	if (err)
		return refused(lifecycle[k].name, id, err);
	put(TAG "vm ");
	put_num(id, 0);
	put(": ");
	put(lifecycle[k].done);
	emit();
	return CTL_EXIT_OK;
}

static int raw; /* --raw: the VM's bytes unchanged, escape sequences included */
static char last_out = '\n';

/*
 * Another VM's output, on this VM's terminal: its control characters
 * shown as \xNN (unless --raw), so that it cannot move the cursor or
 * query the terminal (as the hypervisor's console does, issue 15.2).
 */
static void write_console(const char *buf, unsigned int n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4 * CTL_DATA_SIZE];
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (raw || c >= 0x20 || c == '\n' || c == '\t') {
			if (c != 0x7f || raw)
				esc[k++] = (char)c;
			continue;
		}
		if (c == '\r')
			continue; /* the line ends with its \n */
		esc[k++] = '\\';
		esc[k++] = 'x';
		esc[k++] = hex[c >> 4];
		esc[k++] = hex[c & 15];
	}
	if (k)
		last_out = esc[k - 1];
	sys_call(SYS_write, 1, esc, k);
}

/* Print the VM's output from byte @pos on; returns the next position. */
static int console_dump(uint32_t id, uint32_t *pos)
{
	char buf[CTL_DATA_SIZE];
	uint32_t args[2] = {id, *pos};
	int err;

	for (;;) {
		err = ctl_run(CTL_CMD_CONSOLE_READ, args, 2);
		if (err)
			return err;
		if (!ctl_res(0))
			break;
		ctl_data_read(buf, ctl_res(0));
		write_console(buf, ctl_res(0));
		args[1] = ctl_res(1);
	}
	if (last_out != '\n')
		write_console("\n", 1); /* a prompt is no end of line: ours starts a new one */
	*pos = args[1];
	return 0;
}

/* Where the VM's output is now: a read from "the future" starts at the oldest byte. */
static int console_end(uint32_t id, uint32_t *pos)
{
	uint32_t args[2] = {id, 0};
	int err;

	do {
		err = ctl_run(CTL_CMD_CONSOLE_READ, args, 2);
		args[1] = ctl_res(1);
	} while (!err && ctl_res(0));
	*pos = args[1];
	return err;
}

static int console_send(uint32_t id, const char *text, unsigned int len)
{
	uint32_t args[2] = {id, 0};
	int err;

	while (len) {
		args[1] = len < CTL_DATA_SIZE ? len : CTL_DATA_SIZE;
		ctl_data_write(text, args[1]);
		err = ctl_run(CTL_CMD_CONSOLE_WRITE, args, 2);
		if (err)
			return err;
		text += ctl_res(0);
		len -= ctl_res(0);
		if (ctl_res(0) < args[1])
			sleep_ms(10); /* its input queue is full: let it read */
	}
	return 0;
}

static int cmd_console(uint32_t id, int argc, char **argv)
{
	uint64_t wait = 1000;
	uint32_t pos = 0;
	char text[1024];
	size_t n = 0;
	int i = 0, err;

	if (argc >= 2 && str_eq(argv[0], "--wait")) {
		if (parse_u64(argv[1], &wait))
			return usage();
		argc -= 2;
		argv += 2;
	}
	if (!argc) {
		err = console_dump(id, &pos);
		return err ? refused("console", id, err) : CTL_EXIT_OK;
	}
	for (i = 0; i < argc; i++) {
		str_copy(text + n, argv[i], sizeof(text) - 1 - n);
		n = str_len(text);
		if (i + 1 < argc && n < sizeof(text) - 2)
			text[n++] = ' ';
	}
	text[n++] = '\r'; /* Enter, as a terminal sends it */
	err = console_end(id, &pos);
	if (!err)
		err = console_send(id, text, (unsigned int)n);
	if (!err) {
		sleep_ms(wait);
		err = console_dump(id, &pos);
	}
	return err ? refused("console", id, err) : CTL_EXIT_OK;
}

static const char *const exit_names[CTL_NR_EXITS] = {
    [CTL_EXIT_HYPERCALL] = "hypercall", [CTL_EXIT_MMIO] = "mmio",
    [CTL_EXIT_SYSREG] = "sysreg",	[CTL_EXIT_IRQ] = "irq",
    [CTL_EXIT_FAULT] = "fault",
};

/* Counter ticks in milliseconds at @hz (CTL_STAT_TICK_HZ): the tool's one conversion. */
static uint64_t ticks_ms(uint64_t ticks, uint32_t hz)
{
	return hz ? ticks / hz * 1000 + ticks % hz * 1000 / hz : 0;
}

/* `, "name": v` (JSON) or ` name v` (text), after a first field. */
static void put_field(const char *name, uint64_t v)
{
	put(json ? ", \"" : " ");
	put(name);
	put(json ? "\": " : " ");
	put_num(v, 0);
}

/* The exits by cause of the record just read (CTL_STAT_EXIT_LO/HI). */
static void put_exits(void)
{
	unsigned int c;

	put(json ? ", \"exits\": {" : " exits:");
	for (c = 0; c < CTL_NR_EXITS; c++) {
		put(json ? (c ? ", \"" : "\"") : " ");
		put(exit_names[c]);
		put(json ? "\": " : " ");
		put_num(ctl_res64(CTL_STAT_EXIT_LO(c)), 0);
	}
	put(json ? "}" : "");
}

static uint64_t exits_total(void)
{
	uint64_t sum = 0;
	unsigned int c;

	for (c = 0; c < CTL_NR_EXITS; c++)
		sum += ctl_res64(CTL_STAT_EXIT_LO(c));
	return sum;
}

/* One vCPU of VM @id (CTL_CMD_STATS_VCPU): a line of its own, or an element of "vcpu". */
static int put_vcpu(uint32_t id, uint32_t vcpu)
{
	uint32_t args[2] = {id, vcpu};
	int err = ctl_run(CTL_CMD_STATS_VCPU, args, 2);

	if (err)
		return err;
	if (!json) {
		put("vm ");
		put_num(id, 0);
	}
	put(json ? (vcpu ? ", {\"vcpu\": " : "{\"vcpu\": ") : " vcpu ");
	put_num(vcpu, 0);
	put_field("pcpu", ctl_res(CTL_CPU_PCPU));
	put_field("hyp_ticks", ctl_res64(CTL_CPU_HYP_TICKS_LO));
	put_field("exits", exits_total());
	if (json)
		put("}");
	else
		emit();
	return 0;
}

/*
 * The VM's record (CTL_CMD_STATS), then one per vCPU; text: a line of
 * exits, a line of times and interrupts, a line per vCPU.
 */
static int cmd_stats(uint32_t id)
{
	int err = ctl_run(CTL_CMD_STATS, &id, 1);
	uint32_t vcpus = ctl_res(CTL_STAT_VCPUS), hz = ctl_res(CTL_STAT_TICK_HZ), v;
	uint64_t uptime = ctl_res64(CTL_STAT_UPTIME_LO);

	if (err)
		return refused("stats", id, err);
	put(json ? "{\"id\": " : "vm ");
	put_num(id, 0);
	put_field("vcpus", vcpus);
	put_exits();
	put_field("restarts", ctl_res(CTL_STAT_RESTARTS));
	put_field("crashes", ctl_res(CTL_STAT_CRASHES));
	if (!json) {
		emit();
		put("vm ");
		put_num(id, 0);
	}
	put_field("uptime_ms", ticks_ms(uptime, hz));
	put_field("uptime_ticks", uptime);
	put_field("irqs_injected", ctl_res64(CTL_STAT_IRQS_LO));
	put_field("hyp_ticks", ctl_res64(CTL_STAT_HYP_TICKS_LO));
	put_field("hyp_ms", ticks_ms(ctl_res64(CTL_STAT_HYP_TICKS_LO), hz));
	put_field("tick_hz", hz);
	if (json)
		put(", \"vcpu\": [");
	else
		emit();
	for (v = 0, err = 0; v < vcpus && !err; v++)
		err = put_vcpu(id, v);
	if (err)
		return refused("stats", id, err);
	if (json) {
		put("]}");
		emit();
	}
	return CTL_EXIT_OK;
}

/* Every physical CPU (CTL_CMD_STATS_PCPU) until CTL_ENOENT: a table, or a JSON array. */
static int cmd_stats_pcpu(void)
{
	uint32_t cpu;
	int err;

	put(json ? "[" : "pcpu online vm hyp_ticks hyp_ms exits by cause");
	if (!json)
		emit();
	for (cpu = 0; !(err = ctl_run(CTL_CMD_STATS_PCPU, &cpu, 1)); cpu++) {
		put(json ? (cpu ? ", {\"pcpu\": " : "{\"pcpu\": ") : "");
		if (json) {
			put_num(cpu, 0);
			put_field("online", ctl_res(CTL_CPU_ONLINE));
			put_field("vm", ctl_res(CTL_CPU_VM));
			put_field("hyp_ticks", ctl_res64(CTL_CPU_HYP_TICKS_LO));
			put_field("hyp_ms", ticks_ms(ctl_res64(CTL_CPU_HYP_TICKS_LO),
						     ctl_res(CTL_CPU_TICK_HZ)));
			put_exits();
			put("}");
			continue;
		}
		put_num_col(cpu, -4);
		put_col(ctl_res(CTL_CPU_ONLINE) ? "yes" : "no", -6);
		put_num_col(ctl_res(CTL_CPU_VM), -2);
		put_num_col(ctl_res64(CTL_CPU_HYP_TICKS_LO), -9);
		put_num_col(ticks_ms(ctl_res64(CTL_CPU_HYP_TICKS_LO), ctl_res(CTL_CPU_TICK_HZ)),
			    -6);
		put_exits();
		emit();
	}
	if (err != CTL_ENOENT || !cpu)
		return refused("stats --pcpu", (uint64_t)-1, err);
	if (json) {
		put("]");
		emit();
	}
	return CTL_EXIT_OK;
}

/* The options of create, in CTL_CMD_CREATE's argument order after the overlay. */
static const char *const create_options[] = {"--kernel", "--ramdisk", "--dtb"};
#define CREATE_ARGS (2 * (1 + sizeof(create_options) / sizeof(create_options[0])))

/* @file at @off of the window: its size, or -1 after saying why. */
static long stage(const char *file, uint32_t off)
{
	long n = ctl_stage_file(file, off);

	if (n < 0)
		out(TAG "create: cannot put ", file, " into the staging window",
		    n == -2 ? " (too big)" : "", NULL);
	return n;
}

/*
 * The overlay at the window's start, each image given on the next 64 KiB
 * boundary after the one before (CTL_CMD_CREATE, Documentation/control.md
 * "Creating a VM").
 */
static int cmd_create(int argc, char **argv)
{
	const char *file[CREATE_ARGS / 2] = {argv[0]};
	uint32_t args[CREATE_ARGS] = {0}, off = 0;
	char msg[CTL_DATA_SIZE + 1] = {0};
	unsigned int i, k;
	long n;
	int err;

	if (argc < 1 || argc % 2 == 0)
		return usage();
	for (i = 1; i < (unsigned int)argc; i += 2) {
		for (k = 0; k < CREATE_ARGS / 2 - 1 && !str_eq(argv[i], create_options[k]); k++)
			;
		if (k == CREATE_ARGS / 2 - 1 || file[k + 1])
			return usage();
		file[k + 1] = argv[i + 1];
	}
	for (k = 0; k < CREATE_ARGS / 2; k++) {
		if (!file[k])
			continue;
		n = stage(file[k], off);
		if (n < 0)
			return CTL_EXIT_USAGE;
		args[2 * k] = off;
		args[2 * k + 1] = (uint32_t)n;
		off = (uint32_t)((off + (uint64_t)n + 0xffff) & ~0xffffull);
	}
	err = ctl_run(CTL_CMD_CREATE, args, CREATE_ARGS);
	if (err) {
		ctl_data_read(msg, CTL_DATA_SIZE);
		if (msg[0])
			out(TAG "create: ", msg, NULL);
		return refused("create", (uint64_t)-1, err);
	}
	put(json ? "{\"id\": " : TAG "vm ");
	put_num(ctl_res(0), 0);
	put(json ? "}" : ": created and starting");
	emit();
	return CTL_EXIT_OK;
}

/* A VM that is running and has not restarted since @restarts: still waiting for it. */
static int still_up(uint32_t id, uint32_t restarts)
{
	if (ctl_run(CTL_CMD_VM_INFO, &id, 1) || ctl_res(CTL_VM_STATE) != CTL_STATE_RUNNING)
		return 0;
	return !ctl_run(CTL_CMD_STATS, &id, 1) && ctl_res(CTL_STAT_RESTARTS) == restarts;
}

/*
 * xl shutdown: the power button (CTL_CMD_SHUTDOWN), then wait for the guest
 * to power itself off (or restart, per its on-poweroff); at the timeout, a
 * forced STOP. Exit 0 either way; the line (JSON "graceful") says which.
 */
static int cmd_shutdown(uint32_t id, int argc, char **argv)
{
	uint64_t timeout_s = 10, waited;
	uint32_t restarts;
	int err;

	if (argc == 2 && str_eq(argv[0], "--timeout") && !parse_u64(argv[1], &timeout_s) &&
	    timeout_s <= 3600)
		argc = 0;
	if (argc)
		return usage();
	err = ctl_run(CTL_CMD_STATS, &id, 1);
	restarts = ctl_res(CTL_STAT_RESTARTS);
	if (!err)
		err = ctl_run(CTL_CMD_SHUTDOWN, &id, 1);
	if (err)
		return refused("shutdown", id, err);
	for (waited = 0; waited < timeout_s * 1000 && still_up(id, restarts); waited += 100)
		sleep_ms(100);
	if (waited >= timeout_s * 1000) {
		err = ctl_run(CTL_CMD_STOP, &id, 1);
		if (err && err != CTL_EAGAIN) /* EAGAIN: it went off just now */
			return refused("shutdown", id, err);
	}
	put(json ? "{\"id\": " : TAG "vm ");
	put_num(id, 0);
	if (json)
		put(waited < timeout_s * 1000 ? ", \"graceful\": true}" : ", \"graceful\": false}");
	else
		put(waited < timeout_s * 1000 ? ": powered itself off"
					      : ": did not power off in time: stopped (forced)");
	emit();
	return CTL_EXIT_OK;
}

static int run(int argc, char **argv)
{
	uint32_t id;
	unsigned int k;

	if (str_eq(argv[0], "list"))
		return cmd_list();
	if (str_eq(argv[0], "info"))
		return cmd_info();
	if (str_eq(argv[0], "create"))
		return cmd_create(argc - 1, argv + 1);
	if (str_eq(argv[0], "stats") && argc == 2 && str_eq(argv[1], "--pcpu"))
		return cmd_stats_pcpu();
	if (argc < 2 || parse_id(argv[1], &id))
		return usage();
	for (k = 0; k < sizeof(lifecycle) / sizeof(lifecycle[0]); k++)
		if (str_eq(argv[0], lifecycle[k].name))
			return argc == 2 ? cmd_lifecycle(k, id) : usage();
	if (str_eq(argv[0], "console"))
		return cmd_console(id, argc - 2, argv + 2);
	if (str_eq(argv[0], "shutdown"))
		return cmd_shutdown(id, argc - 2, argv + 2);
	if (str_eq(argv[0], "stats"))
		return argc == 2 ? cmd_stats(id) : usage();
	return usage();
}

int main(int argc, char **argv)
{
	uint64_t base = 0;
	int err;

	for (argc--, argv++; argc && str_starts(argv[0], "--"); argc--, argv++) {
		if (str_eq(argv[0], "--json"))
			json = 1;
		else if (str_eq(argv[0], "--raw"))
			raw = 1;
		else if (str_eq(argv[0], "--base") && argc > 1 && !parse_u64(argv[1], &base))
			argc--, argv++;
		else
			return usage();
	}
	if (!argc)
		return usage();
	err = ctl_open(base);
	return err ? err : run(argc, argv);
}
