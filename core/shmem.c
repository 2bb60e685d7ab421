// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared memory regions and doorbells of a running VM
 * (include/shyper/shmem.h). The region is plain memory in stage 2 /
 * G-stage, read-only where the VM's "access" says so: a store there
 * faults into the guest like any access outside its memory. The doorbell
 * page traps; a ring is handled on the sender's CPU and only raises the
 * peer's virtual interrupt, which the interrupt controller model delivers
 * to the peer's CPU (the receiver does no other hypervisor work).
 */
#define pr_fmt(fmt) "shmem: " fmt

#include <string.h>
#include <shyper/cache.h>
#include <shyper/errno.h>
#include <shyper/pgtable.h>
#include <shyper/printk.h>
#include <shyper/shmem.h>
#include <shyper/vm.h>

/**
 * struct shmem_bell - one VM's doorbell for one region
 * @count: rings received (SHMEM_DB_COUNT)
 * @last: VM id of the last sender (SHMEM_DB_LAST)
 * @warned: a refused ring was reported already
 */
struct shmem_bell {
	struct vm *vm;
	const struct vm_shmem *sh;
	u32 count;
	u32 last;
	bool warned;
};

/* Indexed like the VMs themselves: by VMID - 1 (core/vm.c). */
static struct shmem_bell bells[VM_MAX][VM_MAX_SHMEM];

static bool may_ring(const struct vm_shmem *sh, u32 id)
{
	unsigned int i;

	for (i = 0; i < sh->nr_peers; i++)
		if (sh->peer[i] == id)
			return true;
	return false;
}

/* The doorbell of VM @id for the same region as @from, or NULL. */
static struct shmem_bell *peer_bell(const struct shmem_bell *from, u32 id)
{
	unsigned int i;
	struct vm *vm;
	int at;

	for (i = 0; (vm = vm_get(i)); i++) {
		if (vm->cfg->id != id)
			continue;
		at = shmem_find(vm->cfg, from->sh->name);
		return at < 0 ? NULL : &bells[vm->vmid - 1][at];
	}
	return NULL;
}

static void ring(struct shmem_bell *b, u32 id)
{
	struct shmem_bell *to = may_ring(b->sh, id) ? peer_bell(b, id) : NULL;

	if (!to) {
		if (!b->warned)
			vm_err(b->vm,
			       "%s: ring of VM %u ignored (not a running peer); further ones "
			       "are not reported\n",
			       b->sh->sub, id);
		b->warned = true;
		return;
	}
	__atomic_store_n(&to->last, b->vm->cfg->id, __ATOMIC_RELAXED);
	/* The count is visible before the interrupt that announces it. */
	__atomic_add_fetch(&to->count, 1, __ATOMIC_SEQ_CST);
	/*
	 * A fresh rising edge every time: the line models raise only on an
	 * edge, and a peer reset while its line was high (its interrupt
	 * controller state is reset, the level is not) would otherwise never
	 * hear another ring.
	 */
	shmem_arch_set_irq(to->vm, to->sh->irq, false);
	shmem_arch_set_irq(to->vm, to->sh->irq, true);
}

static u32 read_reg(const struct shmem_bell *b, u64 offset)
{
	switch (offset) {
	case SHMEM_DB_COUNT:
		return __atomic_load_n(&b->count, __ATOMIC_SEQ_CST);
	case SHMEM_DB_SELF:
		return b->vm->cfg->id;
	case SHMEM_DB_LAST:
		return __atomic_load_n(&b->last, __ATOMIC_RELAXED);
	case SHMEM_DB_MAGIC:
		return SHMEM_DB_MAGIC_VALUE;
	default:
		return 0; /* reserved: reads as zero */
	}
}

/* 32-bit accesses only; other offsets are reserved (RAZ/WI). */
static int doorbell_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	struct shmem_bell *b = priv;

	if (acc->width != 4 || offset & 3)
		return -EINVAL;
	if (!acc->write) {
		acc->value = read_reg(b, offset);
		return 0;
	}
	if (offset == SHMEM_DB_RING)
		ring(b, (u32)acc->value);
	else if (offset == SHMEM_DB_ACK)
		shmem_arch_set_irq(b->vm, b->sh->irq, false);
	return 0;
}

/*
 * The first VM built with a region zeroes it, as VM RAM is scrubbed: it
 * comes from free host RAM that may hold anything. Later participants,
 * and the VMs' resets, leave it alone: it is shared.
 */
static void scrub_if_first(const struct vm *vm, const struct vm_shmem *sh)
{
	unsigned int i;
	struct vm *other;

	for (i = 0; (other = vm_get(i)); i++)
		if (other != vm && shmem_find(other->cfg, sh->name) >= 0)
			return;
	memset((void *)(uintptr_t)sh->hpa, 0, sh->size);
	cache_arch_sync_guest(sh->hpa, sh->size);
}

static int init_region(struct vm *vm, unsigned int i)
{
	const struct vm_shmem *sh = &vm->cfg->shmem[i];
	struct shmem_bell *b = &bells[vm->vmid - 1][i];
	int err;

	*b = (struct shmem_bell){.vm = vm, .sh = sh};
	scrub_if_first(vm, sh);
	err = vm_arch_map_attr(vm, sh->gpa, sh->hpa, sh->size,
			       sh->read_only ? PT_READ : PT_READ | PT_WRITE);
	if (err) {
		vm_err(vm, "%s: stage-2 mapping failed (%d)\n", sh->sub, err);
		return err;
	}
	err = vm_register_mmio(vm, sh->doorbell, PAGE_SIZE, doorbell_access, b);
	if (err) {
		vm_err(vm, "%s: doorbell: no room for another emulated device (%d)\n", sh->sub,
		       err);
		return err;
	}
	err = shmem_arch_claim_irq(vm, sh->irq);
	if (err)
		vm_err(vm, "%s: doorbell-irq: %u is not a free line of the interrupt controller\n",
		       sh->sub, sh->irq);
	return err;
}

int shmem_vm_init(struct vm *vm)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->cfg->nr_shmem && !err; i++)
		err = init_region(vm, i);
	return err;
}
