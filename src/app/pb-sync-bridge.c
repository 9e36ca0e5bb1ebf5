/* pb-sync-bridge.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-sync-bridge"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-notify.h"
#include "pb-scheduler.h"
#include "pb-settings.h"
#include "pb-snapshot.h"
#include "pb-sync-bridge.h"
#include "pb-sync.h"

/**
 * PbSyncBridge:
 *
 * The window's only contact with syncing: what it shows about freshness
 * (when the papers were last updated, whether they are still the bundled
 * snapshot, whether there is a network) and what it asks for: a refresh
 * (the refresh button, Ctrl+R, `app.refresh`), a refresh at start when the
 * papers are older than `refresh-interval-minutes`, and one paper fetched
 * by its id (`paperboy ARXIV_ID` for a paper not stored yet).
 *
 * A refresh is a #PbSync run with the trigger "window", on a thread of the
 * sync's own (pb_sync_run_async()), never on the database worker. The sync
 * takes the cross-process sync lock: while the background service syncs,
 * a refresh fails at once with %PB_SYNC_ERROR_BUSY, which the window says
 * calmly (the service's papers reach the window through #PbStoreMonitor).
 * A run that fails, or saves only part of the lists, fails the refresh with
 * the sync's own words (%PB_SYNC_BRIDGE_ERROR).
 *
 * After a refresh that added papers to a list, the bridge tells the user
 * exactly as the background service does (pb_notify_sync_wanted(), then
 * pb_notice_new_for_sync() on the database worker), through the
 * application set with pb_sync_bridge_set_application().
 *
 * A paper fetched by id is a run of its own with only that paper (no lists,
 * trigger "paper"), which the sync history leaves out: it does not make the
 * lists look fresh.
 *
 * The status comes from the sync log (pb_store_get_sync_history()): the
 * end of the last good run, or, for papers never synced (imported), the
 * time the trending list was stored.
 *
 * The window shows :busy as the sync indicator, :last-updated as "Updated 5
 * minutes ago", :network-available as the calm offline state and
 * :snapshot as the bundled-papers banner; errors of a refresh become toasts.
 */

struct _PbSyncBridge
{
  GObject          parent_instance;

  PbStoreWorker   *worker;            /* (owned) */
  GNetworkMonitor *network_monitor;   /* (owned) */
  GSettings       *settings;          /* (owned) (nullable) */
  GApplication    *application;       /* (unowned) (nullable): a weak pointer */
  GApplication    *held;              /* (owned) (nullable): kept running while a sync runs */
  GCancellable    *cancellable;       /* (owned) */
  GPtrArray       *waiting;           /* (owned) (element-type GTask): refresh callers */

  gint64           last_updated;      /* unix seconds, 0 = unknown */
  char            *snapshot_date;
  guint            busy : 1;
  guint            network_available : 1;
  guint            snapshot : 1;
};

G_DEFINE_FINAL_TYPE (PbSyncBridge, pb_sync_bridge, G_TYPE_OBJECT)

G_DEFINE_QUARK (pb-sync-bridge-error-quark, pb_sync_bridge_error)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_NETWORK_AVAILABLE,
  PROP_LAST_UPDATED,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  gint64  last_updated;
  gint64  sync_due_at;     /* when the lists are stale: as the scheduler sees it */
  char   *snapshot_date;   /* (nullable): set while the data is the snapshot */
} Status;

static void
status_free (Status *status)
{
  g_free (status->snapshot_date);
  g_free (status);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Status, status_free)

/* Runs on the database worker. */
static gpointer
read_status (PbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  guint interval = GPOINTER_TO_UINT (data);
  g_auto(PbSyncHistory) history = { 0, };
  g_autoptr(Status) status = g_new0 (Status, 1);

  if (!pb_store_get_sync_history (store, &history, error))
    return NULL;

  if (history.last_ok != NULL)
    status->last_updated = MAX (history.last_ok->finished_at, history.last_ok->started_at);
  else
    status->last_updated = pb_store_get_trending_fetched_at (store);
  status->sync_due_at = pb_scheduler_sync_due_at (&history, interval,
                                                  g_get_real_time () / G_USEC_PER_SEC);

  if (pb_snapshot_is_current (store))
    {
      status->snapshot_date = pb_snapshot_dup_created (store);
      if (status->snapshot_date == NULL)
        status->snapshot_date = g_strdup ("");
    }

  return g_steal_pointer (&status);
}

