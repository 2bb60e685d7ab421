/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHYPER_ERRNO_H
#define SHYPER_ERRNO_H

/* Values follow Linux so messages and tests read the same. */
#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOTSUP 95
#define ETIMEDOUT 110

#endif
