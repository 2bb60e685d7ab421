# The shyper,vm sources with what they need; shared by the vm_* and
# guest_dt* unit tests and by tests/fuzz/vm_create_fuzz.mk (recursive '='
# so any of their .mk files may use it). Included by vm_parse_test.mk.
vm-core-srcs = core/cpu.c core/platform.c core/dt.c core/memmap.c core/console.c \
	core/device.c lib/vsnprintf.c core/vm_config.c core/vm_device.c core/vm_image.c \
	core/shmem_parse.c core/shmem_validate.c core/shmem_dt.c core/control_dt.c core/vwdt_dt.c core/virtio_parse.c \
	core/virtio_dt.c \
	core/vm_parse.c core/vm_print.c core/vm_ref.c core/vm_validate.c core/vuart_model.c core/vm_layout.c core/guest_dt.c \
	core/guest_dt_check.c core/guest_dt_copy.c core/guest_dt_cpu.c core/guest_dt_irq.c \
	core/irq_dt.c drivers/irqchip/gic_dt.c drivers/irqchip/plic_dt.c drivers/irqchip/riscv_intc_dt.c \
	drivers/timer/arch_timer_dt.c drivers/serial/pl011_dt.c drivers/serial/ns16550_dt.c drivers/serial/bcm2835_aux_dt.c \
	tests/unit/vm_testlib.c
# core/vm_create.c's run-time overlay path on top (vm_create_test, vm_create_fuzz).
vm-create-srcs = $(vm-core-srcs) arch/arm64/cpu_dt.c core/vm_create.c core/dt_overlay.c \
	core/dt_order.c
