/* pb-background.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-background"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "pb-background.h"
#include "pb-lock.h"
#include "pb-store.h"

/*
 * Starting the background service (`paperboy-cli service`) now, when the
 * user turns background refresh on; at login it starts by itself (the
 * systemd user unit, or the autostart entry where systemd does not manage
 * the session). Stopping needs nothing: the service exits as soon as the
 * key turns false.
 *
 * Where a systemd user manager runs, the unit is (re)started through
 * systemctl, so that it is the same service as at login, with its logs in
 * the journal. Restarted rather than started: right after the key went
 * false and true again, the unit may still be running a service that is
 * about to exit, and "start" would do nothing. Elsewhere, or when the unit
 * is not installed (running from the build tree), `paperboy-cli service`
 * is spawned in a session of its own, so that neither the window closing
 * nor a Ctrl+C in the terminal that started Paperboy stops it.
 *
 * Either way the service is single-instance (a lock next to the database):
 * a second one waits a moment for the lock, for a service that is stopping,
 * and otherwise leaves.
 */

/**
 * pb_background_has_systemd:
 *
 * Returns: whether systemd manages this user's session: the system booted
 *   with systemd and a user manager runs
 */
gboolean
pb_background_has_systemd (void)
{
  g_autofree char *private_socket = g_build_filename (g_get_user_runtime_dir (), "systemd",
                                                      "private", NULL);

  return g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR) &&
         g_file_test (private_socket, G_FILE_TEST_EXISTS);
}

/**
 * pb_background_is_running:
 * @db_path: (nullable): the database; %NULL for the default one
 *
 * Whether a service works on @db_path now: it holds DB.service-lock for as
 * long as it runs (the kernel drops the lock of a dead process). Taken and
 * released at once here, without waiting; a service starting meanwhile
 * waits a moment for it.
 *
 * Returns: %TRUE if a service holds the lock (or the lock cannot be tried,
 *   in which case starting another would not help either)
 */
gboolean
pb_background_is_running (const char *db_path)
{
  g_autofree char *default_path = db_path ? NULL : pb_store_dup_default_path ();
  g_autofree char *lock_path = pb_lock_dup_path_for (db_path ? db_path : default_path, "service");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbLock) lock = pb_lock_acquire (lock_path, 0, NULL, &error);

  if (lock != NULL)
    return FALSE;
  if (!g_error_matches (error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY))
    g_debug ("Cannot tell whether the service runs: %s", error->message);
  return TRUE;
}

/**
 * pb_background_dup_cli_path:
 *
 * Where `paperboy-cli` is: $PAPERBOY_CLI (tests, the build tree), else the
 * one installed next to Paperboy, else the first in $PATH.
 *
 * Returns: (transfer full): the path, or %NULL with @error set
 */
char *
pb_background_dup_cli_path (GError **error)
{
  const char *env = g_getenv ("PAPERBOY_CLI");
  g_autofree char *installed = g_build_filename (BINDIR, "paperboy-cli", NULL);
  char *found;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  if ((found = g_find_program_in_path ("paperboy-cli")) != NULL)
    return found;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("paperboy-cli, which refreshes in the background, is not installed"));
  return NULL;
}

/* In the child, between fork and exec: async-signal-safe only. */
static void
start_new_session (gpointer user_data)
{
  setsid ();
}

static void
spawn_service (GTask *task)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) service = NULL;
  g_autofree char *cli = NULL;
  GError *error = NULL;

  if ((cli = pb_background_dup_cli_path (&error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* What it says goes to standard error, as the app's logs do. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, start_new_session, NULL, NULL);
  service = g_subprocess_launcher_spawn (launcher, &error, cli, "service", NULL);
  if (service == NULL)
    {
      g_prefix_error (&error, _("Cannot start %s: "), cli);
      g_task_return_error (task, error);
      return;
    }

  /* Not waited for: GLib reaps it if it exits while we run. */
  g_debug ("Started %s service (process %s)", cli, g_subprocess_get_identifier (service));
  g_task_return_boolean (task, TRUE);
}

static void
on_systemctl_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  if (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, NULL, &err, &error) &&
      g_subprocess_get_if_exited (G_SUBPROCESS (object)) &&
      g_subprocess_get_exit_status (G_SUBPROCESS (object)) == 0)
    {
      g_debug ("Restarted %s", PB_BACKGROUND_UNIT);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_debug ("systemctl could not start %s (%s); starting the service directly",
           PB_BACKGROUND_UNIT, error ? error->message : err ? g_strstrip (err) : "");
  spawn_service (task);
}

/**
 * pb_background_start_async:
 * @cancellable: (nullable): cancels only the callback's interest: a start
 *   under way completes
 *
 * Starts the background service now (see the top of pb-background.c).
 */
void
pb_background_start_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GSubprocess) systemctl = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, pb_background_start_async);

  if (!pb_background_has_systemd ())
    {
      g_debug ("No systemd user session");
      spawn_service (task);
      return;
    }

  systemctl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                &error, "systemctl", "--user", "restart", PB_BACKGROUND_UNIT, NULL);
  if (systemctl == NULL)
    {
      g_debug ("Cannot run systemctl (%s)", error->message);
      spawn_service (task);
      return;
    }

  g_subprocess_communicate_utf8_async (systemctl, NULL, NULL, on_systemctl_done_cb,
                                       g_steal_pointer (&task));
}

/**
 * pb_background_start_finish:
 *
 * Returns: %TRUE when the service was started (or was already running)
 */
gboolean
pb_background_start_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
