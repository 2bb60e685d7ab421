// SPDX-License-Identifier: GPL-2.0-only
/*
 * Faults Shyper reflects into a guest, reported on the console without
 * letting a hostile guest flood it (tests/qemu/test_hostile.py counts the
 * lines): per VM, each kind (exception class or cause) once with its
 * address, then at most one count per window.
 */
#define pr_fmt(fmt) "vm: " fmt

#include <shyper/guest_fault.h>
#include <shyper/printk.h>
#include <shyper/ratelimit.h>
#include <shyper/spinlock.h>
#include <shyper/timer.h>
#include <shyper/vm.h>

#define KINDS_PER_VM 8 /* the last slot also takes every further kind */

struct fault_kind {
	const char *what;
	u64 code;
	struct ratelimit rl;
};

static struct fault_kind kinds[VM_MAX][KINDS_PER_VM];
static struct spinlock lock;

static struct fault_kind *kind_of(const struct vm *vm, const char *what, u64 code)
{
	struct fault_kind *k = kinds[(vm->vmid - 1) % VM_MAX];
	unsigned int i;

	for (i = 0; i < KINDS_PER_VM - 1; i++) {
		if (!k[i].what)
			k[i] = (struct fault_kind){.what = what, .code = code};
		if (k[i].what == what && k[i].code == code)
			return &k[i];
	}
	return &k[KINDS_PER_VM - 1];
}

static enum ratelimit_verdict tally(const struct vm *vm, const char *what, u64 code, u64 *told)
{
	enum ratelimit_verdict v;

	spin_lock(&lock);
	v = ratelimit_event(&kind_of(vm, what, code)->rl, timer_ticks(),
			    GUEST_FAULT_WINDOW_S * timer_freq(), told);
	spin_unlock(&lock);
	return v;
}

void guest_fault_check_fatal(struct vcpu *vcpu, const char *what, u64 code, u64 pc, u64 handler)
{
	static const char fatal[] =
	    "unrecoverable fault"; /* its own kind: a crash loop is counted */
	const struct vm_config *cfg = vcpu->vm->cfg;
	u64 told = 0;

	if (pc != handler)
		return;
	if (tally(vcpu->vm, fatal, code, &told) == RATELIMIT_FIRST)
		pr_warn("vm%u (%s): vCPU%u: %s 0x%llx at 0x%llx, its own handler's address: "
			"unrecoverable, the vCPU stops\n",
			cfg->id, cfg->label, vcpu->id, what, (unsigned long long)code,
			(unsigned long long)pc);
	vcpu_died(vcpu);
}

void guest_fault_report(struct vcpu *vcpu, const char *what, u64 code, u64 addr)
{
	const struct vm_config *cfg = vcpu->vm->cfg;
	enum ratelimit_verdict v;
	u64 told = 0;

	v = tally(vcpu->vm, what, code, &told);
	if (v == RATELIMIT_FIRST)
		pr_warn("vm%u (%s): vCPU%u: %s 0x%llx at 0x%llx reflected into the guest; "
			"further ones are counted\n",
			cfg->id, cfg->label, vcpu->id, what, (unsigned long long)code,
			(unsigned long long)addr);
	else if (v == RATELIMIT_SUMMARY)
		pr_warn("vm%u (%s): %llu more %s 0x%llx reflected into the guest, last at 0x%llx\n",
			cfg->id, cfg->label, (unsigned long long)told, what,
			(unsigned long long)code, (unsigned long long)addr);
}
