pgtable_test-srcs := core/pgtable.c arch/arm64/pgtable.c
