guest_dt_riscv_test-srcs = $(vm-core-srcs) arch/riscv/cpu_dt.c drivers/irqchip/aplic_dt.c \
	drivers/irqchip/imsic_dt.c
guest_dt_riscv_test-arch := riscv
