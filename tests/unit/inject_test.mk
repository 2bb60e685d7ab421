inject_test-srcs := arch/arm64/inject.c arch/arm64/sysreg_trap.c
