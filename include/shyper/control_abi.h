/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The management VM's control page (Documentation/control.md): plain
 * #defines, included by the hypervisor (core/control.c) and by the Linux
 * tool (tools/guest/shyperctl.c) alike.
 *
 * One page of registers, 32-bit accesses only (anything else faults in the
 * guest). A command is: write its arguments to CTL_ARG(n) (and CTL_DATA for
 * a payload), write its number to CTL_CMD, read CTL_STATUS (0 or a negative
 * CTL_E* code) and CTL_RES(n) / CTL_DATA. It runs to completion on the
 * vCPU that writes CTL_CMD, before that store returns to the guest. The
 * argument, result and data registers are one bank for the whole VM: one
 * command at a time (the tool takes a lock).
 */
#ifndef SHYPER_CONTROL_ABI_H
#define SHYPER_CONTROL_ABI_H

#define CTL_MAGIC 0x000 /* R: CTL_MAGIC_VALUE */
#define CTL_VERSION 0x004 /* R: CTL_VERSION_VALUE, major << 16 | minor */
#define CTL_CMD 0x008 /* W: run command CTL_CMD_*; R: the last one */
#define CTL_STATUS 0x00c /* R: 0, or the command's CTL_E* (negative) */
#define CTL_ARG(n) (0x040 + 4 * (n)) /* RW: arguments 0..CTL_NR_ARGS-1 */
#define CTL_RES(n) (0x080 + 4 * (n)) /* R: results 0..CTL_NR_RES-1 */
#define CTL_DATA 0x100 /* RW: CTL_DATA_SIZE bytes of payload, little-endian words */

#define CTL_NR_ARGS 8
#define CTL_NR_RES 32 /* 1.2: 16..31 (0x0c0..0x0ff read as zero before) */
#define CTL_DATA_SIZE 256

#define CTL_MAGIC_VALUE 0x53484354 /* "SHCT" */
/* A new minor adds commands or results; a new major changes existing ones. */
#define CTL_VERSION_MAJOR 1
/* 1.1: CTL_CMD_CREATE and the staging window; 1.2: CREATE's ramdisk and DTB, crash
 * reasons, restart and crash counts, uptime, injected interrupts, hypervisor time,
 * CTL_CMD_STATS_VCPU, CTL_CMD_STATS_PCPU, results 16..31 */
#define CTL_VERSION_MINOR 2
#define CTL_VERSION_VALUE (CTL_VERSION_MAJOR << 16 | CTL_VERSION_MINOR)

/* The guest DT node's compatible: no Linux driver claims it. */
#define CTL_GUEST_COMPATIBLE "shyper,control-v1"

/*
 * Commands. "VM" arguments are VM ids (the binding's "id"), except
 * CTL_CMD_VM_AT's index. 64-bit results are two registers, low word first.
 */
#define CTL_CMD_VM_AT 1 /* ARG0 index -> the VM record below; CTL_ENOENT past the last */
#define CTL_CMD_VM_INFO 2 /* ARG0 VM -> the VM record below */
#define CTL_CMD_FREE 3 /* -> the free-resources record below */
#define CTL_CMD_START 4 /* ARG0 VM: a stopped VM boots from its images */
#define CTL_CMD_STOP 5 /* ARG0 VM: powered off now (forced) */
#define CTL_CMD_REBOOT 6 /* ARG0 VM: restarts from its images */
#define CTL_CMD_DESTROY 7 /* ARG0 VM: stopped for good, its CPUs, RAM (scrubbed), IRQs freed */
#define CTL_CMD_PAUSE 8 /* ARG0 VM: its vCPUs wait in the hypervisor */
#define CTL_CMD_RESUME 9 /* ARG0 VM: a paused VM goes on where it was */
#define CTL_CMD_CONSOLE_READ 10 /* ARG0 VM, ARG1 position -> output bytes in DATA */
#define CTL_CMD_CONSOLE_WRITE 11 /* ARG0 VM, ARG1 length, DATA bytes -> its input */
#define CTL_CMD_STATS 12 /* ARG0 VM -> the statistics record below */
/*
 * 1.1: ARG0/ARG1 offset and size of a .dtbo in the staging window, ARG2/ARG3
 * offset and size of the kernel image there; 1.2: ARG4/ARG5 of a ramdisk,
 * ARG6/ARG7 of a device tree for the guest (size 0: the overlay's own node
 * of that image, if any) -> RES0 the new VM's id; refused: DATA the binding
 * message.
 */
