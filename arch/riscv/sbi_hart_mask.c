// SPDX-License-Identifier: GPL-2.0-only
/* SBI hart masks for guests (asm/sbi.h); pure logic, unit-tested on the host. */
#include <shyper/vm.h>
#include <asm/sbi.h>

/*
 * The vCPUs of a hart mask (SBI 3.1: mask, base; base -1 = every hart),
 * as a bitmap of vCPU ids; false when it names a hart the VM lacks. Hart
 * ids are the guest's (struct vm_layout), not vCPU indices.
 */
bool sbi_hart_mask(const struct vm *vm, u64 mask, u64 base, u64 *out)
{
	unsigned int n = vm->nr_vcpus, i;
	int v;

	if (base == ~0ULL) {
		*out = n >= 64 ? ~0ULL : (1ULL << n) - 1;
		return true;
	}
	*out = 0;
	for (i = 0; i < 64; i++) {
		if (!(mask >> i & 1))
			continue;
		if (base + i < base) /* wrapped around */
			return false;
		v = vm_layout_vcpu(&vm->cfg->layout, n, base + i);
		if (v < 0)
			return false;
		*out |= 1ULL << v;
	}
	return true;
}
