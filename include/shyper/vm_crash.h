/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a crash does to a VM: its "on-crash" policy, bounded by its
 * "restart-limit" (Documentation/bindings.md, "Restart policies"). The
 * decision is a pure function of the VM's description, its log of crash
 * restarts and the time, so the unit suite runs the very same code
 * (tests/unit/vm_crash_test.c); core/vm.c carries it out.
 */
#ifndef SHYPER_VM_CRASH_H
#define SHYPER_VM_CRASH_H

#include <shyper/types.h>
#include <shyper/vm_config.h>

/* How a crash was detected. */
enum vm_crash_kind {
	VM_CRASH_WATCHDOG, /* its virtual watchdog expired (core/vwdt.c) */
	VM_CRASH_FAULTED, /* its last running vCPU died on an unrecoverable fault */
	VM_CRASH_SYSFAIL, /* riscv: SBI SRST with reset_reason "system failure" */
};

enum vm_crash_verdict {
	VM_CRASH_RESTART,
	VM_CRASH_STOP,
	VM_CRASH_DESTROY,
	VM_CRASH_LOOP, /* "restart" over the limit: stopped */
};

/**
 * struct vm_crash_log - when the last crash restarts happened (a ring of
 * up to "restart-limit"'s count entries, counter ticks)
 */
struct vm_crash_log {
	u64 at[VM_RESTART_LIMIT_MAX];
	unsigned int next;
	unsigned int used;
};

/**
 * vm_crash_decide() - what a crash of @cfg's VM at @now (counter ticks of
 * @freq Hz) does; a restart is recorded in @log
 *
 * More than restart-limit's count restarts within its seconds is a crash
 * loop: with count restarts already in the last seconds, the next crash
 * stops the VM instead.
 */
enum vm_crash_verdict vm_crash_decide(struct vm_crash_log *log, const struct vm_config *cfg,
				      u64 now, u64 freq);

/** vm_crash_kind_name() - "watchdog", "all vCPUs faulted" or "system failure". */
const char *vm_crash_kind_name(enum vm_crash_kind kind);

#endif
