include $(unitdir)/vm_core.mk
vm_parse_test-srcs = $(vm-core-srcs) arch/arm64/cpu_dt.c
