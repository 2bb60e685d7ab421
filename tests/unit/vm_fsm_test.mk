vm_fsm_test-srcs := core/vm_fsm.c
