/* pb-store-sync.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-store-private.h"

/*
 * What the sync keeps besides the papers: the log of runs, the validators of
 * each address for conditional requests, and the days it fetched.
 *
 * The back-off is not stored as state of its own: the scheduler derives it
 * from the log (failures since the last good run, and the time the server
 * asked us to wait), so that it cannot drift from what status shows.
 */

/* Runs kept in the log; older ones are dropped when a run ends. */
#define MAX_SYNC_RUNS 500

static const char * const outcome_names[] = {
  [PB_SYNC_OUTCOME_RUNNING] = "running",
  [PB_SYNC_OUTCOME_OK] = "ok",
  [PB_SYNC_OUTCOME_PARTIAL] = "partial",
  [PB_SYNC_OUTCOME_FAILED] = "failed",
  [PB_SYNC_OUTCOME_CANCELLED] = "cancelled",
  [PB_SYNC_OUTCOME_INTERRUPTED] = "interrupted",
};

const char *
pb_sync_outcome_to_string (PbSyncOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_names), "failed");
  return outcome_names[outcome];
}

static PbSyncOutcome
outcome_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (name, outcome_names[i]) == 0)
      return i;
  return PB_SYNC_OUTCOME_FAILED;
}

void
pb_sync_run_free (PbSyncRun *run)
{
  if (run == NULL)
    return;

  g_free (run->trigger);
  g_free (run->error);
  g_free (run);
}

void
pb_sync_history_clear (PbSyncHistory *history)
{
  g_clear_pointer (&history->last, pb_sync_run_free);
  g_clear_pointer (&history->last_ok, pb_sync_run_free);
  g_clear_pointer (&history->last_failure, pb_sync_run_free);
  history->n_failures = 0;
}