static void
set_flag (PbSyncBridge *self,
          guint         prop_id,
          gboolean      value)
{
  gboolean old;

  switch (prop_id)
    {
    case PROP_BUSY:
      old = self->busy;
      self->busy = !!value;
      break;
    case PROP_NETWORK_AVAILABLE:
      old = self->network_available;
      self->network_available = !!value;
      break;
    case PROP_SNAPSHOT:
      old = self->snapshot;
      self->snapshot = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != !!value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
apply_status (PbSyncBridge *self,
              Status       *status)
{
  g_free (self->snapshot_date);
  self->snapshot_date = g_steal_pointer (&status->snapshot_date);
  set_flag (self, PROP_SNAPSHOT, self->snapshot_date != NULL);

  if (self->last_updated != status->last_updated)
    {
      self->last_updated = status->last_updated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATED]);
    }
}

static guint
refresh_interval (PbSyncBridge *self)
{
  return self->settings ? pb_settings_get_refresh_interval (self->settings)
                        : PB_DEFAULT_REFRESH_MINUTES;
}

static void
read_status_async (PbSyncBridge        *self,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_PREFETCH, read_status,
                             GUINT_TO_POINTER (refresh_interval (self)), NULL,
                             (GDestroyNotify)status_free, self->cancellable,
                             callback, user_data);
}

static void
on_status_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbSyncBridge) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Status) status = NULL;

  status = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (status == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read when the papers were updated: %s", error->message);
      return;
    }

  apply_status (self, status);
}

static void
on_network_changed_cb (PbSyncBridge *self)
{
  gboolean available = g_network_monitor_get_network_available (self->network_monitor);

  g_debug ("Network %s", available ? "available" : "unavailable");
  set_flag (self, PROP_NETWORK_AVAILABLE, available);
}

static void
pb_sync_bridge_dispose (GObject *object)
{
  PbSyncBridge *self = (PbSyncBridge *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sync_bridge_parent_class)->dispose (object);
}

static void
pb_sync_bridge_finalize (GObject *object)
{
  g_free (PB_SYNC_BRIDGE (object)->snapshot_date);

  G_OBJECT_CLASS (pb_sync_bridge_parent_class)->finalize (object);
}

static void
pb_sync_bridge_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbSyncBridge *self = PB_SYNC_BRIDGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->network_available);
      break;
    case PROP_LAST_UPDATED:
      g_value_set_int64 (value, self->last_updated);
      break;
    case PROP_SNAPSHOT:
      g_value_set_boolean (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
flag_property (const char *name,
               gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
}

static void
pb_sync_bridge_class_init (PbSyncBridgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_sync_bridge_dispose;
  object_class->finalize = pb_sync_bridge_finalize;
  object_class->get_property = pb_sync_bridge_get_property;

  properties[PROP_BUSY] = flag_property ("busy", FALSE);
  properties[PROP_NETWORK_AVAILABLE] = flag_property ("network-available", TRUE);
  properties[PROP_SNAPSHOT] = flag_property ("snapshot", FALSE);
  properties[PROP_LAST_UPDATED] =
    g_param_spec_int64 ("last-updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_sync_bridge_init (PbSyncBridge *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->network_available = TRUE;
}

/**
 * pb_sync_bridge_new:
 * @worker: the database worker that reads the status
 * @network_monitor: usually g_network_monitor_get_default()
 * @settings: (nullable): the app's settings (refresh interval, notifications)
 */
PbSyncBridge *
pb_sync_bridge_new (PbStoreWorker   *worker,
                    GNetworkMonitor *network_monitor,
                    GSettings       *settings)
{
  PbSyncBridge *self;

  g_return_val_if_fail (PB_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (network_monitor), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PB_TYPE_SYNC_BRIDGE, NULL);
  self->worker = g_object_ref (worker);
  self->network_monitor = g_object_ref (network_monitor);
  self->settings = settings ? g_object_ref (settings) : NULL;
  g_signal_connect_object (network_monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  on_network_changed_cb (self);
  pb_sync_bridge_update_status (self);

  return self;
}

/**
 * pb_sync_bridge_cancel:
 *
 * Stops the sync that runs, if any: the window is closing. The sync ends
 * soon after as cancelled, keeping what it stored and recording its run;
 * the application is held until then (see start_refresh()).
 */
void
pb_sync_bridge_cancel (PbSyncBridge *self)
{
  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * pb_sync_bridge_set_application:
 * @application: (nullable): where notifications about new papers go
 */
void
pb_sync_bridge_set_application (PbSyncBridge *self,
                                GApplication *application)
{
  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));
  g_return_if_fail (application == NULL || G_IS_APPLICATION (application));

  g_set_weak_pointer (&self->application, application);
}

gboolean
pb_sync_bridge_get_busy (PbSyncBridge *self)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  return self->busy;
}

gboolean
pb_sync_bridge_get_network_available (PbSyncBridge *self)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), TRUE);
  return self->network_available;
}

