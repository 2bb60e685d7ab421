virtio_console_fuzz-srcs := tests/fuzz/virtio_pair.c core/virtio_console.c core/virtq.c \
	core/virtio_mmio.c core/console.c core/timer.c lib/ratelimit.c lib/vsnprintf.c
