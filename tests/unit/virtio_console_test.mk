virtio_console_test-srcs := core/virtio_console.c core/virtio_mmio.c core/virtq.c core/console.c \
	core/timer.c lib/ratelimit.c lib/vsnprintf.c
