virtio_blk_test-srcs := core/virtio_blk.c core/virtio_mmio.c core/virtq.c core/console.c \
	core/timer.c lib/ratelimit.c lib/vsnprintf.c
