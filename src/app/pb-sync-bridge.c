/* pb-sync-bridge.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-sync-bridge"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-snapshot.h"
#include "pb-sync-bridge.h"

/**
 * PbSyncBridge:
 *
 * The window's only contact with syncing: what it shows about freshness
 * (when the papers were last updated, whether they are still the bundled
 * snapshot, whether there is a network) and the one thing it asks for
 * (refresh, on the refresh button and Ctrl+R).
 *
 * The sync engine is built apart from the window (issue 3). Until it is
 * connected here, a refresh fetches nothing: it re-reads the store and the
 * window re-reads its lists, which is also what a refresh does after the
 * sync. Connecting it takes two changes, both in this file:
 *
 *  - run_sync() runs the real sync on its thread (taking the sync lock, so
 *    that the background service and the window never sync at once) and
 *    returns its failure as a GError whose message is in the user's words;
 *  - read_status() reads the last successful sync from the runs the sync
 *    records, instead of the time the trending list was last stored.
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
  GCancellable    *cancellable;       /* (owned) */
  GPtrArray       *waiting;           /* (owned) (element-type GTask): refresh callers */

  gint64           last_updated;      /* unix seconds, 0 = unknown */
  char            *snapshot_date;
  guint            busy : 1;
  guint            network_available : 1;
  guint            snapshot : 1;
};

G_DEFINE_FINAL_TYPE (PbSyncBridge, pb_sync_bridge, G_TYPE_OBJECT)

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
  char   *snapshot_date;   /* (nullable): set while the data is the snapshot */
} Status;

static void
status_free (Status *status)
{
  g_free (status->snapshot_date);
  g_free (status);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Status, status_free)

/* The seam, part one: runs on a thread of its own (a sync takes seconds and
 * must not hold up the window's database worker). No sync engine yet, so
 * there is nothing to fetch; see the class description. */
static gboolean
run_sync (GCancellable  *cancellable,
          GError       **error)
{
  g_debug ("No sync engine connected: a refresh re-reads the store");
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The seam, part two: runs on the database worker. */
static gpointer
read_status (PbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(Status) status = g_new0 (Status, 1);

  status->last_updated = pb_store_get_trending_fetched_at (store);
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

  g_free (self->snapshot_date);
  self->snapshot_date = g_steal_pointer (&status->snapshot_date);
  set_flag (self, PROP_SNAPSHOT, self->snapshot_date != NULL);

  if (self->last_updated != status->last_updated)
    {
      self->last_updated = status->last_updated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATED]);
    }
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
 */
PbSyncBridge *
pb_sync_bridge_new (PbStoreWorker   *worker,
                    GNetworkMonitor *network_monitor)
{
  PbSyncBridge *self;

  g_return_val_if_fail (PB_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (network_monitor), NULL);

  self = g_object_new (PB_TYPE_SYNC_BRIDGE, NULL);
  self->worker = g_object_ref (worker);
  self->network_monitor = g_object_ref (network_monitor);
  g_signal_connect_object (network_monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  on_network_changed_cb (self);
  pb_sync_bridge_update_status (self);

  return self;
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

  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_PREFETCH, read_status,
                             NULL, NULL, (GDestroyNotify)status_free, self->cancellable,
                             on_status_read_cb, g_object_ref (self));
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (!run_sync (cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_refresh_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbSyncBridge *self = PB_SYNC_BRIDGE (object);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->waiting == NULL)
    return;  /* disposed */

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

/**
 * pb_sync_bridge_refresh_async:
 *
 * Brings the papers up to date. While it runs, :busy is %TRUE. A refresh
 * asked for while one runs waits for that one.
 */
void
pb_sync_bridge_refresh_async (PbSyncBridge        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (PB_IS_SYNC_BRIDGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_sync_bridge_refresh_async);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));

  if (self->busy)
    return;

  set_flag (self, PROP_BUSY, TRUE);
  inner = g_task_new (self, self->cancellable, on_refresh_done_cb, NULL);
  g_task_set_source_tag (inner, run_sync);
  g_task_run_in_thread (inner, refresh_thread);
}

gboolean
pb_sync_bridge_refresh_finish (PbSyncBridge  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PB_IS_SYNC_BRIDGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
