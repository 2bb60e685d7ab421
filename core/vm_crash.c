// SPDX-License-Identifier: GPL-2.0-only
/*
 * The on-crash policy and its restart limit (include/shyper/vm_crash.h).
 */
#include <shyper/vm_crash.h>

static const enum vm_crash_verdict verdicts[VM_ACTION_COUNT] = {
    [VM_ACTION_DEFAULT] = VM_CRASH_STOP,
    [VM_ACTION_RESTART] = VM_CRASH_RESTART,
    [VM_ACTION_STOP] = VM_CRASH_STOP,
    [VM_ACTION_DESTROY] = VM_CRASH_DESTROY,
};

/* Already count restarts, the oldest of them less than seconds ago. */
static bool over_limit(const struct vm_crash_log *log, u32 count, u64 window, u64 now)
{
	return log->used >= count && now - log->at[log->next] < window;
}

enum vm_crash_verdict vm_crash_decide(struct vm_crash_log *log, const struct vm_config *cfg,
				      u64 now, u64 freq)
{
	u32 count = MIN(cfg->restart_limit.count, (u32)VM_RESTART_LIMIT_MAX);
	enum vm_crash_verdict v =
	    cfg->on_crash < VM_ACTION_COUNT ? verdicts[cfg->on_crash] : VM_CRASH_STOP;

	if (v != VM_CRASH_RESTART || !count)
		return v;
	if (over_limit(log, count, (u64)cfg->restart_limit.seconds * freq, now))
		return VM_CRASH_LOOP;
	/* @next is the oldest entry once the ring is full: it makes room. */
	log->at[log->next] = now;
	log->next = (log->next + 1) % count;
	log->used = MIN(log->used + 1, count);
	return VM_CRASH_RESTART;
}

const char *vm_crash_kind_name(enum vm_crash_kind kind)
{
	static const char *const names[] = {
	    [VM_CRASH_WATCHDOG] = "watchdog",
	    [VM_CRASH_FAULTED] = "all vCPUs faulted",
	    [VM_CRASH_SYSFAIL] = "system failure",
	};

	return kind < ARRAY_SIZE(names) ? names[kind] : "?";
}
