inject_test-srcs := arch/arm64/inject.c
