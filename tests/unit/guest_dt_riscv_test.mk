guest_dt_riscv_test-srcs = $(vm-core-srcs) arch/riscv/cpu_dt.c
guest_dt_riscv_test-arch := riscv
