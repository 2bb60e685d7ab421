// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.1 (Arm DEN 0022D) and SMCCC 1.1 discovery (Arm DEN 0028) for
 * guests, over HVC or trapped SMC. CPU_ON reaches only the caller's own
 * vCPUs; SYSTEM_OFF and SYSTEM_RESET act on the calling VM only.
 */
#include <shyper/errno.h>
#include <shyper/vm.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/vm.h>

#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND_32 0x84000001U
#define PSCI_CPU_SUSPEND_64 0xc4000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON_32 0x84000003U
#define PSCI_CPU_ON_64 0xc4000003U
#define PSCI_AFFINITY_INFO_32 0x84000004U
#define PSCI_AFFINITY_INFO_64 0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU
#define SMCCC_VERSION 0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED -1
#define PSCI_INVALID_PARAMETERS -2
#define PSCI_ALREADY_ON -4
#define PSCI_ON_PENDING -5
#define PSCI_INTERNAL_FAILURE -6
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_TOS_NOT_PRESENT_MP 2
#define PSCI_VERSION_1_1 0x10001
#define SMCCC_VERSION_1_1 0x10001

static s64 psci_cpu_on(struct vcpu *caller, u64 target, u64 entry, u64 context)
{
	struct vcpu *vcpu = vcpu_by_hwid(caller->vm, target & MPIDR_HWID_MASK);
	int err;

	if (!vcpu)
		return PSCI_INVALID_PARAMETERS;
	err = vcpu_power_on(caller, vcpu, entry, context);
	if (err == -EBUSY)
		return vcpu_state(vcpu) == VCPU_ON ? PSCI_ON_PENDING : PSCI_ALREADY_ON;
	/* -EAGAIN: the VM is stopping and the caller parks before it sees this. */
	return err ? PSCI_INTERNAL_FAILURE : PSCI_SUCCESS;
}

static s64 psci_affinity_info(struct vcpu *caller, u64 target, u64 level)
{
	struct vcpu *vcpu = vcpu_by_hwid(caller->vm, target & MPIDR_HWID_MASK);

	if (!vcpu || level)
		return PSCI_INVALID_PARAMETERS;
	return vcpu_state(vcpu) == VCPU_OFF ? PSCI_AFFINITY_OFF : PSCI_AFFINITY_ON;
}

static const u32 psci_implemented[] = {
    PSCI_VERSION,	    PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64,	PSCI_CPU_OFF,
    PSCI_CPU_ON_32,	    PSCI_CPU_ON_64,	 PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64,
    PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF,	 PSCI_SYSTEM_RESET,	PSCI_FEATURES,
    SMCCC_VERSION,
};

static s64 psci_features(u64 fn)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psci_implemented); i++)
		if (psci_implemented[i] == (u32)fn)
			return PSCI_SUCCESS;
	return PSCI_NOT_SUPPORTED;
}

/* Calls that do not return to the caller (OFF, RESET) never come back here. */
static s64 psci_dispatch(struct vcpu *vcpu, const u64 *x)
{
	switch ((u32)x[0]) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		return PSCI_SUCCESS; /* a standby: the guest's wake-up event returns it */
	case PSCI_CPU_OFF:
		vcpu_power_off(vcpu);
		return PSCI_SUCCESS;
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		return psci_cpu_on(vcpu, x[1], x[2], x[3]);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		return psci_affinity_info(vcpu, x[1], x[2]);
	case PSCI_MIGRATE_INFO_TYPE:
		return PSCI_TOS_NOT_PRESENT_MP;
	case PSCI_SYSTEM_OFF:
		vm_poweroff(vcpu->vm);
		return PSCI_SUCCESS;
	case PSCI_SYSTEM_RESET:
		vm_reset(vcpu->vm);
		return PSCI_SUCCESS;
	case PSCI_FEATURES:
		return psci_features(x[1]);
	case SMCCC_VERSION:
		return SMCCC_VERSION_1_1;
	default:
		/* Includes SMCCC_ARCH_FEATURES: no firmware workaround is offered. */
		return PSCI_NOT_SUPPORTED;
	}
}

void psci_handle_call(struct vcpu *vcpu, struct vcpu_regs *regs)
{
	regs->x[0] = (u64)psci_dispatch(vcpu, regs->x);
}
