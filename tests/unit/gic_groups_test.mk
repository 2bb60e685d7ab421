gic_groups_test-srcs := drivers/irqchip/gic-groups.c
