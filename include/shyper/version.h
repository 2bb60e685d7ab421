/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_VERSION_H
#define SHYPER_VERSION_H

#define SHYPER_VERSION "0.1.0"

#endif
