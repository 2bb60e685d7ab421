// SPDX-License-Identifier: GPL-2.0-only
/*
 * SBI v2.0 for guests (RISC-V SBI specification): BASE, TIME, IPI,
 * RFENCE, HSM, SRST, DBCN and the legacy console and timer calls. Hart
 * ids are vCPU ids: a guest reaches only its own vCPUs, and SRST acts on
 * the calling VM only.
 */
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <shyper/vuart.h>
#include <asm/sbi.h>
#include <asm/vm.h>

#define SBI_SPEC_VERSION_2_0 (2UL << 24)
#define SBI_IMPL_ID_SHYPER 0x53485950UL /* "SHYP": not an assigned id */
#define SBI_IMPL_VERSION 1
#define DBCN_CHUNK 64

struct sbi_ext {
	unsigned long eid;
	struct sbi_ret (*call)(struct vcpu *vcpu, unsigned long fid, const u64 *a);
};

static const struct sbi_ext *find_ext(unsigned long eid);

static bool is_legacy(unsigned long eid)
{
	return eid == SBI_EXT_LEGACY_SET_TIMER || eid == SBI_EXT_LEGACY_PUTCHAR ||
	       eid == SBI_EXT_LEGACY_GETCHAR || eid == SBI_EXT_LEGACY_SHUTDOWN;
}

static struct sbi_ret ok(long value)
{
	return (struct sbi_ret){SBI_SUCCESS, value};
}

static struct sbi_ret err(long error)
{
	return (struct sbi_ret){error, 0};
}

