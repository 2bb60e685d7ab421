/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What Shyper learned about the board from the DTB: memory, reserved
 * ranges, devices the hypervisor owns. Filled once at boot.
 */
#ifndef SHYPER_PLATFORM_H
#define SHYPER_PLATFORM_H

#include <shyper/device.h>
#include <shyper/memmap.h>

#define PLATFORM_MAX_DEVICES 16
#define DEVICE_SUMMARY_LEN 160

/**
 * struct platform_device - a device the hypervisor itself drives
 * @node: its DTB node (never given to a VM)
 * @summary: one line for the platform summary
 */
struct platform_device {
	enum device_class class;
	int node;
	const char *driver;
	char summary[DEVICE_SUMMARY_LEN];
};

struct platform {
	const void *fdt;
	struct memmap ram;
	struct memmap reserved;
	struct memmap nomap; /* reserved-memory with no-map: never mapped by Shyper */
	struct memmap usable;
	unsigned int device_count;
	struct platform_device device[PLATFORM_MAX_DEVICES];
};

extern struct platform platform;

/* Shyper's own image, from the linker script. */
extern char __image_start[], __image_end[];

/**
 * platform_discover() - read CPUs, memory and reserved ranges from @fdt
 * @image_base: where Shyper runs
 * @image_size: bytes it occupies, bss included
 * Return: 0 or -errno when the DTB has no usable CPU or memory.
 */
int platform_discover(const void *fdt, paddr_t image_base, u64 image_size);

/**
 * platform_reserve() - keep [base, base + size) out of the usable memory
 * after discovery (the bootloader's DTB once Shyper works on its own copy:
 * it stays mapped read-only, mm_early_init())
 */
void platform_reserve(paddr_t base, u64 size, const char *name);

/**
 * platform_add_device() - record a device the hypervisor drives, with its
 * summary line (printf format)
 */
void platform_add_device(enum device_class class, int node, const char *driver, const char *fmt,
			 ...) __attribute__((format(printf, 4, 5)));

/** platform_find_device() - the recorded device of @class, or NULL. */
const struct platform_device *platform_find_device(enum device_class class);

/**
 * platform_alloc() - take memory for the hypervisor from the usable ranges
 * Return: 0 and *@out, or -ENOMEM.
 */
int platform_alloc(u64 size, u64 align, paddr_t *out);

/**
 * platform_alloc_low() - platform_alloc() from the lowest free range
 * (memmap_alloc_low()): a created VM's staged images and tree go there, so
 * that its RAM, taken from the top, lands where the previous created VM's
 * was whatever the size of their images
 * Return: 0 and *@out, or -ENOMEM.
 */
int platform_alloc_low(u64 size, u64 align, paddr_t *out);

/**
 * platform_free() - give back what platform_alloc() took, merged with the
 * free ranges it touches (memmap_give_back())
 */
void platform_free(paddr_t base, u64 size);

/** platform_print_summary() - the boot summary on the console. */
void platform_print_summary(void);

/** platform_arch_init() - architecture checks and features (EL2, H extension). */
int platform_arch_init(const void *fdt);

/** platform_arch_summary() - architecture lines of the summary. */
void platform_arch_summary(void);

#endif
