virtio_test-srcs = $(vm-core-srcs) arch/arm64/cpu_dt.c
