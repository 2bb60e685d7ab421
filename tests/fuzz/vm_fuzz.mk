vm_fuzz-srcs := core/dt.c core/cpu.c core/platform.c core/memmap.c core/device.c \
	core/console.c lib/vsnprintf.c arch/arm64/cpu_dt.c tests/unit/common/boot_hwid.c \
	core/irq_dt.c drivers/irqchip/gic_dt.c drivers/irqchip/plic_dt.c drivers/irqchip/riscv_intc_dt.c \
	drivers/timer/arch_timer_dt.c drivers/timer/riscv_timer_dt.c drivers/serial/pl011_dt.c \
	drivers/serial/ns16550_dt.c \
	core/vm_config.c core/vm_device.c core/vm_image.c \
	core/shmem_parse.c core/shmem_validate.c core/shmem_dt.c core/control_dt.c core/vwdt_dt.c core/virtio_parse.c \
	core/virtio_dt.c core/vm_parse.c core/vm_print.c \
	core/vm_ref.c core/vm_validate.c core/vuart_model.c core/vm_layout.c core/guest_dt.c core/guest_dt_check.c \
	core/guest_dt_copy.c core/guest_dt_cpu.c core/guest_dt_irq.c
