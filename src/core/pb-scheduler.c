/* pb-scheduler.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-settings.h"
#include "pb-scheduler.h"

/**
 * PbScheduler:
 *
 * Decides, once per tick, whether background work is due, and does it. A
 * tick is cheap: it reads the stored wall-clock times of past runs and
 * compares them with now, so that sleep, suspend and restarts are harmless,
 * and a clock that moved backwards makes work due rather than postponing it
 * for as long as it moved.
 *
 * The work is a short list of due-checks (below): the sync now, the daily
 * digest later. Each says when it is due and how to run; checks that need
 * the network are skipped, with the reason logged, when the API cannot be
 * reached, the connection is metered or power saving is on.
 *
 * `paperboy-cli run-due` runs one tick; `paperboy-cli service` runs ticks
 * on a timer and when the network comes back or the machine resumes.
 */

struct _PbScheduler
{
  GObject    parent_instance;

  char      *db_path;
  GSettings *settings;   /* (owned) (nullable): no schema installed */
  gint64     now;        /* 0: the real clock */
};

G_DEFINE_FINAL_TYPE (PbScheduler, pb_scheduler, G_TYPE_OBJECT)

/* Conditions read on the caller's thread, where the monitors live. */
typedef struct
{
  gboolean  metered;
  gboolean  power_saver;
  char     *api_url;
} Conditions;

typedef struct _DueCheck DueCheck;

struct _DueCheck
{
  const char *name;
  const char *label;            /* NC_("due check", …) */
  gboolean    needs_network;
  /* Returns when the work is due (unix seconds), 0 for never. */
  gint64    (*due_at) (PbScheduler *self, PbStore *store, gint64 now, GError **error);
  /* Does the work, blocking (ticks run on a worker thread). */
  gboolean  (*run)    (PbScheduler *self, PbTickItem *item, GCancellable *cancellable);
};

static gint64   sync_due_at   (PbScheduler *self, PbStore *store, gint64 now, GError **error);
static gboolean sync_run      (PbScheduler *self, PbTickItem *item, GCancellable *cancellable);
static gint64   digest_due_at (PbScheduler *self, PbStore *store, gint64 now, GError **error);
static gboolean digest_run    (PbScheduler *self, PbTickItem *item, GCancellable *cancellable);

/* The due-checks, in the order a tick runs them: the digest after the sync,
 * so that it can hold the papers just fetched. The digest needs no network
 * check of ours: it keeps its own schedule of retries when mail cannot go. */
static const DueCheck due_checks[] = {
  /* Translators: the name of background work, as `paperboy-cli run-due`
   * prints it: "sync: 12 new papers, 3 updated" */
  { "sync", NC_("due check", "sync"), TRUE, sync_due_at, sync_run },
  /* Translators: the name of background work, as `paperboy-cli run-due`
   * prints it: "digest: not due until …" */
  { "digest", NC_("due check", "digest"), FALSE, digest_due_at, digest_run },
};

void
pb_tick_item_free (PbTickItem *item)
{
  if (item == NULL)
    return;

  g_free (item->skipped);
  g_free (item->summary);
  g_clear_error (&item->error);
  pb_sync_result_free (item->sync_result);
  pb_digest_report_free (item->digest_report);
  g_free (item);
}

static void
pb_scheduler_finalize (GObject *object)
{
  PbScheduler *self = (PbScheduler *)object;

  g_free (self->db_path);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pb_scheduler_parent_class)->finalize (object);
}

static void
pb_scheduler_class_init (PbSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_scheduler_finalize;
}

static void
pb_scheduler_init (PbScheduler *self)
{
}

/**
 * pb_scheduler_new:
 * @db_path: (nullable): the database; %NULL for the default one
 */
PbScheduler *
pb_scheduler_new (const char *db_path)
{
  PbScheduler *self = g_object_new (PB_TYPE_SCHEDULER, NULL);

  self->db_path = db_path ? g_strdup (db_path) : pb_store_dup_default_path ();
  self->settings = pb_settings_new ();

  return self;
}

/**
 * pb_scheduler_set_now:
 * @now: unix seconds to use as the current time; 0 for the real clock
 *
 * For tests of the due logic.
 */
void
pb_scheduler_set_now (PbScheduler *self,
                      gint64       now)
{
  g_return_if_fail (PB_IS_SCHEDULER (self));
  self->now = now;
}

