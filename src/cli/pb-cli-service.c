/* pb-cli-service.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "pb-cli.h"
#include "pb-lock.h"
#include "pb-scheduler.h"
#include "pb-settings.h"
#include "pb-text.h"

/*
 * `run-due`: one scheduler tick. `service`: the background scheduler, a
 * long-lived process without GTK, one per user (and database): it holds a
 * flock on DB.service-lock. It ticks every few minutes, and at once when
 * the network comes back, power saving ends or the machine resumes from
 * suspend (logind's PrepareForSleep on the system bus, where there is one).
 * It exits when background refresh is turned off. What the user should
 * know of a tick (new papers, a failed digest) becomes a notification
 * (pb-cli-notify.c).
 */

#define TICK_SECONDS 300      /* "every few minutes"; PAPERBOY_TICK_SECONDS for tests */
#define SOON_SECONDS 2        /* after the network came back: let it settle */
/* A service started while the previous one is still stopping (background
 * refresh turned off and on again at once) waits for it rather than leaving
 * the user with none; a second service next to a running one leaves. */
#define LOCK_WAIT_MS 5000

typedef struct
{
  PbScheduler  *scheduler;
  GSettings    *settings;         /* (nullable) */
  PbCliNotifier *notifier;        /* (owned by the caller) */
  GMainLoop    *loop;
  GCancellable *cancellable;
  GDBusConnection *system_bus;    /* (nullable) */
  guint         sleep_watch;
  guint         tick_source;
  guint         soon_source;
  gboolean      ticking;
  gboolean      tick_again;
  gboolean      network_available;
  int           status;
} Service;

static void
print_item (PbTickItem *item)
{
  if (item->error != NULL)
    g_printerr ("paperboy-cli: %s: %s\n", item->label, item->error->message);
  else if (item->ran)
    /* Translators: the work ("sync"), then what it did */
    g_print (C_("due check", "%1$s: %2$s\n"), item->label, item->summary);
  else if (item->skipped != NULL)
    /* Translators: the work ("sync"), then why it did not run */
    g_print (_("%1$s: due, but skipped: %2$s\n"), item->label, item->skipped);
  else if (item->due_at == 0)
    /* Translators: %s is the work ("sync") */
    g_print (_("%s: turned off\n"), item->label);
  else
    {
      g_autofree char *when = pb_text_format_time (item->due_at);

      /* Translators: the work ("sync"), then a date and time */
      g_print (_("%1$s: not due until %2$s\n"), item->label, when);
    }
}

static gboolean
item_failed (PbTickItem *item)
{
  if (item->error != NULL)
    return TRUE;
  if (item->sync_result != NULL)
    return item->sync_result->outcome != PB_SYNC_OUTCOME_OK;
  if (item->digest_report != NULL && item->ran)
    return item->digest_report->outcome != PB_DIGEST_OUTCOME_SENT &&
           item->digest_report->outcome != PB_DIGEST_OUTCOME_EMPTY;
  return FALSE;
}

/* run-due */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *items;
  GError    *error;
} TickCall;

static void
on_tick_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TickCall *call = user_data;

  call->items = pb_scheduler_tick_finish (PB_SCHEDULER (object), result, &call->error);
  g_main_loop_quit (call->loop);
}

