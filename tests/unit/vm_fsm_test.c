// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vm_fsm.c, the VM and vCPU life cycle that core/vm.c runs, checked
 * exhaustively: from a freshly started VM of 1, 2 and 3 vCPUs, every event
 * (CPU_ON of every target, CPU_OFF, reset, power-off, destroy, and the
 * hypervisor's own park / enter / restart steps) from every actor is
 * applied in every reachable state, which covers every interleaving, since
 * each event is one atomic step under the VM's lock. Checked on the
 * resulting graph:
 * - safety: a VM that is not running has no start pending, and every vCPU
 *   left in the guest when its VM stops is kicked;
 * - liveness: from every state, the steps the hypervisor owes (park a
 *   kicked vCPU, enter a started one, restart a reset VM) always end in a
 *   settled state, and a reset always ends with the VM running again;
 * - reachability: every vCPU state and the initial state are reachable
 *   from every state of a VM that is not off or destroyed for good;
 * - coverage: every event is applied at least once, and every refusal
 *   the function has is met.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <shyper/errno.h>
#include <shyper/vm_fsm.h>

#define MAX_N 3
#define NR_VM_STATES 4
#define NR_VCPU_STATES 3
#define MAX_STATES (NR_VM_STATES * 27)
#define NR_ACTORS (MAX_N + 1) /* the vCPUs, then VM_FSM_NO_ACTOR */
#define MAX_EDGES (VM_NR_EVENTS * NR_ACTORS * MAX_N)

struct edge {
	enum vm_event ev;
	unsigned int to;
};

struct graph {
	unsigned int n; /* vCPUs */
	bool seen[MAX_STATES];
	unsigned int nr_edges[MAX_STATES];
	struct edge edge[MAX_STATES][MAX_EDGES];
	bool applied[VM_NR_EVENTS];
	bool refused[VM_NR_EVENTS][4]; /* -EBUSY, -EAGAIN, -EINVAL, other */
};

static struct graph g;

static unsigned int encode(const struct vm_fsm *f)
{
	unsigned int code = 0, i;

	for (i = f->nr_vcpus; i-- > 0;)
		code = code * NR_VCPU_STATES + (unsigned int)f->vcpu[i];
	return code * NR_VM_STATES + (unsigned int)f->vm;
}

static void decode(unsigned int code, unsigned int n, struct vm_fsm *f)
{
	unsigned int i;

	memset(f, 0, sizeof(*f));
	f->nr_vcpus = n;
	f->vm = (int)(code % NR_VM_STATES);
	code /= NR_VM_STATES;
	for (i = 0; i < n; i++, code /= NR_VCPU_STATES)
		f->vcpu[i] = (int)(code % NR_VCPU_STATES);
}

static unsigned int actor_id(unsigned int a)
{
	return a == MAX_N ? VM_FSM_NO_ACTOR : a;
}

static int refusal_index(int err)
{
	return err == -EBUSY ? 0 : err == -EAGAIN ? 1 : err == -EINVAL ? 2 : 3;
}

/* Every vCPU that was in the guest when its VM stopped is kicked (or acted). */
static void check_kicks(const struct vm_fsm *before, const struct vm_fsm *after, unsigned int actor,
			u32 kick)
{
	unsigned int i;

	for (i = 0; i < after->nr_vcpus; i++) {
		bool must = after->vm != VM_RUNNING && after->vcpu[i] == VCPU_RUNNING && i != actor;

		if (must != !!(kick & (1U << i)))
			fail_msg("state %u: vCPU %u kick %s", encode(before), i,
				 must ? "missing" : "spurious");
	}
}

/* Safety of one state: a start is never pending in a VM that is not running. */
static void check_state(const struct vm_fsm *f)
{
	unsigned int i;

	for (i = 0; i < f->nr_vcpus; i++)
		if (f->vm != VM_RUNNING && f->vcpu[i] == VCPU_ON)
			fail_msg("state %u: vCPU %u waits to start in a stopped VM", encode(f), i);
}

static void apply(unsigned int from, enum vm_event ev, unsigned int a, unsigned int target,
		  unsigned int *queue, unsigned int *tail)
{
	struct vm_fsm before, f;
	u32 kick = ~0U;
	int err;

	decode(from, g.n, &before);
	f = before;
	err = vm_fsm_step(&f, ev, actor_id(a), target, &kick);
	if (err) {
		assert_memory_equal(&f, &before, sizeof(f)); /* a refusal changes nothing */
		assert_int_equal(kick, 0);
		g.refused[ev][refusal_index(err)] = true;
		return;
	}
	g.applied[ev] = true;
	check_state(&f);
	if (ev == VM_EV_RESET || ev == VM_EV_POWEROFF || ev == VM_EV_DESTROY)
		check_kicks(&before, &f, actor_id(a), kick);
	else
		assert_int_equal(kick, 0);
	g.edge[from][g.nr_edges[from]++] = (struct edge){ev, encode(&f)};
	if (!g.seen[encode(&f)]) {
		g.seen[encode(&f)] = true;
		queue[(*tail)++] = encode(&f);
	}
}

/* Breadth-first over every state reachable from a VM just started. */
static unsigned int explore(unsigned int n)
{
	unsigned int queue[MAX_STATES], head = 0, tail = 0, a, t;
	struct vm_fsm f;
	int ev;

	memset(&g, 0, sizeof(g));
	g.n = n;
	vm_fsm_init(&f, n);
	g.seen[encode(&f)] = true;
	queue[tail++] = encode(&f);
	while (head < tail) {
		unsigned int s = queue[head++];

		for (ev = 0; ev < VM_NR_EVENTS; ev++)
			for (a = 0; a < NR_ACTORS; a++)
				for (t = 0; t < (ev == VM_EV_CPU_ON ? n + 1 : 1); t++)
					apply(s, (enum vm_event)ev, a, t, queue, &tail);
	}
	return encode(&f);
}

static bool owed(enum vm_event ev)
{
	return ev == VM_EV_PARK || ev == VM_EV_ENTER || ev == VM_EV_RESTART;
}

/*
 * Follow only the steps the hypervisor owes; each path must end within a
 * bounded depth, in a settled state: nothing owed, no reset in progress,
 * and after a reset, the VM running again from vCPU 0.
 */
static void settle(unsigned int s, unsigned int depth, bool was_resetting)
{
	struct vm_fsm f;
	unsigned int i, owed_steps = 0;

	assert_true(depth <= 4 * MAX_N + 2); /* no cycle of owed steps */
	for (i = 0; i < g.nr_edges[s]; i++) {
		if (!owed(g.edge[s][i].ev))
			continue;
		owed_steps++;
		settle(g.edge[s][i].to, depth + 1, was_resetting);
	}
	if (owed_steps)
		return;
	decode(s, g.n, &f);
	if (f.vm == VM_RESETTING)
		fail_msg("state %u: a reset that never finishes", s);
	for (i = 0; i < f.nr_vcpus; i++)
		if (f.vcpu[i] == VCPU_ON || (f.vm != VM_RUNNING && f.vcpu[i] != VCPU_OFF))
			fail_msg("state %u settles with vCPU %u in state %d", s, i, f.vcpu[i]);
	if (was_resetting && f.vm != VM_RUNNING)
		fail_msg("state %u: a reset ended with the VM %s", s, vm_fsm_state_name(f.vm));
	if (was_resetting)
		assert_int_equal(f.vcpu[0], VCPU_RUNNING);
}

static void reachable_from(unsigned int s, bool *out)
{
	unsigned int stack[MAX_STATES], top = 0, i;

	memset(out, 0, sizeof(bool) * MAX_STATES);
	out[s] = true;
	stack[top++] = s;
	while (top) {
		unsigned int u = stack[--top];

		for (i = 0; i < g.nr_edges[u]; i++)
			if (!out[g.edge[u][i].to]) {
				out[g.edge[u][i].to] = true;
				stack[top++] = g.edge[u][i].to;
			}
	}
}

/* From a state that is not final, every vCPU state and a fresh start are reachable. */
static void check_reachability(unsigned int s, unsigned int initial)
{
	bool r[MAX_STATES], hit[MAX_N][NR_VCPU_STATES] = {{false}};
	struct vm_fsm f;
	unsigned int u, i, v;

	decode(s, g.n, &f);
	if (f.vm == VM_STOPPED || f.vm == VM_DESTROYED)
		return;
	reachable_from(s, r);
	if (!r[initial])
		fail_msg("state %u cannot get back to a fresh start", s);
	for (u = 0; u < MAX_STATES; u++) {
		if (!r[u])
			continue;
		decode(u, g.n, &f);
		for (i = 0; i < g.n; i++)
			hit[i][f.vcpu[i]] = true;
	}
	for (i = 0; i < g.n; i++)
		for (v = 0; v < NR_VCPU_STATES; v++)
			if (!hit[i][v])
				fail_msg("state %u: vCPU %u never reaches state %u", s, i, v);
}

/* Every event applies somewhere; every refusal the function has is met. */
static void check_coverage(unsigned int n)
{
	int ev;

	for (ev = 0; ev < VM_NR_EVENTS; ev++)
		if (!g.applied[ev] && (ev != VM_EV_CPU_ON || n > 1)) /* one vCPU: none to start */
			fail_msg("%u vCPU(s): event %d never applied", n, ev);
	for (ev = 0; ev < VM_NR_EVENTS; ev++) {
		assert_true(g.refused[ev][2]); /* each has a state it does not apply to */
		assert_false(g.refused[ev][3]);
	}
	assert_true(g.refused[VM_EV_RESET][1]); /* a reset after a power-off */
	assert_true(g.refused[VM_EV_POWEROFF][1]); /* anything after a destroy */
	assert_true(g.refused[VM_EV_CPU_ON][1]); /* CPU_ON in a stopping VM */
	if (n > 1)
		assert_true(g.refused[VM_EV_CPU_ON][0]); /* CPU_ON of a vCPU not off */
}

static void check_all(unsigned int n)
{
	unsigned int initial = explore(n), s, reached = 0;
	struct vm_fsm f;

	for (s = 0; s < MAX_STATES; s++) {
		if (!g.seen[s])
			continue;
		reached++;
		decode(s, n, &f);
		settle(s, 0, f.vm == VM_RESETTING);
		check_reachability(s, initial);
	}
	check_coverage(n);
	print_message("%u vCPU(s): %u states reachable\n", n, reached);
}

static void test_one_vcpu(void **state)
{
	(void)state;
	check_all(1);
}

static void test_two_vcpus(void **state)
{
	(void)state;
	check_all(2);
}

static void test_three_vcpus(void **state)
{
	(void)state;
	check_all(3);
}

static void step_ok(struct vm_fsm *f, enum vm_event ev, unsigned int actor, unsigned int target)
{
	u32 kick;

	assert_int_equal(vm_fsm_step(f, ev, actor, target, &kick), 0);
}

/* Issue 15: vCPU 0 starts vCPU 1, then resets at once; the VM must come back. */
static void test_cpu_on_then_reset(void **state)
{
	struct vm_fsm f;
	u32 kick;

	(void)state;
	vm_fsm_init(&f, 2);
	step_ok(&f, VM_EV_ENTER, 0, 0);
	step_ok(&f, VM_EV_CPU_ON, 0, 1);
	assert_int_equal(vm_fsm_vcpu(&f, 1), VCPU_ON);
	assert_int_equal(vm_fsm_step(&f, VM_EV_RESET, 0, 0, &kick), 0);
	assert_int_equal(kick, 0); /* vCPU 1 never ran: its start is cancelled */
	assert_int_equal(vm_fsm_vcpu(&f, 1), VCPU_OFF);
	assert_int_equal(vm_fsm_step(&f, VM_EV_ENTER, 1, 0, &kick), -EINVAL);
	step_ok(&f, VM_EV_PARK, 0, 0);
	assert_true(vm_fsm_restart_due(&f));
	step_ok(&f, VM_EV_RESTART, 0, 0);
	assert_int_equal(vm_fsm_vm(&f), VM_RUNNING);
	assert_int_equal(vm_fsm_vcpu(&f, 0), VCPU_ON);
	assert_int_equal(vm_fsm_vcpu(&f, 1), VCPU_OFF);
}

/* A vCPU already in the guest is kicked; a second reset meanwhile is harmless. */
static void test_reset_kicks_running(void **state)
{
	struct vm_fsm f;
	u32 kick;

	(void)state;
	vm_fsm_init(&f, 3);
	step_ok(&f, VM_EV_ENTER, 0, 0);
	step_ok(&f, VM_EV_CPU_ON, 0, 2);
	step_ok(&f, VM_EV_ENTER, 2, 0);
	assert_int_equal(vm_fsm_step(&f, VM_EV_RESET, 0, 0, &kick), 0);
	assert_int_equal(kick, 1U << 2);
	assert_int_equal(vm_fsm_step(&f, VM_EV_CPU_ON, 2, 1, &kick), -EAGAIN);
	assert_int_equal(vm_fsm_step(&f, VM_EV_RESET, 2, 0, &kick), 0);
	assert_int_equal(kick, 1U << 0);
	step_ok(&f, VM_EV_PARK, 2, 0);
	assert_false(vm_fsm_restart_due(&f));
	step_ok(&f, VM_EV_PARK, 0, 0);
	assert_true(vm_fsm_restart_due(&f));
	step_ok(&f, VM_EV_RELOAD_FAILED, 0, 0);
	assert_int_equal(vm_fsm_vm(&f), VM_STOPPED);
	assert_string_equal(vm_fsm_state_name(vm_fsm_vm(&f)), "off");
}

/* The management VM starts a powered-off VM: it resets once its vCPUs parked. */
static void test_start_after_poweroff(void **state)
{
	struct vm_fsm f;
	u32 kick;

	(void)state;
	vm_fsm_init(&f, 2);
	step_ok(&f, VM_EV_ENTER, 0, 0);
	assert_int_equal(vm_fsm_step(&f, VM_EV_START, VM_FSM_NO_ACTOR, 0, &kick), -EAGAIN);
	step_ok(&f, VM_EV_CPU_ON, 0, 1);
	step_ok(&f, VM_EV_ENTER, 1, 0);
	assert_int_equal(vm_fsm_step(&f, VM_EV_POWEROFF, VM_FSM_NO_ACTOR, 0, &kick), 0);
	assert_int_equal(kick, 3U);
	assert_int_equal(vm_fsm_step(&f, VM_EV_START, 0, 0, &kick), -EINVAL); /* guests cannot */
	step_ok(&f, VM_EV_START, VM_FSM_NO_ACTOR, 0);
	assert_int_equal(vm_fsm_vm(&f), VM_RESETTING);
	assert_false(vm_fsm_restart_due(&f)); /* both still in the guest */
	step_ok(&f, VM_EV_PARK, 0, 0);
	step_ok(&f, VM_EV_PARK, 1, 0);
	assert_true(vm_fsm_restart_due(&f));
	step_ok(&f, VM_EV_RESTART, 0, 0);
	assert_int_equal(vm_fsm_vm(&f), VM_RUNNING);
	assert_int_equal(vm_fsm_vcpu(&f, 0), VCPU_ON);
	step_ok(&f, VM_EV_DESTROY, VM_FSM_NO_ACTOR, 0);
	assert_int_equal(vm_fsm_step(&f, VM_EV_START, VM_FSM_NO_ACTOR, 0, &kick), -EAGAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_vcpu),
	    cmocka_unit_test(test_two_vcpus),
	    cmocka_unit_test(test_three_vcpus),
	    cmocka_unit_test(test_cpu_on_then_reset),
	    cmocka_unit_test(test_reset_kicks_running),
	    cmocka_unit_test(test_start_after_poweroff),
	};

	return cmocka_run_group_tests_name("vm_fsm", tests, NULL, NULL);
}