#define CTL_CMD_CREATE 13
#define CTL_CMD_STATS_VCPU 14 /* 1.2: ARG0 VM, ARG1 vCPU index -> the CPU statistics record */
#define CTL_CMD_STATS_PCPU 15 /* 1.2: ARG0 physical CPU -> the CPU statistics record */
/* 1.2: ARG0 VM: the power button, a serial BREAK and 'o' (magic SysRq power-off) into its console
 */
#define CTL_CMD_SHUTDOWN 16
#define CTL_NR_CMDS 17

/* VM record (CTL_CMD_VM_AT, CTL_CMD_VM_INFO); DATA holds the label, NUL-terminated. */
#define CTL_VM_ID 0
#define CTL_VM_STATE 1 /* CTL_STATE_* */
#define CTL_VM_TYPE 2 /* 0 general, 1 management, 2 realtime (SHYPER_VM_*) */
#define CTL_VM_VCPUS 3
#define CTL_VM_PCPUS_LO 4 /* bit n: physical CPU n runs one of its vCPUs */
#define CTL_VM_PCPUS_HI 5
#define CTL_VM_MEM_LO 6 /* guest RAM bytes */
#define CTL_VM_MEM_HI 7
#define CTL_VM_REASON 8 /* why it is not running: CTL_REASON_* */

#define CTL_STATE_RUNNING 0
#define CTL_STATE_OFF 1
#define CTL_STATE_RESETTING 2
#define CTL_STATE_DESTROYED 3
#define CTL_STATE_PAUSED 4

#define CTL_REASON_NONE 0 /* running, or never stopped */
#define CTL_REASON_GUEST_POWEROFF 1 /* its own power-off (and its on-poweroff) */
#define CTL_REASON_GUEST_REBOOT 2 /* its own reboot, with on-reboot "stop" or "destroy" */
#define CTL_REASON_MANAGEMENT 3 /* the management VM's stop or destroy */
#define CTL_REASON_RELOAD_FAILED 4 /* its images could not be reloaded for a restart */
#define CTL_REASON_CRASH_WATCHDOG 5 /* its watchdog expired, with on-crash "stop" or "destroy" */
#define CTL_REASON_CRASH_FAULTED 6 /* all its vCPUs died on faults, on-crash "stop" / "destroy" */
#define CTL_REASON_CRASH_LOOP 7 /* on-crash "restart", over its restart-limit */
#define CTL_REASON_CRASH_SYSFAIL \
	8 /* riscv: SBI SRST "system failure", on-crash "stop" / "destroy" */
#define CTL_NR_REASONS 9
/* The reasons' names, as shyperctl and the hypervisor console's "vms" print them. */
#define CTL_REASON_NAMES                                                              \
	{                                                                             \
		"-", "guest-poweroff", "guest-reboot", "management", "reload-failed", \
		    "crashed: watchdog", "crashed: all vCPUs faulted", "crash loop",  \
		    "crashed: system failure",                                        \
	}

/* Free-resources record (CTL_CMD_FREE). */
#define CTL_FREE_PCPUS 0 /* online physical CPUs no VM runs on */
#define CTL_FREE_PCPUS_LO 1 /* their mask */
#define CTL_FREE_PCPUS_HI 2
#define CTL_FREE_MEM_LO 3 /* host RAM bytes no VM and not the hypervisor uses */
#define CTL_FREE_MEM_HI 4
#define CTL_FREE_VM_SLOTS 5 /* VMs that could still be added */
#define CTL_FREE_IRQS_OWNED 6 /* host interrupt lines owned by VMs */
#define CTL_FREE_PCPUS_ONLINE 7

