virtq_fuzz-srcs := core/virtq.c core/virtio_mmio.c core/console.c core/timer.c lib/ratelimit.c \
	lib/vsnprintf.c