/**
 * pb_sync_bridge_get_last_updated:
 *
 * Returns: when the papers were last brought up to date (unix seconds), or 0
 */
gint64
pb_sync_bridge_get_last_updated (PbSyncBridge *self)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), 0);
  return self->last_updated;
}

/**
 * pb_sync_bridge_get_snapshot:
 *
 * Returns: whether the papers are still those bundled with Paperboy
 */
gboolean
pb_sync_bridge_get_snapshot (PbSyncBridge *self)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  return self->snapshot;
}

/**
 * pb_sync_bridge_get_snapshot_date:
 *
 * Returns: (nullable): the newest day in the bundled papers, while they are
 *   what the store holds
 */
const char *
pb_sync_bridge_get_snapshot_date (PbSyncBridge *self)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), NULL);
  return self->snapshot_date;
}

/**
 * pb_sync_bridge_update_status:
 *
 * Reads the status again (the database changed).
 */
void
pb_sync_bridge_update_status (PbSyncBridge *self)
{
  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));

  read_status_async (self, on_status_read_cb, g_object_ref (self));
}

/* Notifications */

typedef struct
{
  PbSyncResult *result;
  GStrv         keywords;
} NoticeRequest;

static void
notice_request_free (NoticeRequest *request)
{
  pb_sync_result_free (request->result);
  g_strfreev (request->keywords);
  g_free (request);
}

static gpointer
make_notice (PbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  NoticeRequest *request = data;
  g_autoptr(GError) local_error = NULL;
  PbNotice *notice;

  notice = pb_notice_new_for_sync (store, request->result,
                                   (const char * const *)request->keywords, &local_error);
  if (notice == NULL && local_error == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "nothing to tell");
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return notice;
}

static void
on_notice_made_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbSyncBridge) self = user_data;
  g_autoptr(PbNotice) notice = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;

  notice = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (notice == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Nothing to tell about the new papers");
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot tell about the new papers: %s", error->message);
      return;
    }

  if (self->application == NULL)
    return;

  notification = pb_notice_to_notification (notice);
  g_application_send_notification (self->application, notice->id, notification);
  g_debug ("Notification: %s", notice->title);
}

/* After a refresh: the same notice the service would send (pb-cli-notify.c).
 * Takes @result. */
static void
tell (PbSyncBridge *self,
      PbSyncResult *result)
{
  g_autoptr(PbSyncResult) owned = result;
  g_auto(GStrv) keywords = NULL;
  NoticeRequest *request;

  if (self->application == NULL || !pb_notify_sync_wanted (owned, self->settings, &keywords))
    return;

  request = g_new0 (NoticeRequest, 1);
  request->result = g_steal_pointer (&owned);
  request->keywords = g_steal_pointer (&keywords);
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_PREFETCH, make_notice,
                             request, (GDestroyNotify)notice_request_free,
                             (GDestroyNotify)pb_notice_free, self->cancellable,
                             on_notice_made_cb, g_object_ref (self));
}

/* Refreshing */

/* A run that did not save everything, as an error in its own words. */
static gboolean
check_outcome (PbSyncResult  *result,
               GError       **error)
{
  switch (result->outcome)
    {
    case PB_SYNC_OUTCOME_OK:
      return TRUE;
    case PB_SYNC_OUTCOME_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, result->error);
      return FALSE;
    case PB_SYNC_OUTCOME_PARTIAL:
      g_set_error_literal (error, PB_SYNC_BRIDGE_ERROR, PB_SYNC_BRIDGE_ERROR_PARTIAL,
                           result->error ? result->error : "");
      return FALSE;
    case PB_SYNC_OUTCOME_RUNNING:
    case PB_SYNC_OUTCOME_FAILED:
    case PB_SYNC_OUTCOME_INTERRUPTED:
    default:
      g_set_error_literal (error, PB_SYNC_BRIDGE_ERROR, PB_SYNC_BRIDGE_ERROR_FAILED,
                           result->error ? result->error : "");
      return FALSE;
    }
}

static void
on_refresh_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbSyncBridge) self = user_data;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  PbSyncResult *sync_result;

  sync_result = pb_sync_run_finish (PB_SYNC (object), result, &error);
  if (self->held != NULL)
    {
      g_application_release (self->held);
      g_clear_object (&self->held);
    }
  if (self->waiting == NULL)
    {
      pb_sync_result_free (sync_result);
      return;  /* disposed */
    }

  if (sync_result != NULL)
    {
      g_debug ("The window's sync ended %s: %u new, %u updated",
               pb_sync_outcome_to_string (sync_result->outcome), sync_result->n_new,
               sync_result->n_updated);
      check_outcome (sync_result, &error);
      /* Cancelled: the window is closing, nobody to tell. */
      if (sync_result->outcome == PB_SYNC_OUTCOME_CANCELLED)
        pb_sync_result_free (sync_result);
      else
        tell (self, sync_result);  /* takes it */
    }
  else
    g_debug ("The window's sync did not run: %s", error->message);

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  set_flag (self, PROP_BUSY, FALSE);
  pb_sync_bridge_update_status (self);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
