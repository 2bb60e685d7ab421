cpu_riscv_test-srcs := core/cpu.c core/dt.c core/console.c lib/vsnprintf.c arch/riscv/cpu_dt.c
cpu_riscv_test-arch := riscv
