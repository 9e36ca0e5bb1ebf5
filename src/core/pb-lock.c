/* pb-lock.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-lock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "pb-lock.h"

/*
 * Locks between processes: flock() on a file next to the database, so that
 * `--db PATH` gets locks of its own. The kernel drops a flock when its
 * process dies, however it dies, so a lock is never stale: the file left
 * behind is only a file. The holder writes its pid into it, for messages.
 */

#define POLL_INTERVAL_MS 50

struct _PbLock
{
  int   fd;
  char *path;
};

G_DEFINE_QUARK (pb-lock-error-quark, pb_lock_error)

/**
 * pb_lock_dup_path_for:
 * @db_path: the database file
 * @what: what the lock guards, such as "sync" or "service"
 *
 * Returns: (transfer full): `DB_PATH.WHAT-lock`
 */
char *
pb_lock_dup_path_for (const char *db_path,
                      const char *what)
{
  g_return_val_if_fail (db_path != NULL && what != NULL, NULL);

  return g_strdup_printf ("%s.%s-lock", db_path, what);
}

static int
read_holder (int fd)
{
  char buf[32] = { 0, };
  ssize_t n = pread (fd, buf, sizeof buf - 1, 0);

  return n > 0 ? atoi (buf) : 0;
}

static void
write_holder (int fd)
{
  char buf[32];
  int n = g_snprintf (buf, sizeof buf, "%d\n", (int)getpid ());

  if (ftruncate (fd, 0) != 0 || pwrite (fd, buf, n, 0) != n)
    g_debug ("Cannot note our pid in the lock file: %s", g_strerror (errno));
}

/**
 * pb_lock_acquire:
 * @path: the lock file; created owner-only if missing
 * @wait_ms: how long to wait for another holder to let go
 *
 * Returns: (transfer full): the lock, or %NULL with @error set: a
 *   %PB_LOCK_ERROR_BUSY error when another process kept it past @wait_ms
 */
PbLock *
pb_lock_acquire (const char    *path,
                 guint          wait_ms,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)wait_ms * 1000;
  g_autofree char *dir = NULL;
  PbLock *lock;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_LOCK_ERROR, PB_LOCK_ERROR_FAILED,
                   _("Cannot use the lock file %1$s: %2$s"), path, g_strerror (saved_errno));
      return NULL;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != EWOULDBLOCK && saved_errno != EINTR)
        {
          g_set_error (error, PB_LOCK_ERROR, PB_LOCK_ERROR_FAILED,
                       _("Cannot lock %1$s: %2$s"), path, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          int holder = read_holder (fd);

          if (holder > 0)
            /* Translators: said of a lock, in "a sync is already running (held
             * by process 1234)" */
            g_set_error (error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY, _("held by process %d"),
                         holder);
          else
            g_set_error_literal (error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY,
                                 _("held by another process"));
          close (fd);
          return NULL;
        }
      g_usleep (POLL_INTERVAL_MS * 1000);
    }

  write_holder (fd);
  g_debug ("Acquired %s", path);

  lock = g_new0 (PbLock, 1);
  lock->fd = fd;
  lock->path = g_strdup (path);
  return lock;
}

void
pb_lock_release (PbLock *lock)
{
  if (lock == NULL)
    return;

  /* The file stays: removing it would race with a process that opened it
   * and waits for the lock on the old inode. */
  if (ftruncate (lock->fd, 0) != 0)
    g_debug ("Cannot clear the lock file: %s", g_strerror (errno));
  close (lock->fd);
  g_debug ("Released %s", lock->path);
  g_free (lock->path);
  g_free (lock);
}
