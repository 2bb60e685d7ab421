vgic_dist_test-srcs := arch/arm64/vgic-dist.c
