virtio_blk_fuzz-srcs := tests/fuzz/virtio_pair.c core/virtio_blk.c core/virtq.c core/virtio_mmio.c \
	core/console.c core/timer.c lib/ratelimit.c lib/vsnprintf.c