gint64
pb_scheduler_get_now (PbScheduler *self)
{
  g_return_val_if_fail (PB_IS_SCHEDULER (self), 0);

  return self->now ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/* ±20 %, fixed for a given run, so that status and the scheduler agree on
 * the time and many clients that failed together do not retry together. */
static gint64
jitter (gint64 delay,
        gint64 seed)
{
  guint32 hash = (guint32)(seed * 2654435761u);

  return delay + delay * ((gint64)(hash % 41) - 20) / 100;
}

/**
 * pb_scheduler_sync_due_at:
 * @history: the sync log
 * @interval_minutes: the refresh interval
 * @now: unix seconds
 *
 * When the next sync is due:
 * - never synced: now;
 * - after a good run: the refresh interval after it ended;
 * - after failures: an exponential back-off from %PB_SCHEDULER_BACKOFF_BASE,
 *   with jitter, capped at the interval, and never before the time the
 *   server asked for;
 * - a run that seems to have started in the future means the clock went
 *   backwards: now.
 *
 * Returns: unix seconds; at most @now when due
 */
gint64
pb_scheduler_sync_due_at (const PbSyncHistory *history,
                          guint                interval_minutes,
                          gint64               now)
{
  const PbSyncRun *last = history->last;
  gint64 interval = (gint64)MAX (interval_minutes, 1u) * 60;
  gint64 ended, delay, due;
  guint shift;

  if (last == NULL)
    return now;

  if (last->started_at > now + PB_SCHEDULER_CLOCK_SLACK)
    return now;

  ended = MAX (last->finished_at, last->started_at);
  if (last->outcome == PB_SYNC_OUTCOME_OK)
    return ended + interval;

  shift = MIN (MAX (history->n_failures, 1u) - 1, 20u);
  delay = MIN (interval, (gint64)PB_SCHEDULER_BACKOFF_BASE << shift);
  due = ended + jitter (delay, last->id);

  if (last->retry_at > due)
    due = last->retry_at;

  return due;
}

static gint64
sync_due_at (PbScheduler  *self,
             PbStore      *store,
             gint64        now,
             GError      **error)
{
  g_auto(PbSyncHistory) history = { 0, };

  if (!pb_settings_get_background_refresh (self->settings))
    return 0;
  if (!pb_store_get_sync_history (store, &history, error))
    return -1;

  if (history.last != NULL && history.last->started_at > now + PB_SCHEDULER_CLOCK_SLACK)
    g_debug ("The last sync seems to have started in the future: the clock moved backwards");

  return pb_scheduler_sync_due_at (&history,
                                   pb_settings_get_refresh_interval (self->settings), now);
}

static char *
summarize_sync (PbSyncResult *result)
{
  g_autofree char *papers = NULL;
  g_autofree char *updated = NULL;

  switch (result->outcome)
    {
    case PB_SYNC_OUTCOME_OK:
    case PB_SYNC_OUTCOME_PARTIAL:
      papers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u new paper", "%'u new papers",
                                             result->n_new), result->n_new);
      /* Translators: papers whose details changed */
      updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u updated", "%'u updated",
                                              result->n_updated), result->n_updated);
      if (result->outcome == PB_SYNC_OUTCOME_OK)
        /* Translators: "12 new papers, 3 updated" */
        return g_strdup_printf (_("%1$s, %2$s"), papers, updated);
      /* Translators: "12 new papers, 3 updated; some lists failed: WHY" */
      return g_strdup_printf (_("%1$s, %2$s; some lists failed: %3$s"), papers, updated, result->error);
    case PB_SYNC_OUTCOME_CANCELLED:
      return g_strdup (_("stopped"));
    case PB_SYNC_OUTCOME_FAILED:
    case PB_SYNC_OUTCOME_RUNNING:
    case PB_SYNC_OUTCOME_INTERRUPTED:
    default:
      return g_strdup_printf (_("failed: %s"), result->error);
    }
}

static gboolean
sync_run (PbScheduler  *self,
          PbTickItem   *item,
          GCancellable *cancellable)
{
  g_autoptr(PbSync) sync = pb_sync_new (self->db_path);

  /* Another process syncing right now does the work for us. */
  pb_sync_set_trigger (sync, "scheduled");
  pb_sync_set_lock_wait (sync, 0);

  item->sync_result = pb_sync_run (sync, cancellable, &item->error);
  if (item->sync_result == NULL)
    return FALSE;

  item->summary = summarize_sync (item->sync_result);
  return item->sync_result->outcome == PB_SYNC_OUTCOME_OK ||
         item->sync_result->outcome == PB_SYNC_OUTCOME_PARTIAL;
}

/* Whether the digest's day has come is the digest's own business
 * (pb_digest_run_due() knows its time, weekdays, claims and retries), so
 * an enabled digest is asked on every tick. */
static gint64
digest_due_at (PbScheduler  *self,
               PbStore      *store,
               gint64        now,
               GError      **error)
{
  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "digest-enabled"))
    return 0;

  return now;
}