void
pb_http_validators_clear (PbHttpValidators *validators)
{
  g_clear_pointer (&validators->etag, g_free);
  g_clear_pointer (&validators->last_modified, g_free);
  validators->n_items = 0;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * pb_store_begin_sync_run:
 * @trigger: manual, scheduled or window
 *
 * Notes the start of a run, committed at once, so that a run that never
 * ends (the process was killed) is seen. The caller holds the sync lock, so
 * any run still marked as running died with its process: those are marked
 * interrupted here.
 *
 * Returns: the run's id, or 0 with @error set
 */
gint64
pb_store_begin_sync_run (PbStore     *self,
                         const char  *trigger,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stale = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (trigger != NULL, 0);

  if (!pb_store_begin (self, FALSE, error))
    return 0;

  stale = _pb_store_prepare (self,
                             "UPDATE sync_runs SET outcome = 'interrupted', "
                             "finished_at = max (started_at, ifnull (finished_at, started_at)), "
                             "error = 'the sync was interrupted (its process ended early)' "
                             "WHERE outcome = 'running'",
                             error);
  insert = stale ? _pb_store_prepare (self,
                                      "INSERT INTO sync_runs (started_at, outcome, trigger) "
                                      "VALUES (?1, 'running', ?2)",
                                      error) : NULL;
  if (insert == NULL || !_pb_store_step_done (self, stale, error, N_("Cannot record the sync")))
    goto failed;

  if (sqlite3_changes (self->db) > 0)
    g_debug ("Marked %d earlier sync run(s) as interrupted", sqlite3_changes (self->db));

  sqlite3_bind_int64 (insert, 1, now_seconds ());
  sqlite3_bind_text (insert, 2, trigger, -1, SQLITE_STATIC);
  if (!_pb_store_step_done (self, insert, error, N_("Cannot record the sync")))
    goto failed;
  id = sqlite3_last_insert_rowid (self->db);

  if (!pb_store_commit (self, error))
    return 0;
  return id;

failed:
  pb_store_rollback (self);
  return 0;
}

static gboolean
prune_sync_runs (PbStore  *self,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _pb_store_prepare (self,
                            "DELETE FROM sync_runs WHERE id <= "
                            "(SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1 OFFSET ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, MAX_SYNC_RUNS);
  return _pb_store_step_done (self, stmt, error, N_("Cannot prune the sync log"));
}

/**
 * pb_store_end_sync_run:
 * @run: the run as it ended; @run->id names the row
 *
 * Writes how a run ended. Runs inside the caller's transaction if one is
 * open, so that the record and the run's last data commit together.
 */
gboolean
pb_store_end_sync_run (PbStore          *self,
                       const PbSyncRun  *run,
                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (run != NULL && run->id > 0, FALSE);

  stmt = _pb_store_prepare (self,
                            "UPDATE sync_runs SET finished_at = ?2, outcome = ?3, n_new = ?4, "
                            "n_updated = ?5, n_requests = ?6, n_not_modified = ?7, "
                            "n_failed = ?8, n_bytes = ?9, error = ?10, retry_at = ?11 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, run->id);
  sqlite3_bind_int64 (stmt, 2, run->finished_at > 0 ? run->finished_at : now_seconds ());
  sqlite3_bind_text (stmt, 3, pb_sync_outcome_to_string (run->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, run->n_new);
  sqlite3_bind_int (stmt, 5, run->n_updated);
  sqlite3_bind_int (stmt, 6, run->n_requests);
  sqlite3_bind_int (stmt, 7, run->n_not_modified);
  sqlite3_bind_int (stmt, 8, run->n_failed);
  sqlite3_bind_int64 (stmt, 9, (gint64)MIN (run->n_bytes, G_MAXINT64));
  _pb_store_bind_text (stmt, 10, run->error);
  if (run->retry_at > 0)
    sqlite3_bind_int64 (stmt, 11, run->retry_at);

  return _pb_store_step_done (self, stmt, error, N_("Cannot record the end of the sync")) &&
         prune_sync_runs (self, error);
}

#define SYNC_RUN_COLUMNS \
  "id, started_at, finished_at, outcome, trigger, n_new, n_updated, n_requests, " \
  "n_not_modified, n_failed, n_bytes, error, retry_at"

static PbSyncRun *
read_sync_run (sqlite3_stmt *stmt)
{
  PbSyncRun *run = g_new0 (PbSyncRun, 1);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->started_at = sqlite3_column_int64 (stmt, 1);
  run->finished_at = sqlite3_column_int64 (stmt, 2);
  run->outcome = outcome_from_string ((const char *)sqlite3_column_text (stmt, 3));
  run->trigger = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  run->n_new = sqlite3_column_int (stmt, 5);
  run->n_updated = sqlite3_column_int (stmt, 6);
  run->n_requests = sqlite3_column_int (stmt, 7);
  run->n_not_modified = sqlite3_column_int (stmt, 8);
  run->n_failed = sqlite3_column_int (stmt, 9);
  run->n_bytes = sqlite3_column_int64 (stmt, 10);
  run->error = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
  run->retry_at = sqlite3_column_int64 (stmt, 12);

  return run;
}

/* Returns the newest run matching @where, %NULL if none (or on error). */
static PbSyncRun *
find_sync_run (PbStore     *self,
               const char  *sql,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_sync_run (stmt);
  if (rc != SQLITE_DONE)
    _pb_store_set_error (self, rc, error, N_("Cannot read the sync log"));

  return NULL;
}

/* Runs that only fetched papers by id (the window opening a paper it did
 * not have) say nothing about how fresh the lists are. */
#define NOT_PAPER_RUN "trigger <> 'paper' "

/**
 * pb_store_get_sync_history:
 * @history: (out caller-allocates): filled in; clear it with
 *   pb_sync_history_clear()
 *
 * The runs that synced the lists: runs with the trigger "paper" (papers
 * fetched one by one, see pb_sync_set_daily_lists()) are left out.
 */
gboolean
pb_store_get_sync_history (PbStore        *self,
                           PbSyncHistory  *history,
                           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  gint64 last_ok_id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (history != NULL, FALSE);

  memset (history, 0, sizeof *history);

  history->last = find_sync_run (self,
                                 "SELECT " SYNC_RUN_COLUMNS " FROM sync_runs "
                                 "WHERE outcome NOT IN ('running', 'cancelled') AND " NOT_PAPER_RUN
                                 "ORDER BY id DESC LIMIT 1",
                                 &local_error);
  if (local_error == NULL)
    history->last_ok = find_sync_run (self,
                                      "SELECT " SYNC_RUN_COLUMNS " FROM sync_runs "
                                      "WHERE outcome = 'ok' AND " NOT_PAPER_RUN
                                      "ORDER BY id DESC LIMIT 1",
                                      &local_error);
  if (local_error == NULL)
    history->last_failure = find_sync_run (self,
                                           "SELECT " SYNC_RUN_COLUMNS " FROM sync_runs "
                                           "WHERE outcome IN ('partial', 'failed', 'interrupted') "
                                           "AND " NOT_PAPER_RUN
                                           "ORDER BY id DESC LIMIT 1",
                                           &local_error);
  if (local_error == NULL)
    count = _pb_store_prepare (self,
                               "SELECT count(*) FROM sync_runs WHERE id > ?1 "
                               "AND outcome IN ('partial', 'failed', 'interrupted') AND " NOT_PAPER_RUN,
                               &local_error);
  if (count != NULL)
    {
      last_ok_id = history->last_ok ? history->last_ok->id : 0;
      sqlite3_bind_int64 (count, 1, last_ok_id);
      if (sqlite3_step (count) == SQLITE_ROW)
        history->n_failures = sqlite3_column_int (count, 0);
      else
        _pb_store_set_error (self, sqlite3_errcode (self->db), &local_error,
                             N_("Cannot read the sync log"));
    }

  if (local_error != NULL)
    {
      pb_sync_history_clear (history);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_store_list_sync_runs:
 *
 * Returns: (transfer full) (element-type PbSyncRun): the newest @limit runs,
 *   newest first, or %NULL with @error set
 */
GPtrArray *
pb_store_list_sync_runs (PbStore  *self,
                         guint     limit,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_sync_run_free);
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT " SYNC_RUN_COLUMNS " FROM sync_runs ORDER BY id DESC LIMIT ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (runs, read_sync_run (stmt));
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the sync log")), NULL;

  return g_steal_pointer (&runs);
}

/**
 * pb_store_get_validators:
 * @validators: (out caller-allocates): empty when nothing is stored for @url
 */
gboolean
pb_store_get_validators (PbStore           *self,
                         const char        *url,
                         PbHttpValidators  *validators,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL && validators != NULL, FALSE);

  memset (validators, 0, sizeof *validators);

  stmt = _pb_store_prepare (self,
                            "SELECT etag, last_modified, n_items FROM http_cache WHERE url = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      validators->etag = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      validators->last_modified = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      validators->n_items = sqlite3_column_int (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the request cache"));

  return TRUE;
}

/**
 * pb_store_set_validators:
 * @validators: (nullable): %NULL, or no validator at all, forgets @url
 *
 * Stores them in the caller's transaction, beside the data they describe:
 * a validator must never outlive a rollback of its data, or the next
 * request would be answered "not modified" for data we do not have.
 */
gboolean
pb_store_set_validators (PbStore                 *self,
                         const char              *url,
                         const PbHttpValidators  *validators,
                         GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean forget;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  forget = validators == NULL || (validators->etag == NULL && validators->last_modified == NULL);
  stmt = _pb_store_prepare (self,
                            forget
                            ? "DELETE FROM http_cache WHERE url = ?1"
                            : "INSERT OR REPLACE INTO http_cache (url, etag, last_modified, "
                              "n_items, stored_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  if (!forget)
    {
      _pb_store_bind_text (stmt, 2, validators->etag);
      _pb_store_bind_text (stmt, 3, validators->last_modified);
      sqlite3_bind_int (stmt, 4, validators->n_items);
      sqlite3_bind_int64 (stmt, 5, now_seconds ());
    }

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the request cache"));
}

/**
 * pb_store_record_fetched_day:
 * @n_papers: papers in the day's list; 0 for a weekend or holiday
 *
 * Notes that the daily list of @list_date was fetched now.
 */
gboolean
pb_store_record_fetched_day (PbStore     *self,
                             const char  *list_date,
                             guint        n_papers,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (list_date != NULL, FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT OR REPLACE INTO fetched_days (list_date, fetched_at, n_papers) "
                            "VALUES (?1, ?2, ?3)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, list_date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  sqlite3_bind_int (stmt, 3, n_papers);

  return _pb_store_step_done (self, stmt, error, N_("Cannot record the fetched day"));
}

/**
 * pb_store_get_day_fetched_at:
 *
 * Returns: when the daily list of @list_date was last fetched, 0 if never
 */
gint64
pb_store_get_day_fetched_at (PbStore    *self,
                             const char *list_date)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  stmt = _pb_store_prepare (self, "SELECT fetched_at FROM fetched_days WHERE list_date = ?1",
                            NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, list_date, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pb_store_list_ids:
 * @kind: %PB_LIST_DAILY (with @list_date) or %PB_LIST_TRENDING (the
 *   current trending list)
 *
 * Returns: (transfer full) (element-type utf8): the ids in the list, in
 *   rank order, or %NULL with @error set
 */
GPtrArray *
pb_store_list_ids (PbStore     *self,
                   PbListKind   kind,
                   const char  *list_date,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind == PB_LIST_TRENDING || (kind == PB_LIST_DAILY && list_date), NULL);

  if (kind == PB_LIST_DAILY)
    stmt = _pb_store_prepare (self,
                              "SELECT p.id FROM daily_lists d JOIN papers p ON p.pk = d.paper_pk "
                              "WHERE d.list_date = ?1 ORDER BY d.rank",
                              error);
  else
    stmt = _pb_store_prepare (self,
                              "SELECT p.id FROM trending_entries t "
                              "JOIN papers p ON p.pk = t.paper_pk WHERE t.snapshot_id = "
                              "(SELECT max (id) FROM trending_snapshots) ORDER BY t.rank",
                              error);
  if (stmt == NULL)
    return NULL;

  if (kind == PB_LIST_DAILY)
    sqlite3_bind_text (stmt, 1, list_date, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read a list")), NULL;

  return g_steal_pointer (&ids);
}
