/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated PLIC of a VM (riscv-plic-spec 1.0.0): one S-mode context
 * per vCPU, at the host PLIC's address. Sources are the VM's own only:
 * its passthrough devices (backed by the physical PLIC) and the virtual
 * UART (purely emulated). Its output per context drives hvip.VSEIP.
 */
#ifndef ASM_VPLIC_H
#define ASM_VPLIC_H

#include <shyper/spinlock.h>
#include <shyper/types.h>
#include <shyper/vm_config.h>

#define VPLIC_MAX_SOURCES 1024
#define VPLIC_WORDS (VPLIC_MAX_SOURCES / 32)

/**
 * struct vplic - per-VM PLIC state
 * @base: guest-physical base (the host PLIC's)
 * @nr_sources: riscv,ndev + 1 (source 0 does not exist)
 * @priority: per source, as written (0 = never delivered)
 * @pending: interrupt pending bits (gateway forwarded, not yet claimed)
 * @claimed: claimed and not yet completed (the gateway holds the source)
 * @level: line level of emulated sources
 * @owned: sources this VM may see; every other source reads as zero
 * @hw: passthrough sources, completed on the physical PLIC too
 * @hw_cpu: physical CPU whose context claimed a passthrough source
 * @enable: per context (vCPU), enable bits
 * @threshold: per context
 * @lock: protects all of the above
 */
struct vplic {
	u64 base;
	u32 nr_sources;
	u8 priority[VPLIC_MAX_SOURCES];
	u32 pending[VPLIC_WORDS];
	u32 claimed[VPLIC_WORDS];
	u32 level[VPLIC_WORDS];
	u32 owned[VPLIC_WORDS];
	u32 hw[VPLIC_WORDS];
	u8 hw_cpu[VPLIC_MAX_SOURCES];
	u32 enable[VM_MAX_VCPUS][VPLIC_WORDS];
	u32 threshold[VM_MAX_VCPUS];
	struct spinlock lock;
};

struct vm;
struct vcpu;

/**
 * vplic_vm_init() - the VM's PLIC: owned sources (vm->cfg->irq[] and the
 * virtual UART's), MMIO handler at the host PLIC's address.
 * Return: 0 or -errno.
 */
int vplic_vm_init(struct vm *vm);

/** vplic_vcpu_reset() - before @vcpu (re)starts: clears its context. */
void vplic_vcpu_reset(struct vcpu *vcpu);

/**
 * vplic_vm_reset() - the whole virtual PLIC back to reset, held physical
 * sources completed; from vm_arch_reset() (every vCPU is off).
 */
void vplic_vm_reset(struct vm *vm);

/** vplic_set_level() - an emulated source's line (virtual UART). */
void vplic_set_level(struct vm *vm, u32 src, bool high);

#endif
