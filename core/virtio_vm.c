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
#include <shyper/virtio_blk.h>
#include <shyper/virtio_console.h>
#include <shyper/virtio_net.h>
#include <shyper/vm.h>

/* One device of any type: each type's struct starts with its struct virtio_mmio. */
union virtio_slot {
	struct virtio_mmio dev;
	struct virtio_net_port net;
	struct virtio_console_port console;
	struct virtio_blk_disk blk;
};

/* Indexed like the VMs themselves: by VMID - 1 (core/vm.c). */
static union virtio_slot slots[VM_MAX][VM_MAX_VIRTIO];
static struct spinlock lock;

/* The type's own set-up, from the VM's configuration (a type not built is refused by the parser).
 */
static void init_type(union virtio_slot *s, const struct vm_virtio *cfg)
{
	switch (cfg->kind) {
	case VIRTIO_KIND_NET:
#ifdef CONFIG_VIRTIO_NET
		virtio_net_port_init(&s->net, cfg->mac);
#endif
		break;
	case VIRTIO_KIND_CONSOLE:
#ifdef CONFIG_VIRTIO_CONSOLE
		virtio_console_port_init(&s->console, cfg->peer);
#endif
		break;
	case VIRTIO_KIND_BLK:
#ifdef CONFIG_VIRTIO_BLK
		/* RAM is mapped one to one in the hypervisor (vm_image_data()). */
		virtio_blk_disk_init(&s->blk, (void *)(uintptr_t)cfg->hpa, cfg->size,
				     cfg->read_only);
#endif
		break;
	}
}

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
	union virtio_slot *s = &slots[vm->vmid - 1][i];
	struct virtio_mmio *dev = &s->dev;
	int err;

	memset(s, 0, sizeof(*s));
	*dev = (struct virtio_mmio){.owner = vm->cfg,
				    .sub = cfg->sub,
				    .set_irq = set_line,
				    .vm = vm,
				    .irq = vm->cfg->layout.virtio_irq[i]};
	init_type(s, cfg);
	err = shmem_arch_claim_irq(vm, dev->irq);
	if (err) {
		vm_err(vm, "%s: interrupt %u is not a free line of the interrupt controller\n",
		       cfg->sub, dev->irq);
		return err;
	}
	err = vm_register_mmio(vm, page->base, page->size, page_access, dev);
	if (err) {
		vm_err(vm, "%s: no room for another emulated device (%d)\n", cfg->sub, err);
		return err;
	}
	spin_lock(&lock);
	err = virtio_mmio_attach(dev);
	spin_unlock(&lock);
	if (err)
		vm_err(vm, "%s: the table of virtio devices is full\n", cfg->sub);
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
		virtio_mmio_access(&slots[vm->vmid - 1][i].dev, &reset, VIRTIO_MMIO_STATUS);
	spin_unlock(&lock);
}

void virtio_vm_exit(struct vm *vm)
{
	unsigned int i;

	spin_lock(&lock);
	for (i = 0; i < VM_MAX_VIRTIO; i++)
		virtio_mmio_detach(&slots[vm->vmid - 1][i].dev);
	spin_unlock(&lock);
}
