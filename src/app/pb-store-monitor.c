/* pb-store-monitor.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store-monitor"

#include "config.h"

#include "pb-store-monitor.h"

/**
 * PbStoreMonitor:
 *
 * Tells the window when another process (the background sync, the command
 * line) committed to the database, so that it can refresh what it shows.
 *
 * A commit in WAL mode writes the -wal file next to the database, so a
 * file monitor on the database's folder wakes us (inotify: no polling, no
 * wake-ups while nothing happens). Each burst of events is checked, after
 * a short delay, against SQLite's PRAGMA data_version on the worker's
 * connection, which changes only for commits of other connections: the
 * window's own writes (a star) do not count, and neither do reads nor
 * checkpoints. Only a real change emits #PbStoreMonitor::changed, at most
 * CHECK_DELAY_MS plus a worker job after the commit.
 *
 * Where the folder cannot be monitored, the version is polled every
 * POLL_INTERVAL_S seconds instead.
 */

#define CHECK_DELAY_MS  250
#define POLL_INTERVAL_S 2

struct _PbStoreMonitor
{
  GObject        parent_instance;

  PbStoreWorker *worker;        /* (owned) */
  GFileMonitor  *file_monitor;  /* (owned) (nullable) */
  GCancellable  *cancellable;   /* (owned) */
  char          *db_name;
  gint64         data_version;  /* -1 until first read */
  guint          check_source;
  guint          poll_source;
  gboolean       checking;
  gboolean       check_again;
};

G_DEFINE_FINAL_TYPE (PbStoreMonitor, pb_store_monitor, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gpointer
read_version_thread (PbStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 version = pb_store_get_data_version (store);

  return g_memdup2 (&version, sizeof version);
}

static void start_check (PbStoreMonitor *self);

static void
on_version_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbStoreMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *version = NULL;
  gboolean changed;

  version = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->checking = FALSE;
  if (version == NULL)
    {
      g_debug ("Cannot read the data version: %s", error->message);
      return;
    }

  changed = self->data_version >= 0 && *version != self->data_version;
  self->data_version = *version;

  if (changed)
    {
      g_debug ("Another process changed the database (data version %" G_GINT64_FORMAT ")",
               *version);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  if (self->check_again)
    {
      self->check_again = FALSE;
      start_check (self);
    }
}

static void
start_check (PbStoreMonitor *self)
{
  if (self->checking)
    {
      /* Events during a check: look again once it is done. */
      self->check_again = TRUE;
      return;
    }

  self->checking = TRUE;
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_VISIBLE,
                             read_version_thread, NULL, NULL, g_free, self->cancellable,
                             on_version_read_cb, g_object_ref (self));
}

static gboolean
on_check_timeout_cb (gpointer user_data)
{
  PbStoreMonitor *self = user_data;

  self->check_source = 0;
  start_check (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  start_check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_file_changed_cb (PbStoreMonitor    *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_autofree char *name = g_file_get_basename (file);

  /* papers.db, papers.db-wal; not -shm (mapped, changed by readers too). */
  if (!g_str_has_prefix (name, self->db_name) || g_str_has_suffix (name, "-shm"))
    return;

  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, on_check_timeout_cb, self);
}

static void
pb_store_monitor_dispose (GObject *object)
{
  PbStoreMonitor *self = (PbStoreMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_monitor, self);
      g_file_monitor_cancel (self->file_monitor);
    }
  g_clear_object (&self->file_monitor);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (pb_store_monitor_parent_class)->dispose (object);
}

static void
pb_store_monitor_finalize (GObject *object)
{
  PbStoreMonitor *self = (PbStoreMonitor *)object;

  g_clear_object (&self->cancellable);
  g_free (self->db_name);

  G_OBJECT_CLASS (pb_store_monitor_parent_class)->finalize (object);
}

static void
pb_store_monitor_class_init (PbStoreMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_store_monitor_dispose;
  object_class->finalize = pb_store_monitor_finalize;

  /**
   * PbStoreMonitor::changed:
   *
   * Another process committed to the database.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_store_monitor_init (PbStoreMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->data_version = -1;
}

/**
 * pb_store_monitor_new:
 * @worker: the worker whose connection compares data versions
 */
PbStoreMonitor *
pb_store_monitor_new (PbStoreWorker *worker)
{
  g_autoptr(GFile) db = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  PbStoreMonitor *self;

  g_return_val_if_fail (PB_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PB_TYPE_STORE_MONITOR, NULL);
  self->worker = g_object_ref (worker);

  db = g_file_new_for_path (pb_store_worker_get_path (worker));
  folder = g_file_get_parent (db);
  self->db_name = g_file_get_basename (db);
  self->file_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);

  if (self->file_monitor != NULL)
    g_signal_connect_object (self->file_monitor, "changed", G_CALLBACK (on_file_changed_cb),
                             self, G_CONNECT_SWAPPED);
  else
    {
      g_debug ("Cannot monitor the database folder (%s): polling every %d s",
               error->message, POLL_INTERVAL_S);
      self->poll_source = g_timeout_add_seconds (POLL_INTERVAL_S, on_poll_timeout_cb, self);
    }

  /* The version to compare with. */
  start_check (self);
  return self;
}

/**
 * pb_store_monitor_check:
 *
 * Compares the data version now (for when the window comes back to the
 * foreground, or after a suspend).
 */
void
pb_store_monitor_check (PbStoreMonitor *self)
{
  g_return_if_fail (PB_IS_STORE_MONITOR (self));
  start_check (self);
}
