// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated virtio devices of running VMs: one register page each,
 * trapped, at the address of the VM's layout, raising the layout's
 * interrupt line (the same kind of virtual line as a shmem doorbell,
 * arch/<arch>/shmem.c). One lock serialises all virtio emulation: a
 * transmission touches the sender's and the receivers' devices at once,
 * and a single lock cannot be taken in two orders.
 */
#define pr_fmt(fmt) "virtio: " fmt

#include <string.h>
#include <shyper/errno.h>
#include <shyper/printk.h>
#include <shyper/shmem.h>
#include <shyper/spinlock.h>
#include <shyper/virtio_net.h>
#include <shyper/vm.h>

/* Indexed like the VMs themselves: by VMID - 1 (core/vm.c). */
static struct virtio_net_port ports[VM_MAX][VM_MAX_VIRTIO];
static struct spinlock lock;

static void set_line(struct virtio_mmio *dev, bool level)
{
	shmem_arch_set_irq(dev->vm, dev->irq, level);
}

static int page_access(struct vcpu *vcpu, struct mmio_access *acc, u64 offset, void *priv)
{
	int res;

	spin_lock(&lock);
	res = virtio_mmio_access(priv, acc, offset);
	spin_unlock(&lock);
	return res;
}

static int init_device(struct vm *vm, unsigned int i)
{
	const struct vm_virtio *cfg = &vm->cfg->virtio[i];
	const struct mem_region *page = &vm->cfg->layout.virtio[i];
	struct virtio_net_port *p = &ports[vm->vmid - 1][i];
	int err;

	memset(p, 0, sizeof(*p));
	p->dev = (struct virtio_mmio){.owner = vm->cfg,
				      .sub = cfg->sub,
				      .set_irq = set_line,
				      .vm = vm,
				      .irq = vm->cfg->layout.virtio_irq[i]};
	virtio_net_port_init(p, cfg->mac);
	err = shmem_arch_claim_irq(vm, p->dev.irq);
	if (err) {
		vm_err(vm, "%s: interrupt %u is not a free line of the interrupt controller\n",
		       cfg->sub, p->dev.irq);
		return err;
	}
	err = vm_register_mmio(vm, page->base, page->size, page_access, &p->dev);
	if (err) {
		vm_err(vm, "%s: no room for another emulated device (%d)\n", cfg->sub, err);
		return err;
	}
	spin_lock(&lock);
	err = virtio_net_attach(p);
	spin_unlock(&lock);
	if (err)
		vm_err(vm, "%s: the switch has no free port\n", cfg->sub);
	return err;
}

int virtio_vm_init(struct vm *vm)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < vm->cfg->layout.nr_virtio && !err; i++)
		err = init_device(vm, i);
	if (err)
		virtio_vm_exit(vm);
	return err;
}

void virtio_vm_reset(struct vm *vm)
{
	struct mmio_access reset = {.width = 4, .write = true, .value = 0};
	unsigned int i;

	spin_lock(&lock);
	for (i = 0; i < vm->cfg->layout.nr_virtio; i++)
		virtio_mmio_access(&ports[vm->vmid - 1][i].dev, &reset, VIRTIO_MMIO_STATUS);
	spin_unlock(&lock);
}

void virtio_vm_exit(struct vm *vm)
{
	unsigned int i;

	spin_lock(&lock);
	for (i = 0; i < VM_MAX_VIRTIO; i++)
		virtio_net_detach(&ports[vm->vmid - 1][i]);
	spin_unlock(&lock);
}
