/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Constants for Shyper's device-tree bindings, usable from .dts/.dtso
 * files run through the C preprocessor (as Linux does for its own DTS):
 *     #include <dt-bindings/shyper.h>
 *     type = <SHYPER_VM_REALTIME>;
 * See dt-bindings/shyper,vm.yaml and Documentation/bindings.md.
 */
#ifndef DT_BINDINGS_SHYPER_H
#define DT_BINDINGS_SHYPER_H

/* shyper,vm "type": what a VM may do and how it is scheduled. */
#define SHYPER_VM_GENERAL 0 /* an ordinary guest */
#define SHYPER_VM_MANAGEMENT 1 /* may start, stop and inspect other VMs */
#define SHYPER_VM_REALTIME 2 /* owns its CPUs, no hypervisor work on them */

/* The largest VM "id". */
#define SHYPER_VM_ID_MAX 255

#endif
