riscv_guest_test-srcs = $(vm-core-srcs) arch/riscv/cpu_dt.c arch/riscv/mmio_decode.c \
	arch/riscv/sbi_hart_mask.c
riscv_guest_test-arch := riscv
