pgtable_riscv_test-srcs := core/pgtable.c arch/riscv/pgtable.c
pgtable_riscv_test-arch := riscv