static struct sbi_ret sbi_base(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	switch (fid) {
	case SBI_BASE_GET_SPEC_VERSION:
		return ok(SBI_SPEC_VERSION_2_0);
	case SBI_BASE_GET_IMPL_ID:
		return ok(SBI_IMPL_ID_SHYPER);
	case SBI_BASE_GET_IMPL_VERSION:
		return ok(SBI_IMPL_VERSION);
	case SBI_BASE_PROBE_EXT:
		return ok(find_ext(a[0]) || is_legacy(a[0]) ? 1 : 0);
	case SBI_BASE_GET_MVENDORID:
	case SBI_BASE_GET_MARCHID:
	case SBI_BASE_GET_MIMPID:
		return ok(0); /* a virtual hart: no vendor errata apply */
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

static struct sbi_ret sbi_time(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	if (fid != SBI_TIME_SET_TIMER)
		return err(SBI_ERR_NOT_SUPPORTED);
	vcpu_set_timer(vcpu, a[0]);
	return ok(0);
}

static struct sbi_ret sbi_ipi(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	u64 targets;
	unsigned int i;

	if (fid != SBI_IPI_SEND_IPI)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (!sbi_hart_mask(vcpu->vm, a[0], a[1], &targets))
		return err(SBI_ERR_INVALID_PARAM);
	for (i = 0; i < vcpu->vm->nr_vcpus; i++)
		if (targets >> i & 1)
			vcpu_request(&vcpu->vm->vcpu[i], VCPU_REQ_VSSIP);
	return ok(0);
}

static bool fence_pending(const struct vcpu *target)
{
	return (__atomic_load_n(&target->arch.requests, __ATOMIC_ACQUIRE) & VCPU_REQ_FENCES) &&
	       vcpu_state(target) == VCPU_RUNNING;
}

/*
 * Remote fences (SBI 8): the whole guest address space is flushed, which
 * covers any range or ASID. The call returns once every running target
 * has done it; meanwhile this vCPU serves requests aimed at itself, so
 * two vCPUs fencing each other do not wait forever.
 */
static struct sbi_ret sbi_rfence(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	u32 req = fid == SBI_RFENCE_FENCE_I ? VCPU_REQ_FENCE_I : VCPU_REQ_HFENCE_VVMA;
	struct vm *vm = vcpu->vm;
	u64 targets;
	unsigned int i;

	if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (!sbi_hart_mask(vcpu->vm, a[0], a[1], &targets))
		return err(SBI_ERR_INVALID_PARAM);
	for (i = 0; i < vm->nr_vcpus; i++)
		if (targets >> i & 1)
			vcpu_request(&vm->vcpu[i], req);
	for (i = 0; i < vm->nr_vcpus; i++)
		while ((targets >> i & 1) && fence_pending(&vm->vcpu[i]))
			vcpu_do_requests(vcpu);
	return ok(0);
}

static struct sbi_ret hsm_status(struct vcpu *target)
{
	switch (vcpu_state(target)) {
	case VCPU_OFF:
		return ok(SBI_HSM_STOPPED);
	case VCPU_ON:
		return ok(SBI_HSM_START_PENDING);
	default:
		return ok(SBI_HSM_STARTED);
	}
}

static struct sbi_ret hart_start(struct vcpu *vcpu, struct vcpu *target, u64 entry, u64 opaque)
{
	int e = vcpu_power_on(vcpu, target, entry, opaque);

	/* -EAGAIN: the VM is stopping and the caller parks before it sees this. */
	return !e ? ok(0) : err(e == -EBUSY ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_FAILED);
}

static struct sbi_ret sbi_hsm(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	struct vcpu *target = vcpu_by_hwid(vcpu->vm, a[0]);

	switch (fid) {
	case SBI_HSM_HART_START:
		if (!target)
			return err(SBI_ERR_INVALID_PARAM);
		return hart_start(vcpu, target, a[1], a[2]);
	case SBI_HSM_HART_STOP:
		vcpu_power_off(vcpu);
		return ok(0);
	case SBI_HSM_HART_GET_STATUS:
		return target ? hsm_status(target) : err(SBI_ERR_INVALID_PARAM);
	case SBI_HSM_HART_SUSPEND:
		/* Default retentive suspend: returning is an early wake-up. */
		return a[0] == 0 ? ok(0) : err(SBI_ERR_NOT_SUPPORTED);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

static struct sbi_ret sbi_srst(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	if (fid != SBI_SRST_RESET)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (a[0] <= 2 && a[1] == SBI_SRST_REASON_SYSFAIL) /* the guest says it crashed */
		vm_crash(vcpu->vm, VM_CRASH_SYSFAIL);
	else if (a[0] == SBI_SRST_SHUTDOWN)
		vm_poweroff(vcpu->vm);
	else if (a[0] <= 2) /* cold or warm reboot */
		vm_reset(vcpu->vm);
	else
		return err(SBI_ERR_INVALID_PARAM);
	return ok(0); /* vcpu_check_state() parks the caller */
}

static void vuart_write(struct vuart *vu, const char *s, u64 len)
{
	u64 i;

	spin_lock(&vu->lock);
	for (i = 0; i < len; i++)
		vuart_putc(vu, s[i]);
	spin_unlock(&vu->lock);
}

/*
 * The buffer of a DBCN call (SBI 12.1): base_addr_hi holds the upper XLEN
 * bits of the physical address, so on RV64 anything but 0 names memory
 * beyond 2^64; the whole of [base, base + len) must be guest RAM even when
 * nothing is copied (a read with no input waiting).
 */
static bool dbcn_buffer(struct vcpu *vcpu, u64 len, u64 lo, u64 hi, u64 *gpa)
{
	char probe[DBCN_CHUNK];

	*gpa = lo;
	if (hi || lo + len < lo)
		return false;
	return !len || (!guest_copy(vcpu->vm, lo, probe, MIN(len, (u64)DBCN_CHUNK), false) &&
			!guest_copy(vcpu->vm, lo + len - 1, probe, 1, false));
}

static struct sbi_ret dbcn_write(struct vcpu *vcpu, u64 len, u64 gpa)
{
	char buf[DBCN_CHUNK];
	u64 done, n;

	for (done = 0; done < len; done += n) {
		n = MIN(len - done, (u64)DBCN_CHUNK);
		if (guest_copy(vcpu->vm, gpa + done, buf, n, false))
			return err(SBI_ERR_INVALID_PARAM);
		vuart_write(vcpu->vm->vuart, buf, n);
	}
	return ok((long)len);
}

static struct sbi_ret dbcn_read(struct vcpu *vcpu, u64 len, u64 gpa)
{
	struct vuart *vu = vcpu->vm->vuart;
	char buf[DBCN_CHUNK];
	u64 n = 0;
	int c;

	spin_lock(&vu->lock);
	while (n < MIN(len, (u64)DBCN_CHUNK) && (c = vuart_rx_pop(vu)) >= 0)
		buf[n++] = (char)c;
	vuart_update(vu);
	spin_unlock(&vu->lock);
	if (n && guest_copy(vcpu->vm, gpa, buf, n, true))
		return err(SBI_ERR_INVALID_PARAM);
	return ok((long)n);
}

/* Debug console (SBI 12): through the VM's virtual UART buffers. */
static struct sbi_ret sbi_dbcn(struct vcpu *vcpu, unsigned long fid, const u64 *a)
{
	char c = (char)a[0];
	u64 gpa;

	if (!vcpu->vm->vuart)
		return err(SBI_ERR_DENIED);
	switch (fid) {
	case SBI_DBCN_WRITE:
	case SBI_DBCN_READ:
		if (!dbcn_buffer(vcpu, a[0], a[1], a[2], &gpa))
			return err(SBI_ERR_INVALID_PARAM);
		return fid == SBI_DBCN_WRITE ? dbcn_write(vcpu, a[0], gpa)
					     : dbcn_read(vcpu, a[0], gpa);
	case SBI_DBCN_WRITE_BYTE:
		vuart_write(vcpu->vm->vuart, &c, 1);
		return ok(0);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

static const struct sbi_ext extensions[] = {
    {SBI_EXT_BASE, sbi_base},	  {SBI_EXT_TIME, sbi_time}, {SBI_EXT_IPI, sbi_ipi},
    {SBI_EXT_RFENCE, sbi_rfence}, {SBI_EXT_HSM, sbi_hsm},   {SBI_EXT_SRST, sbi_srst},
    {SBI_EXT_DBCN, sbi_dbcn},
};

static const struct sbi_ext *find_ext(unsigned long eid)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(extensions); i++)
		if (extensions[i].eid == eid)
			return &extensions[i];
	return NULL;
}

/*
 * Legacy calls (SBI 5, EIDs 0x00-0x0f) return their result in a0 only and
 * preserve every other register: the ones not offered (IPI and remote
 * fence calls 3-7, superseded by the IPI and RFENCE extensions) answer
 * SBI_ERR_NOT_SUPPORTED in a0 and leave a1 alone.
 */
static bool legacy_call(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	struct vuart *vu = vcpu->vm->vuart;
	char c = (char)regs->x[10];
	int in = -1;

	switch (regs->x[17]) {
	case SBI_EXT_LEGACY_SET_TIMER:
		vcpu_set_timer(vcpu, regs->x[10]);
		break;
	case SBI_EXT_LEGACY_PUTCHAR:
		if (vu)
			vuart_write(vu, &c, 1);
		break;
	case SBI_EXT_LEGACY_GETCHAR:
		if (vu) {
			spin_lock(&vu->lock);
			in = vuart_rx_pop(vu);
			vuart_update(vu);
			spin_unlock(&vu->lock);
		}
		regs->x[10] = (u64)(long)in;
		return true;
	case SBI_EXT_LEGACY_SHUTDOWN:
		vm_poweroff(vcpu->vm);
		break;
	default:
		if (regs->x[17] > SBI_EXT_LEGACY_LAST)
			return false;
		regs->x[10] = (u64)(long)SBI_ERR_NOT_SUPPORTED;
		return true;
	}
	regs->x[10] = 0;
	return true;
}

void sbi_guest_call(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	const struct sbi_ext *ext = find_ext(regs->x[17]);
	struct sbi_ret ret;

	if (!ext && legacy_call(vcpu, regs))
		return;
	ret = ext ? ext->call(vcpu, regs->x[16], &regs->x[10]) : err(SBI_ERR_NOT_SUPPORTED);
	regs->x[10] = (u64)ret.error;
	regs->x[11] = (u64)ret.value;
}
