vm_crash_test-srcs := core/vm_crash.c
