/* pb-lock.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_LOCK_ERROR (pb_lock_error_quark ())

typedef enum
{
  PB_LOCK_ERROR_BUSY,    /* another process holds it */
  PB_LOCK_ERROR_FAILED,  /* the lock file cannot be used */
} PbLockError;

typedef struct _PbLock PbLock;

GQuark   pb_lock_error_quark   (void);

PbLock  *pb_lock_acquire       (const char    *path,
                                guint          wait_ms,
                                GCancellable  *cancellable,
                                GError       **error);
void     pb_lock_release       (PbLock        *lock);
char    *pb_lock_dup_path_for  (const char    *db_path,
                                const char    *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbLock, pb_lock_release)

G_END_DECLS