/* Statistics record (CTL_CMD_STATS): hypervisor entries of the VM's vCPUs since it was built. */
#define CTL_STAT_EXIT_LO(cause) (2 * (cause)) /* cause: CTL_EXIT_* */
#define CTL_STAT_EXIT_HI(cause) (2 * (cause) + 1)
#define CTL_EXIT_HYPERCALL 0
#define CTL_EXIT_MMIO 1
#define CTL_EXIT_SYSREG 2
#define CTL_EXIT_IRQ 3
#define CTL_EXIT_FAULT 4
#define CTL_NR_EXITS 5
#define CTL_STAT_VCPUS 10
#define CTL_STAT_RESTARTS 11 /* restarts since it was built: its own reboots and crash restarts */
#define CTL_STAT_CRASHES 12 /* crashes detected since it was built (watchdog, faulted vCPUs) */
/* 1.2: counter ticks it ran since its last start, pauses left out; 0 when not running */
#define CTL_STAT_UPTIME_LO 13
#define CTL_STAT_UPTIME_HI 14
/* 1.2: virtual interrupts the hypervisor made pending in its vCPUs since it was built */
#define CTL_STAT_IRQS_LO 15
#define CTL_STAT_IRQS_HI 16
/* 1.2: counter ticks its vCPUs spent in the hypervisor (exit to return) since it was built */
#define CTL_STAT_HYP_TICKS_LO 17
#define CTL_STAT_HYP_TICKS_HI 18
/* 1.2: the counter's frequency in Hz (DTB, CNTFRQ_EL0 or timebase-frequency) */
#define CTL_STAT_TICK_HZ 19

/*
 * CPU statistics record (1.2: CTL_CMD_STATS_VCPU, CTL_CMD_STATS_PCPU): the
 * exits by cause (CTL_STAT_EXIT_LO/HI, as above) and the hypervisor time of
 * one vCPU since its VM was built, or of one physical CPU since boot;
 * CTL_ENOENT past the last vCPU / CPU.
 */
#define CTL_CPU_HYP_TICKS_LO 10
#define CTL_CPU_HYP_TICKS_HI 11
#define CTL_CPU_TICK_HZ 12
#define CTL_CPU_PCPU 13 /* the physical CPU (STATS_VCPU: the one it is pinned to) */
#define CTL_CPU_VM 14 /* STATS_PCPU: the VM whose vCPU it runs, 0 none */
#define CTL_CPU_ONLINE 15 /* STATS_PCPU: 1 when it runs Shyper, 0 left out or not started */

/*
 * Console (CTL_CMD_CONSOLE_READ): a VM's output is kept in a ring of the
 * last CTL_CONSOLE_HISTORY bytes, numbered from its build (modulo 2^32).
 * ARG1 is the number of the first byte wanted: RES0 bytes copied into
 * DATA, RES1 the number after the last one copied (the next ARG1), RES2
 * the oldest number still kept (ARG1 older than that starts there).
 * CTL_CMD_CONSOLE_WRITE: RES0 bytes queued (fewer when the input queue is full).
 */
#define CTL_CONSOLE_HISTORY 16384

/* Status codes (CTL_STATUS): Linux errno values, negated. */
#define CTL_OK 0
#define CTL_EPERM (-1) /* the management VM acting on itself */
#define CTL_ENOENT (-2) /* no VM with that id / index */
#define CTL_E2BIG (-7) /* a length over CTL_DATA_SIZE */
#define CTL_EAGAIN (-11) /* not in a state the command applies to */
#define CTL_EBUSY (-16) /* destroy: a vCPU did not leave the guest (nothing released) */
#define CTL_EEXIST (-17) /* create: its id, or the management role, is taken */
#define CTL_ENODEV (-19) /* the VM has no virtual UART */
#define CTL_ERANGE (-34) /* create: a range outside the staging window */
#define CTL_ENOMEM (-12) /* create: no free host RAM for its copies */
#define CTL_EINVAL (-22) /* unknown command; create: the overlay or its VM node refused */
#define CTL_ENOSPC (-28) /* create: no free VM slot, or the DT with the overlay is too big */

#endif
