/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_GUEST_FAULT_H
#define SHYPER_GUEST_FAULT_H

#include <shyper/types.h>

struct vcpu;

/**
 * guest_fault_report() - tell the console that Shyper reflected a fault
 * into @vcpu's guest (it accessed what is not its own, or ran what it may
 * not): once per kind and VM, then one count per GUEST_FAULT_WINDOW_S
 * seconds, so that a guest cannot flood the console.
 * @what: the architecture's name of @code ("ESR_EL1.EC", "scause")
 * @code: the exception class or cause given to the guest (the kind)
 * @addr: the faulting address (FAR / stval), or the instruction's
 */
void guest_fault_report(struct vcpu *vcpu, const char *what, u64 code, u64 addr);

/**
 * guest_fault_check_fatal() - a fault of @vcpu at @pc is about to be
 * reflected to its handler at @handler: when they are the same address,
 * the handler itself faulted on its first instruction and every further
 * reflection would fault again. That vCPU cannot recover: it stops
 * (vcpu_died(), which does not return); otherwise nothing happens.
 */
void guest_fault_check_fatal(struct vcpu *vcpu, const char *what, u64 code, u64 pc, u64 handler);

#define GUEST_FAULT_WINDOW_S 10

#endif