start_refresh (PbSyncBridge *self)
{
  g_autoptr(PbSync) sync = NULL;

  if (self->busy)
    return;

  set_flag (self, PROP_BUSY, TRUE);
  /* Closing the window cancels the sync (pb_sync_bridge_cancel()); held,
   * the process lets it end and record its run rather than cutting it off
   * on exit. */
  if (self->application != NULL)
    {
      self->held = g_object_ref (self->application);
      g_application_hold (self->held);
    }
  sync = pb_sync_new (pb_store_worker_get_path (self->worker));
  pb_sync_set_trigger (sync, "window");
  /* The service is syncing: say so now rather than after a wait. */
  pb_sync_set_lock_wait (sync, 0);
  pb_sync_run_async (sync, self->cancellable, on_refresh_done_cb, g_object_ref (self));
}

/**
 * pb_sync_bridge_refresh_async:
 *
 * Brings the papers up to date: a sync with the trigger "window". While it
 * runs, :busy is %TRUE. A refresh asked for while one runs waits for that
 * one.
 */
void
pb_sync_bridge_refresh_async (PbSyncBridge        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_sync_bridge_refresh_async);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  start_refresh (self);
}

/**
 * pb_sync_bridge_refresh_finish:
 *
 * Returns: %TRUE if the sync saved everything; otherwise %FALSE with
 *   @error set: %PB_SYNC_ERROR_BUSY while another process syncs, or a
 *   %PB_SYNC_BRIDGE_ERROR whose message is the sync's, in the user's words
 */
gboolean
pb_sync_bridge_refresh_finish (PbSyncBridge  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_stale_status_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSyncBridge *self = g_task_get_source_object (task);
  g_autoptr(Status) status = NULL;
  GError *error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  status = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  apply_status (self, status);
  if (status->sync_due_at > now)
    {
      g_debug ("The papers are fresh: no refresh before %" G_GINT64_FORMAT " s from now",
               status->sync_due_at - now);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (!self->network_available)
    {
      g_debug ("The papers are stale, but there is no network");
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_debug ("The papers are stale: refreshing");
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  start_refresh (self);
}

/**
 * pb_sync_bridge_refresh_if_stale_async:
 *
 * Refreshes when the sync is due as the background service sees it (the
 * refresh interval after the last good sync, later after failures; at once
 * when never synced) and the network is available.
 */
void
pb_sync_bridge_refresh_if_stale_async (PbSyncBridge        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_sync_bridge_refresh_if_stale_async);
  read_status_async (self, on_stale_status_read_cb, g_steal_pointer (&task));
}

/**
 * pb_sync_bridge_refresh_if_stale_finish:
 *
 * Returns: %TRUE if a refresh ran and saved everything; %FALSE with @error
 *   set as pb_sync_bridge_refresh_finish() does, or without when there was
 *   no need (or no network) to refresh
 */
gboolean
pb_sync_bridge_refresh_if_stale_finish (PbSyncBridge  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One paper */

static void
on_paper_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PbSyncResult) sync_result = NULL;
  GError *error = NULL;

  sync_result = pb_sync_run_finish (PB_SYNC (object), result, &error);
  if (sync_result == NULL || !check_outcome (sync_result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pb_sync_bridge_fetch_paper_async:
 * @id: an arXiv id
 *
 * Fetches one paper from Hugging Face (`/api/papers/ID`) into the store,
 * for opening a paper Paperboy does not have. Fails at once with
 * %G_IO_ERROR_NETWORK_UNREACHABLE when there is no network.
 */
void
pb_sync_bridge_fetch_paper_async (PbSyncBridge        *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PbSync) sync = NULL;
  const char *ids[] = { id, NULL };

  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_sync_bridge_fetch_paper_async);

  if (!self->network_available)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                               _("there is no network connection"));
      return;
    }

  sync = pb_sync_new (pb_store_worker_get_path (self->worker));
  pb_sync_set_trigger (sync, "paper");
  pb_sync_set_trending (sync, FALSE);
  pb_sync_set_daily_lists (sync, FALSE);
  pb_sync_set_paper_ids (sync, ids);
  pb_sync_run_async (sync, cancellable, on_paper_fetched_cb, g_steal_pointer (&task));
}

gboolean
pb_sync_bridge_fetch_paper_finish (PbSyncBridge  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