static gboolean
digest_run (PbScheduler  *self,
            PbTickItem   *item,
            GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (pb_scheduler_get_now (self));
  g_autoptr(PbStore) store = pb_store_open (self->db_path, &item->error);

  if (store == NULL ||
      !pb_digest_run_due (store, self->settings, now, cancellable, &item->digest_report,
                          &item->error))
    return FALSE;

  /* Asked, but its day was not due: report it like a check that was not due. */
  if (item->digest_report->outcome == PB_DIGEST_OUTCOME_NOT_DUE)
    {
      item->ran = FALSE;
      item->due = FALSE;
      item->due_at = item->digest_report->next_check;
      return TRUE;
    }

  item->summary = g_strdup (item->digest_report->message);
  return item->digest_report->outcome == PB_DIGEST_OUTCOME_SENT ||
         item->digest_report->outcome == PB_DIGEST_OUTCOME_EMPTY;
}

/**
 * pb_scheduler_get_next_sync:
 * @store: an open store on the scheduler's database
 * @due_at: (out): unix seconds; 0 when background refresh is off
 */
gboolean
pb_scheduler_get_next_sync (PbScheduler  *self,
                            PbStore      *store,
                            gint64       *due_at,
                            GError      **error)
{
  g_return_val_if_fail (PB_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  *due_at = sync_due_at (self, store, pb_scheduler_get_now (self), error);
  return *due_at >= 0;
}

/* The network conditions, for checks that need it. Returns the reason to
 * skip, or %NULL. */
static char *
dup_skip_reason (const Conditions *conditions,
                 GCancellable     *cancellable)
{
  g_autoptr(GUri) uri = g_uri_parse (conditions->api_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GError) error = NULL;
  int port;

  if (conditions->power_saver)
    return g_strdup (_("power saving is on"));
  if (conditions->metered)
    return g_strdup (_("the network connection is metered"));
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup_printf (_("“%s” is not a web address"), conditions->api_url);

  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ? 80 : 443;
  address = g_network_address_new (g_uri_get_host (uri), port);
  if (!g_network_monitor_can_reach (g_network_monitor_get_default (), address, cancellable,
                                    &error))
    /* Translators: a host name, then why it cannot be reached */
    return g_strdup_printf (_("offline (%1$s cannot be reached: %2$s)"), g_uri_get_host (uri),
                            error->message);

  return NULL;
}

static PbTickItem *
tick_one (PbScheduler      *self,
          const DueCheck   *check,
          PbStore          *store,
          const Conditions *conditions,
          GCancellable     *cancellable)
{
  PbTickItem *item = g_new0 (PbTickItem, 1);
  gint64 now = pb_scheduler_get_now (self);

  item->name = check->name;
  item->label = g_dpgettext2 (GETTEXT_PACKAGE, "due check", check->label);
  item->due_at = check->due_at (self, store, now, &item->error);
  if (item->due_at < 0)
    return item;

  item->due = item->due_at > 0 && item->due_at <= now;
  if (!item->due)
    {
      g_debug ("%s: not due%s", check->name, item->due_at == 0 ? " (turned off)" : "");
      return item;
    }

  if (check->needs_network && (item->skipped = dup_skip_reason (conditions, cancellable)))
    {
      g_debug ("Skipping %s: %s", check->name, item->skipped);
      return item;
    }

  g_debug ("%s is due; running it", check->name);
  item->ran = TRUE;
  check->run (self, item, cancellable);
  return item;
}

static void
tick_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PbScheduler *self = source_object;
  const Conditions *conditions = task_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_tick_item_free);
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (due_checks); i++)
    {
      /* Each check reads the database afresh: the one before may have
       * written to it. */
      g_autoptr(PbStore) store = pb_store_open (self->db_path, &error);

      if (store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (items, tick_one (self, &due_checks[i], store, conditions, cancellable));
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify)g_ptr_array_unref);
}

static void
conditions_free (Conditions *conditions)
{
  g_free (conditions->api_url);
  g_free (conditions);
}

/**
 * pb_scheduler_tick_async:
 *
 * Runs one tick on a worker thread: each due-check that is due runs.
 */
void
pb_scheduler_tick_async (PbScheduler         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Conditions *conditions = g_new0 (Conditions, 1);
  GNetworkMonitor *network = g_network_monitor_get_default ();
  g_autoptr(GPowerProfileMonitor) power = g_power_profile_monitor_dup_default ();

  g_return_if_fail (PB_IS_SCHEDULER (self));

  conditions->metered = g_network_monitor_get_network_metered (network);
  conditions->power_saver = power != NULL && g_power_profile_monitor_get_power_saver_enabled (power);
  conditions->api_url = pb_settings_dup_api_url (self->settings);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_scheduler_tick_async);
  g_task_set_task_data (task, conditions, (GDestroyNotify)conditions_free);
  g_task_run_in_thread (task, tick_in_thread);
}

/**
 * pb_scheduler_tick_finish:
 *
 * Returns: (transfer full) (element-type PbTickItem): one item per
 *   due-check, or %NULL with @error set when the database cannot be opened
 */
GPtrArray *
pb_scheduler_tick_finish (PbScheduler   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (PB_IS_SCHEDULER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
