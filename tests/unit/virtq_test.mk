virtq_test-srcs := core/virtq.c