int
pb_cli_run_due (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *now_text = NULL;
  const GOptionEntry entries[] = {
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(PbScheduler) scheduler = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) now = NULL;
  TickCall call = { 0, };
  GError *error = NULL;
  int status = PB_EXIT_OK;

  if (!pb_cli_parse_options (cli, "run-due", "",
                             _("Do the background work that is due (a sync, the daily digest),\n"
                               "once, and exit. For cron and for tests; the service does this\n"
                               "by itself."),
                             entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("run-due", _("unexpected argument “%s”"), argv[1]);
  if ((now = pb_cli_parse_now (now_text, &error)) == NULL)
    return pb_cli_fail (error);

  scheduler = pb_scheduler_new (cli->db_path);
  if (now_text != NULL)
    pb_scheduler_set_now (scheduler, g_date_time_to_unix (now));
  loop = g_main_loop_new (NULL, FALSE);
  call.loop = loop;
  pb_scheduler_tick_async (scheduler, NULL, on_tick_done_cb, &call);
  g_main_loop_run (loop);

  if (call.items == NULL)
    return pb_cli_fail (call.error);

  items = call.items;
  for (guint i = 0; i < items->len; i++)
    {
      PbTickItem *item = g_ptr_array_index (items, i);

      print_item (item);
      if (item_failed (item))
        status = PB_EXIT_ERROR;
    }

  return status;
}

/* service */

static void schedule_tick (Service *service, guint seconds);

static void
on_service_tick_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Service *service = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  service->ticking = FALSE;
  items = pb_scheduler_tick_finish (PB_SCHEDULER (object), result, &error);
  if (items == NULL)
    {
      /* Logged once per tick that fails; the next tick tries again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot check for due work: %s", error->message);
    }
  else
    for (guint i = 0; i < items->len; i++)
      {
        PbTickItem *item = g_ptr_array_index (items, i);

        if (item->error != NULL && !g_error_matches (item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          g_warning ("%s: %s", item->name, item->error->message);
        else if (item->ran)
          g_message ("%s: %s", item->name, item->summary);
      }

  if (items != NULL)
    pb_cli_notifier_tell (service->notifier, items);

  if (g_cancellable_is_cancelled (service->cancellable))
    {
      g_main_loop_quit (service->loop);
      return;
    }

  if (service->tick_again)
    {
      service->tick_again = FALSE;
      schedule_tick (service, 0);
    }
}

static void
tick (Service    *service,
      const char *why)
{
  if (service->ticking)
    {
      service->tick_again = TRUE;
      return;
    }

  g_debug ("Tick: %s", why);
  service->ticking = TRUE;
  pb_scheduler_tick_async (service->scheduler, service->cancellable, on_service_tick_cb, service);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  tick (user_data, "timer");
  return G_SOURCE_CONTINUE;
}

static gboolean
on_soon_cb (gpointer user_data)
{
  Service *service = user_data;

  service->soon_source = 0;
  tick (service, "conditions changed");
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (Service *service,
               guint    seconds)
{
  g_clear_handle_id (&service->soon_source, g_source_remove);
  service->soon_source = g_timeout_add_seconds (seconds, on_soon_cb, service);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       gpointer         user_data)
{
  Service *service = user_data;

  if (available && !service->network_available)
    {
      g_debug ("The network came back");
      schedule_tick (service, SOON_SECONDS);
    }
  service->network_available = available;
}

static void
on_power_saver_changed_cb (GObject    *monitor,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  if (!g_power_profile_monitor_get_power_saver_enabled (G_POWER_PROFILE_MONITOR (monitor)))
    schedule_tick (user_data, SOON_SECONDS);
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  gboolean going_to_sleep = FALSE;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    {
      g_debug ("The machine resumed");
      schedule_tick (user_data, SOON_SECONDS);
    }
}

static void
watch_resume (Service *service)
{
  g_autoptr(GError) error = NULL;

  service->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (service->system_bus == NULL)
    {
      g_debug ("No system bus, so no resume signal (%s); ticks compare wall-clock times anyway",
               error->message);
      return;
    }

  service->sleep_watch =
    g_dbus_connection_signal_subscribe (service->system_bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep_cb,
                                        service, NULL);
}

static void
on_background_refresh_changed_cb (GSettings  *settings,
                                  const char *key,
                                  gpointer    user_data)
{
  Service *service = user_data;

  if (!g_settings_get_boolean (settings, "background-refresh"))
    {
      g_message ("Background refresh was turned off; the service stops");
      g_cancellable_cancel (service->cancellable);
      if (!service->ticking)
        g_main_loop_quit (service->loop);
    }
}

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  Service *service = user_data;

  g_debug ("Asked to stop");
  g_cancellable_cancel (service->cancellable);
  if (!service->ticking)
    g_main_loop_quit (service->loop);
  return G_SOURCE_CONTINUE;
}

static guint
tick_seconds (void)
{
  const char *env = g_getenv ("PAPERBOY_TICK_SECONDS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 86400, &value, NULL))
    return value;
  return TICK_SECONDS;
}

static void
run_service (Service *service)
{
  GNetworkMonitor *network = g_network_monitor_get_default ();
  g_autoptr(GPowerProfileMonitor) power = g_power_profile_monitor_dup_default ();
  guint signal_ids[2];

  service->network_available = g_network_monitor_get_network_available (network);
  g_signal_connect (network, "network-changed", G_CALLBACK (on_network_changed_cb), service);
  if (power != NULL)
    g_signal_connect (power, "notify::power-saver-enabled",
                      G_CALLBACK (on_power_saver_changed_cb), service);
  if (service->settings != NULL)
    g_signal_connect (service->settings, "changed::background-refresh",
                      G_CALLBACK (on_background_refresh_changed_cb), service);
  watch_resume (service);
  signal_ids[0] = g_unix_signal_add (SIGTERM, on_quit_signal_cb, service);
  signal_ids[1] = g_unix_signal_add (SIGINT, on_quit_signal_cb, service);

  service->tick_source = g_timeout_add_seconds (tick_seconds (), on_timer_cb, service);
  tick (service, "start");
  g_main_loop_run (service->loop);

  g_clear_handle_id (&service->tick_source, g_source_remove);
  g_clear_handle_id (&service->soon_source, g_source_remove);
  g_source_remove (signal_ids[0]);
  g_source_remove (signal_ids[1]);
  g_signal_handlers_disconnect_by_data (network, service);
  if (power != NULL)
    g_signal_handlers_disconnect_by_data (power, service);
  if (service->sleep_watch != 0)
    g_dbus_connection_signal_unsubscribe (service->system_bus, service->sleep_watch);
  g_clear_object (&service->system_bus);
}

int
pb_cli_service (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *now_text = NULL;
  const GOptionEntry entries[] = {
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PbCliNotifier) notifier = NULL;
  g_autoptr(PbLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbScheduler) scheduler = NULL;
  g_autoptr(GSettings) settings = NULL;
  Service service = { 0, };

  if (!pb_cli_parse_options (cli, "service", "",
                             _("Keep the papers fresh in the background: sync whenever it is due.\n"
                               "Started at login; runs until stopped or until background refresh\n"
                               "is turned off."),
                             entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("service", _("unexpected argument “%s”"), argv[1]);
  if ((now = pb_cli_parse_now (now_text, &error)) == NULL)
    return pb_cli_fail (g_steal_pointer (&error));

  settings = pb_settings_new ();
  if (!pb_settings_get_background_refresh (settings))
    {
      g_print (_("Background refresh is turned off; the service does nothing.\n"));
      return PB_EXIT_OK;
    }

  db_path = cli->db_path ? g_strdup (cli->db_path) : pb_store_dup_default_path ();
  lock_path = pb_lock_dup_path_for (db_path, "service");
  lock = pb_lock_acquire (lock_path, LOCK_WAIT_MS, NULL, &error);
  if (lock == NULL && g_error_matches (error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY))
    {
      g_print (_("The Paperboy service is already running (%s).\n"), error->message);
      return PB_EXIT_OK;
    }
  if (lock == NULL)
    return pb_cli_fail (g_steal_pointer (&error));

  scheduler = pb_scheduler_new (db_path);
  /* Tests: a clock that stands still; set ahead of the real one, each tick
   * finds the sync due again. */
  if (now_text != NULL)
    pb_scheduler_set_now (scheduler, g_date_time_to_unix (now));
  notifier = pb_cli_notifier_new (db_path, settings);
  loop = g_main_loop_new (NULL, FALSE);
  service.notifier = notifier;
  service.scheduler = scheduler;
  service.settings = settings;
  service.loop = loop;
  service.cancellable = cancellable;

  g_debug ("The service runs for %s", db_path);
  run_service (&service);

  return service.status;
}
