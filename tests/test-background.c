/* test-background.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "pb-lock.h"
#include "pb-preferences-window.h"
#include "pb-store.h"

/*
 * The "Refresh in the Background" switch of the preferences and the real
 * service (`paperboy-cli service`, $PAPERBOY_CLI), under Xvfb. Both read
 * the settings from one key file (GSETTINGS_BACKEND=keyfile), as two
 * processes of a session read dconf. The service syncs against an address
 * where nothing listens: it fails, which changes nothing here.
 *
 * Services are counted in /proc: processes running `$PAPERBOY_CLI service`
 * with this test's XDG_DATA_HOME, so that nothing else is counted.
 */

#define WAIT_SECONDS 20
#define SERVICE_LOCK_WAIT_MS 5000   /* LOCK_WAIT_MS of pb-cli-service.c */

static GSettings *settings;
static char *store_path;

typedef gboolean (*Condition) (gpointer data);

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      spin (10);
    }
}

static gboolean
is_our_service (const char *pid)
{
  g_autofree char *cmdline_path = g_build_filename ("/proc", pid, "cmdline", NULL);
  g_autofree char *environ_path = g_build_filename ("/proc", pid, "environ", NULL);
  g_autofree char *cmdline = NULL;
  g_autofree char *environ = NULL;
  g_autofree char *ours = g_strdup_printf ("XDG_DATA_HOME=%s", g_get_user_data_dir ());
  gsize cmdline_len = 0, environ_len = 0;
  const char *arg1;

  /* Gone meanwhile, a zombie (empty), or somebody else's. */
  if (!g_file_get_contents (cmdline_path, &cmdline, &cmdline_len, NULL) ||
      cmdline_len == 0 || strcmp (cmdline, g_getenv ("PAPERBOY_CLI")) != 0)
    return FALSE;
  arg1 = cmdline + strlen (cmdline) + 1;
  if (arg1 >= cmdline + cmdline_len || strcmp (arg1, "service") != 0)
    return FALSE;

  if (!g_file_get_contents (environ_path, &environ, &environ_len, NULL))
    return FALSE;
  for (const char *p = environ; p < environ + environ_len; p += strlen (p) + 1)
    if (strcmp (p, ours) == 0)
      return TRUE;

  return FALSE;
}

/* Returns: (element-type int): the pids of this test's services. */
static GArray *
list_services (void)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    if (g_ascii_isdigit (name[0]) && is_our_service (name))
      {
        int pid = atoi (name);

        g_array_append_val (pids, pid);
      }

  return pids;
}

static guint
count_services (void)
{
  g_autoptr(GArray) pids = list_services ();

  return pids->len;
}

static int
the_service (void)
{
  g_autoptr(GArray) pids = list_services ();

  g_assert_cmpuint (pids->len, ==, 1);
  return g_array_index (pids, int, 0);
}

/* Whether a service holds the lock, that is, runs rather than leaves. */
static gboolean
lock_is_held (void)
{
  g_autofree char *path = pb_lock_dup_path_for (store_path, "service");
  g_autoptr(GError) error = NULL;
  PbLock *lock = pb_lock_acquire (path, 0, NULL, &error);

  if (lock != NULL)
    {
      pb_lock_release (lock);
      return FALSE;
    }
  g_assert_error (error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY);
  return TRUE;
}

static gboolean
one_service_runs (gpointer data)
{
  return count_services () == 1 && lock_is_held ();
}

static gboolean
no_service_runs (gpointer data)
{
  return count_services () == 0 && !lock_is_held ();
}

static GtkWidget *
open_window (void)
{
  GtkWidget *window = GTK_WIDGET (pb_preferences_window_new (NULL, settings, store_path));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
key_is (gpointer data)
{
  return g_settings_get_boolean (settings, "background-refresh") == GPOINTER_TO_INT (data);
}

/* As a click does: the switch moves (animated), then the key follows. */
static void
flip (GtkWidget *window)
{
  GtkWidget *toggle = GTK_WIDGET (gtk_widget_get_template_child (window,
                                                                 PB_TYPE_PREFERENCES_WINDOW,
                                                                 "background_switch"));
  gboolean was = g_settings_get_boolean (settings, "background-refresh");

  g_assert_true (gtk_widget_activate (toggle));
  wait_until (key_is, GINT_TO_POINTER (!was), "the switch to move");
  g_settings_sync ();
}

static void
set_background_refresh (gboolean on)
{
  g_assert_true (g_settings_set_boolean (settings, "background-refresh", on));
  g_settings_sync ();
}

/* On starts the service at once; off stops it. */
static void
test_switch (void)
{
  GtkWidget *window;

  set_background_refresh (FALSE);
  g_assert_true (no_service_runs (NULL));

  window = open_window ();
  flip (window);
  g_assert_true (g_settings_get_boolean (settings, "background-refresh"));
  wait_until (one_service_runs, NULL, "the service to start");

  flip (window);
  g_assert_false (g_settings_get_boolean (settings, "background-refresh"));
  wait_until (no_service_runs, NULL, "the service to stop");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Off and on again before the service has stopped: one service runs, not
 * none (the new one waits for the old one's lock) and not two. */
static void
test_switch_quickly (void)
{
  GtkWidget *window;

  set_background_refresh (FALSE);
  window = open_window ();
  flip (window);
  wait_until (one_service_runs, NULL, "the service to start");

  flip (window);
  flip (window);
  g_assert_true (g_settings_get_boolean (settings, "background-refresh"));

  /* Longer than a second service waits for the lock before it leaves. */
  spin (SERVICE_LOCK_WAIT_MS + 1500);
  wait_until (one_service_runs, NULL, "one service");
  g_assert_cmpuint (count_services (), ==, 1);

  set_background_refresh (FALSE);
  wait_until (no_service_runs, NULL, "the service to stop");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_second_exited_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **out = user_data;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL,
                                                       &error));
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **)data != NULL;
}

/* Closing the window leaves the service running; another one (the next
 * login's, or a second start) leaves it alone and goes. */
static void
test_outlives_window (void)
{
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GtkWidget *window;
  int pid;

  set_background_refresh (FALSE);
  window = open_window ();
  flip (window);
  wait_until (one_service_runs, NULL, "the service to start");
  pid = the_service ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin (500);
  g_assert_cmpint (the_service (), ==, pid);

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("PAPERBOY_CLI"),
                             "service", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (second, NULL, NULL, on_second_exited_cb, &out);
  wait_until (is_set, &out, "the second service to leave");
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  g_assert_true (g_str_has_prefix (out, "The Paperboy service is already running"));
  g_assert_cmpint (the_service (), ==, pid);

  set_background_refresh (FALSE);
  wait_until (no_service_runs, NULL, "the service to stop");
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "keyfile");
  g_assert_nonnull (g_getenv ("PAPERBOY_CLI"));
  settings = g_settings_new ("io.github.paperboy.Paperboy");
  /* The service's database: it is started without --db. */
  store_path = pb_store_dup_default_path ();
  {
    g_autofree char *dir = g_path_get_dirname (store_path);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  }

  g_test_add_func ("/background/switch", test_switch);
  g_test_add_func ("/background/switch-quickly", test_switch_quickly);
  g_test_add_func ("/background/outlives-window", test_outlives_window);

  status = g_test_run ();

  /* Never leave a service behind, whatever failed. */
  set_background_refresh (FALSE);
  g_clear_object (&settings);
  g_free (store_path);
  return status;
}
