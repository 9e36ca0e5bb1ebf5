/* test-sync.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The sync against the stand-in API on 127.0.0.1: the real captures, and
 * every fault the issue lists. Each case ends with what the user is told
 * (the recorded outcome and error) and a database that passes
 * pb_store_check_integrity().
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <utime.h>

#include "pb-lock.h"
#include "pb-scheduler.h"
#include "pb-snapshot.h"
#include "pb-sync.h"
#include "pb-test-server.h"
#include "pb-thumbnails.h"

typedef struct
{
  PbTestServer *server;
  char         *dir;
  char         *db_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = pb_test_server_new (PB_TEST_DATA_DIR "/hf");
  f->dir = g_dir_make_tmp ("pb-test-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "papers.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pb_test_server_release_stalled (f->server);
  g_clear_pointer (&f->server, pb_test_server_free);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static PbSync *
new_sync (Fixture    *f,
          const char *from,
          const char *to)
{
  PbSync *sync = pb_sync_new (f->db_path);
  g_autoptr(GError) error = NULL;

  pb_sync_set_api_url (sync, pb_test_server_get_url (f->server));
  pb_sync_set_thumbnails (sync, FALSE, NULL, NULL);
  if (from != NULL)
    {
      pb_sync_set_range (sync, from, to, &error);
      g_assert_no_error (error);
    }

  return sync;
}

static PbSyncResult *
run_sync (Fixture    *f,
          const char *from,
          const char *to)
{
  g_autoptr(PbSync) sync = new_sync (f, from, to);
  g_autoptr(GError) error = NULL;
  PbSyncResult *result = pb_sync_run (sync, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static PbStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PbStore *store = pb_store_open (f->db_path, &error);

  g_assert_no_error (error);
  return store;
}

static void
assert_intact (Fixture *f)
{
  g_autoptr(PbStore) store = open_store (f);
  g_autoptr(GError) error = NULL;

  pb_store_check_integrity (store, &error);
  g_assert_no_error (error);
}

static PbSyncRun *
dup_last_run (Fixture *f)
{
  g_autoptr(PbStore) store = open_store (f);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = pb_store_list_sync_runs (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  return g_ptr_array_steal_index (runs, 0);
}

static gint64
count_day (Fixture    *f,
           const char *date)
{
  g_autoptr(PbStore) store = open_store (f);
  g_autoptr(GPtrArray) ids = pb_store_list_ids (store, PB_LIST_DAILY, date, NULL);

  g_assert_nonnull (ids);
  return ids->len;
}

/* What the user sees: the outcome and the error text, the same in the
 * result and in the log that status shows. */
static void
assert_outcome (Fixture       *f,
                PbSyncResult  *result,
                PbSyncOutcome  outcome,
                const char    *error_part)
{
  g_autoptr(PbSyncRun) run = dup_last_run (f);

  g_test_message ("outcome %s: %s", pb_sync_outcome_to_string (result->outcome),
                  result->error ? result->error : "(no error)");
  g_assert_cmpstr (pb_sync_outcome_to_string (result->outcome), ==,
                   pb_sync_outcome_to_string (outcome));
  g_assert_cmpint (run->outcome, ==, outcome);
  g_assert_cmpstr (run->error, ==, result->error);
  if (error_part == NULL)
    g_assert_null (result->error);
  else
    {
      g_assert_nonnull (result->error);
      if (strstr (result->error, error_part) == NULL)
        g_error ("“%s” does not say “%s”", result->error, error_part);
    }
  assert_intact (f);
}

static void
test_fixtures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbStore) store = open_store (f);
  g_autofree char *agent = NULL;

  /* A new user starts from the bundled papers; a sync replaces that. */
  g_assert_true (pb_snapshot_import (store, NULL, NULL));
  g_assert_true (pb_snapshot_is_current (store));

  result = run_sync (f, "2026-08-17", "2026-08-21");
  assert_outcome (f, result, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_false (pb_snapshot_is_current (store));

  g_assert_cmpuint (result->n_requests, ==, 6);
  g_assert_cmpuint (result->n_days, ==, 5);
  g_assert_cmpuint (result->n_empty_days, ==, 1);
  g_assert_cmpint (count_day (f, "2026-08-17"), ==, 23);
  g_assert_cmpint (count_day (f, "2026-08-18"), ==, 29);
  g_assert_cmpint (count_day (f, "2026-08-19"), ==, 26);
  g_assert_cmpint (count_day (f, "2026-08-20"), ==, 15);
  g_assert_cmpint (pb_store_get_day_fetched_at (store, "2026-08-21"), >, 0);
  g_assert_cmpint (pb_store_get_day_fetched_at (store, "2026-08-16"), ==, 0);

  /* The snapshot held these days already: nothing was new on them. */
  g_assert_cmpstr (result->latest_date, ==, "2026-08-20");
  g_assert_cmpuint (result->new_in_latest->len, ==, 0);
  g_assert_cmpuint (result->new_in_trending->len, ==, 0);

  agent = pb_test_server_dup_user_agent (f->server);
  g_assert_true (g_str_has_prefix (agent, "Paperboy/" PACKAGE_VERSION " libsoup/"));
}

static void
test_new_ids (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbSyncResult) first = NULL;
  g_autoptr(PbSyncResult) second = NULL;
  g_autoptr(PbSync) sync = NULL;
  g_autoptr(GError) error = NULL;

  first = run_sync (f, "2026-08-17", "2026-08-19");
  g_assert_true (first->first_sync);
  g_assert_cmpstr (first->latest_date, ==, "2026-08-19");
  g_assert_cmpuint (first->new_in_latest->len, ==, 26);
  g_assert_cmpuint (first->new_in_trending->len, ==, 2);

  /* The next day's list appears: its papers are new on the latest list. */
  second = run_sync (f, "2026-08-17", "2026-08-20");
  g_assert_false (second->first_sync);
  g_assert_cmpstr (second->latest_date, ==, "2026-08-20");
  g_assert_cmpuint (second->new_in_latest->len, ==, 15);
  g_assert_cmpuint (second->new_in_trending->len, ==, 0);
  assert_intact (f);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PbSyncResult) first = run_sync (f, "2026-08-17", "2026-08-20");
  g_autoptr(PbSyncResult) second = NULL;

  pb_test_server_reset_counts (f->server);
  second = run_sync (f, "2026-08-17", "2026-08-20");
  assert_outcome (f, second, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (second->n_requests, ==, 5);
  g_assert_cmpuint (second->n_not_modified, ==, 5);
  g_assert_cmpuint (pb_test_server_get_n_status (f->server, 304), ==, 5);
  g_assert_cmpuint (second->n_new + second->n_updated, ==, 0);
  g_assert_cmpuint (second->n_bytes, ==, 0);
  g_assert_cmpuint (second->n_days, ==, 4);
}

static void
test_fault_500 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbSyncResult) result = NULL;

  pb_test_server_set_fault (f->server, "2026-08-18", PB_FAULT_500);
  result = run_sync (f, "2026-08-17", "2026-08-20");
  assert_outcome (f, result, PB_SYNC_OUTCOME_PARTIAL,
                  "daily list of 18 August 2026: Hugging Face had a problem (HTTP 500 "
                  "Internal Server Error)");
  g_assert_cmpuint (result->n_failed, ==, 1);
  g_assert_cmpint (count_day (f, "2026-08-18"), ==, 0);
  g_assert_cmpint (count_day (f, "2026-08-17"), ==, 23);
  g_assert_cmpint (count_day (f, "2026-08-19"), ==, 26);
}

static void
check_rate_limited (Fixture    *f,
                    PbFault     fault,
                    gint64      wait,
                    const char *words)
{
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbScheduler) scheduler = pb_scheduler_new (f->db_path);
  g_autoptr(PbStore) store = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 due_at = 0;

  /* The trending list goes first; the three lists already in flight still
   * arrive, the rest are not asked for. */
  pb_test_server_set_fault (f->server, "trending", fault);
  result = run_sync (f, "2026-08-10", "2026-08-20");
  assert_outcome (f, result, PB_SYNC_OUTCOME_PARTIAL, words);
  g_assert_cmpint (result->retry_at, >=, now + wait - 1);
  g_assert_cmpint (result->retry_at, <=, now + wait + 5);
  g_assert_cmpuint (result->n_requests, ==, PB_SYNC_MAX_IN_FLIGHT);
  g_assert_cmpuint (result->n_skipped, ==, 12 - PB_SYNC_MAX_IN_FLIGHT);

  /* The next scheduled run waits for the server. */
  store = open_store (f);
  g_assert_true (pb_scheduler_get_next_sync (scheduler, store, &due_at, NULL));
  g_assert_cmpint (due_at, >=, result->retry_at);
}

static void
test_fault_429 (Fixture       *f,
                gconstpointer  data)
{
  check_rate_limited (f, PB_FAULT_429, 120, "Hugging Face asks Paperboy to slow down "
                                            "(rate limited) until ");
}

static void
test_fault_503 (Fixture       *f,
                gconstpointer  data)
{
  check_rate_limited (f, PB_FAULT_503_RATELIMIT, 600, "Hugging Face is unavailable until ");
}

static void
test_fault_stall (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbSyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_test_server_set_fault (f->server, "2026-08-19", PB_FAULT_STALL);
  result = run_sync (f, "2026-08-17", "2026-08-20");
  assert_outcome (f, result, PB_SYNC_OUTCOME_PARTIAL,
                  "daily list of 19 August 2026: Hugging Face did not answer in time (waited 1 s)");
  g_assert_cmpuint (pb_test_server_get_n_stalled (f->server), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (count_day (f, "2026-08-19"), ==, 0);
  g_assert_cmpint (count_day (f, "2026-08-20"), ==, 15);
}

typedef struct
{
  PbFault     fault;
  const char *words;
} FaultCase;

static const FaultCase fault_cases[] = {
  { PB_FAULT_TRUNCATED, "daily list of 18 August 2026: Hugging Face sent a damaged answer (line " },
  { PB_FAULT_HUGE, "daily list of 18 August 2026: Hugging Face sent more than 16 MiB for one "
                   "request; Paperboy stopped reading it" },
  { PB_FAULT_HUGE_CHUNKED, "daily list of 18 August 2026: Hugging Face sent more than 16 MiB for one "
                           "request; Paperboy stopped reading it" },
  { PB_FAULT_ERROR_OBJECT, "daily list of 18 August 2026: Hugging Face sent no papers but an error "
                           "(the server answered with an error: Invalid date)" },
  { PB_FAULT_REDIRECT_LOOP, "daily list of 18 August 2026: Hugging Face sent Paperboy round in "
                            "circles (a redirect loop)" },
  { PB_FAULT_HTML, "daily list of 18 August 2026: Hugging Face sent a web page instead of papers" },
  { PB_FAULT_NOT_A_LIST, "daily list of 18 August 2026: Hugging Face sent something other than a "
                         "list of papers" },
};

/* A bad answer for one day: that day fails in words, the others are saved,
 * and a day already stored is not touched. */
static void
test_fault_table (Fixture       *f,
                  gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autoptr(PbSyncResult) first = run_sync (f, "2026-08-18", "2026-08-18");
  g_autoptr(PbSyncResult) result = NULL;

  g_assert_cmpint (count_day (f, "2026-08-18"), ==, 29);
  pb_test_server_set_fault (f->server, "2026-08-18", fault->fault);
  pb_test_server_bump_upvotes (f->server, "2026-08-17", 1);
  result = run_sync (f, "2026-08-17", "2026-08-19");
  assert_outcome (f, result, PB_SYNC_OUTCOME_PARTIAL, fault->words);
  g_assert_cmpuint (result->n_failed, ==, 1);
  g_assert_cmpint (count_day (f, "2026-08-18"), ==, 29);
  g_assert_cmpint (count_day (f, "2026-08-17"), ==, 23);
  g_assert_cmpint (count_day (f, "2026-08-19"), ==, 26);
}

static void
test_upvotes_changed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbSyncResult) first = run_sync (f, "2026-08-17", "2026-08-18");
  g_autoptr(PbSyncResult) second = NULL;
  g_autoptr(PbStore) store = open_store (f);
  g_autoptr(PbStore) after = NULL;
  g_autoptr(GPtrArray) ids = pb_store_list_ids (store, PB_LIST_DAILY, "2026-08-17", NULL);
  const char *top = g_ptr_array_index (ids, 0);
  g_autoptr(PbPaper) before = pb_store_get_paper (store, top, NULL);
  g_autoptr(PbPaper) paper = NULL;

  g_assert_true (pb_store_set_starred (store, top, TRUE, NULL));
  pb_test_server_bump_upvotes (f->server, "2026-08-17", 7);

  second = run_sync (f, "2026-08-17", "2026-08-18");
  assert_outcome (f, second, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpuint (second->n_not_modified, ==, 2);  /* 2026-08-18 and trending */

  after = open_store (f);
  paper = pb_store_get_paper (after, top, NULL);
  g_assert_cmpint (pb_paper_get_upvotes (paper), ==, pb_paper_get_upvotes (before) + 7);
  g_assert_true (pb_paper_get_starred (paper));
}

static void
test_weekend (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbSyncResult) first = run_sync (f, "2026-08-17", "2026-08-23");
  g_autoptr(PbSyncResult) second = NULL;
  g_autoptr(PbStore) store = open_store (f);

  assert_outcome (f, first, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (first->n_empty_days, ==, 3);  /* Friday 21 has no capture either */
  g_assert_cmpint (pb_store_get_day_fetched_at (store, "2026-08-22"), >, 0);
  g_assert_cmpint (pb_store_get_day_fetched_at (store, "2026-08-23"), >, 0);

  /* An empty answer for a day that had papers never erases it. */
  pb_test_server_set_list (f->server, "2026-08-17", "[]");
  second = run_sync (f, "2026-08-17", "2026-08-17");
  assert_outcome (f, second, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpint (count_day (f, "2026-08-17"), ==, 23);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-01", "2026-08-20");
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  guint16 port;

  /* A port nobody listens on: take one, then let it go. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  pb_sync_set_api_url (sync, url);
  result = pb_sync_run (sync, NULL, NULL);
  g_assert_nonnull (result);
  assert_outcome (f, result, PB_SYNC_OUTCOME_FAILED, "Cannot connect to 127.0.0.1");
  g_assert_cmpuint (result->n_requests, <=, PB_SYNC_MAX_IN_FLIGHT);
  g_assert_cmpuint (result->n_skipped, >=, 21 - PB_SYNC_MAX_IN_FLIGHT);
}

static void
on_progress_cancel_cb (PbSync       *sync,
                       guint         done,
                       guint         total,
                       const char   *what,
                       GCancellable *cancellable)
{
  if (done >= 1)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-01", "2026-08-20");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbSyncResult) result = NULL;

  pb_test_server_set_delay (f->server, 50);
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cancel_cb), cancellable);
  result = pb_sync_run (sync, cancellable, NULL);
  assert_outcome (f, result, PB_SYNC_OUTCOME_CANCELLED, "the sync was stopped before it finished");
  g_assert_cmpuint (result->n_skipped, >, 0);
}

static void
test_lock_busy (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = pb_lock_dup_path_for (f->db_path, "sync");
  g_autoptr(PbLock) lock = pb_lock_acquire (path, 0, NULL, NULL);
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-17", "2026-08-17");
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (lock);
  pb_sync_set_lock_wait (sync, 300);
  result = pb_sync_run (sync, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PB_SYNC_ERROR, PB_SYNC_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "a sync is already running (held by process "));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);

  /* Once it is free, the sync runs. */
  g_clear_pointer (&lock, pb_lock_release);
  g_clear_error (&error);
  result = pb_sync_run (sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, PB_SYNC_OUTCOME_OK);
}

static void
test_paper (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-17", "2026-08-17");
  const char * const ids[] = { "2608.09888", "2608.00000", NULL };
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPaper) paper = NULL;

  pb_sync_set_trending (sync, FALSE);
  pb_sync_set_paper_ids (sync, ids);
  result = pb_sync_run (sync, NULL, NULL);
  assert_outcome (f, result, PB_SYNC_OUTCOME_PARTIAL,
                  "paper 2608.00000: Hugging Face does not know this address (HTTP 404)");
  store = open_store (f);
  paper = pb_store_get_paper (store, "2608.09888", NULL);
  g_assert_nonnull (paper);
}

/* A paper opened by id: only that paper, and the lists stay as stale as
 * they were. */
static void
test_paper_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, NULL, NULL);
  const char * const ids[] = { "2608.09888", NULL };
  g_auto(PbSyncHistory) history = { 0, };
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autoptr(GError) error = NULL;

  pb_sync_set_trending (sync, FALSE);
  pb_sync_set_daily_lists (sync, FALSE);
  pb_sync_set_paper_ids (sync, ids);
  pb_sync_set_trigger (sync, "paper");
  result = pb_sync_run (sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, PB_SYNC_OUTCOME_OK);
  g_assert_cmpuint (result->n_requests, ==, 1);
  g_assert_cmpuint (result->n_days, ==, 0);
  g_assert_cmpuint (result->new_in_latest->len + result->new_in_trending->len, ==, 0);

  store = open_store (f);
  paper = pb_store_get_paper (store, "2608.09888", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_paper_get_title (paper), ==,
                   "BDH-CQ: In-Context Learning with Recurrent Latent Reasoning");
  pb_store_get_sync_history (store, &history, &error);
  g_assert_no_error (error);
  g_assert_null (history.last);
  g_assert_null (history.last_ok);
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, NULL, NULL);
  g_autoptr(PbSyncResult) first = NULL;
  g_autoptr(PbSyncResult) second = NULL;

  /* The first sync reaches back 30 days, later ones a week. */
  pb_sync_set_today (sync, "2026-08-20");
  first = pb_sync_run (sync, NULL, NULL);
  assert_outcome (f, first, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (first->n_requests, ==, 1 + PB_SYNC_FIRST_DAYS);
  g_assert_cmpuint (pb_test_server_get_n_requests (f->server, "2026-07-22"), ==, 1);
  g_assert_cmpuint (pb_test_server_get_n_requests (f->server, "2026-07-21"), ==, 0);

  second = pb_sync_run (sync, NULL, NULL);
  assert_outcome (f, second, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (second->n_requests, ==, 1 + PB_SYNC_DEFAULT_DAYS);
}

typedef struct
{
  GMainLoop    *loop;
  PbSyncResult *result;
  GThread      *main_thread;
  guint         n_progress;
} AsyncCall;

static void
on_async_progress_cb (PbSync     *sync,
                      guint       done,
                      guint       total,
                      const char *what,
                      AsyncCall  *call)
{
  /* The window's main thread gets the progress, never the worker. */
  g_assert_true (g_thread_self () == call->main_thread);
  g_assert_cmpuint (done, <=, total);
  call->n_progress++;
}

static void
on_async_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->result = pb_sync_run_finish (PB_SYNC (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (call->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-17", "2026-08-20");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncCall call = { loop, NULL, g_thread_self (), 0 };

  g_signal_connect (sync, "progress", G_CALLBACK (on_async_progress_cb), &call);
  pb_sync_run_async (sync, NULL, on_async_done_cb, &call);
  g_main_loop_run (loop);

  assert_outcome (f, call.result, PB_SYNC_OUTCOME_OK, NULL);
  /* Progress that was queued before the result is delivered first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (call.n_progress, ==, 1 + 5);
  pb_sync_result_free (call.result);
}

static void
test_thumbnails (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PbSync) sync = new_sync (f, "2026-08-20", "2026-08-20");
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbStore) store = open_store (f);
  g_autoptr(PbThumbnailCache) cache = NULL;
  g_autofree char *base = g_strdup_printf ("%s/thumbs", pb_test_server_get_url (f->server));
  g_autofree char *cache_dir = g_build_filename (f->dir, "thumbnails", NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *path = NULL;

  result = run_sync (f, "2026-08-20", "2026-08-20");
  ids = pb_store_list_ids (store, PB_LIST_DAILY, "2026-08-20", NULL);

  /* One good image, one broken, the rest missing: the sync still succeeds. */
  pb_test_server_add_thumbnail (f->server, g_ptr_array_index (ids, 0), FALSE);
  pb_test_server_add_thumbnail (f->server, g_ptr_array_index (ids, 1), TRUE);
  pb_test_server_set_validators (f->server, FALSE);
  pb_sync_set_thumbnails (sync, TRUE, base, cache_dir);
  g_clear_pointer (&result, pb_sync_result_free);
  result = pb_sync_run (sync, NULL, NULL);
  assert_outcome (f, result, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpuint (result->n_thumbnails, ==, 2);

  cache = pb_thumbnail_cache_new (cache_dir, 0);
  path = pb_thumbnail_cache_lookup (cache, g_ptr_array_index (ids, 0));
  g_assert_nonnull (path);
  g_assert_false (pb_thumbnail_cache_contains (cache, g_ptr_array_index (ids, 2)));
}

static void
touch_at (const char *path,
          gint64      when)
{
  struct utimbuf times = { when, when };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_thumbnail_eviction (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "thumbnails", NULL);
  g_autoptr(PbThumbnailCache) cache = pb_thumbnail_cache_new (dir, 2500);
  g_autoptr(GBytes) image = g_bytes_new_take (g_malloc0 (1000), 1000);
  const char *ids[] = { "2608.00001", "2608.00002", "2608.00003" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = NULL;

      g_assert_true (pb_thumbnail_cache_store (cache, ids[i], image, NULL));
      path = pb_thumbnail_cache_dup_path (cache, ids[i]);
      touch_at (path, 1000000 + i);
    }

  /* The oldest was looked at last: the second is the least recently used. */
  g_free (pb_thumbnail_cache_lookup (cache, ids[0]));
  g_assert_cmpuint (pb_thumbnail_cache_evict (cache), ==, 1);
  g_assert_true (pb_thumbnail_cache_contains (cache, ids[0]));
  g_assert_false (pb_thumbnail_cache_contains (cache, ids[1]));
  g_assert_true (pb_thumbnail_cache_contains (cache, ids[2]));

  /* Ids that are not safe never name a file. */
  g_assert_null (pb_thumbnail_cache_dup_path (cache, "../../etc/passwd"));
}

/* The command line, as a person (or another process) runs it. */

static GSubprocessLauncher *
new_launcher (Fixture *f)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "PAPERBOY_API_URL", pb_test_server_get_url (f->server),
                                TRUE);
  return launcher;
}

static GSubprocess *
spawn_cli (Fixture             *f,
           GSubprocessLauncher *launcher,
           const char          *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list ap;

  g_ptr_array_add (args, (char *)g_getenv ("PAPERBOY_CLI"));
  g_ptr_array_add (args, "--db");
  g_ptr_array_add (args, f->db_path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish_cli (GSubprocess  *process,
            char        **out,
            char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
wait_for_requests (Fixture    *f,
                   const char *key,
                   guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (pb_test_server_get_n_requests (f->server, key) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
}

static void
test_cli_concurrent (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* The first sync stalls on its trending request, holding the lock. */
  pb_test_server_set_fault (f->server, "trending", PB_FAULT_STALL);
  g_subprocess_launcher_setenv (launcher, "PAPERBOY_HTTP_TIMEOUT", "20", TRUE);
  first = spawn_cli (f, launcher, "sync", "--from", "2026-08-17", "--to", "2026-08-20", NULL);
  wait_for_requests (f, "trending", 1);

  second = spawn_cli (f, launcher, "sync", "--from", "2026-08-17", "--to", "2026-08-20",
                      "--wait", "0.3", NULL);
  g_assert_cmpint (finish_cli (second, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "paperboy-cli: a sync is already running (held by process "));

  /* When the first one is done, it has all the lists but trending. */
  pb_test_server_set_fault (f->server, "trending", PB_FAULT_NONE);
  pb_test_server_release_stalled (f->server);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (finish_cli (first, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "trending list: Hugging Face sent a damaged answer"));
  g_assert_cmpint (count_day (f, "2026-08-17"), ==, 23);
  assert_intact (f);
}

static gint64
count_fetched_days (Fixture *f)
{
  g_autoptr(PbStore) store = open_store (f);
  gint64 n = 0;

  for (int day = 1; day <= 20; day++)
    {
      g_autofree char *date = g_strdup_printf ("2026-08-%02d", day);

      n += pb_store_get_day_fetched_at (store, date) > 0;
    }
  return n;
}

static void
test_cli_killed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(PbStore) store = NULL;
  g_auto(PbSyncHistory) history = { 0, };
  guint kills[] = { 0, 30, 120, 260 };
  gint64 committed = 0;

  /* Killed at different points: before anything, while requests are out,
   * between commits. Every time the database is sound and keeps what was
   * committed. */
  pb_test_server_set_delay (f->server, 40);
  pb_test_server_set_validators (f->server, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (kills); i++)
    {
      g_autoptr(GSubprocess) sync = spawn_cli (f, launcher, "sync", "--from", "2026-08-01",
                                               "--to", "2026-08-20", NULL);
      gint64 before;

      g_usleep (kills[i] * 1000);
      g_subprocess_send_signal (sync, SIGKILL);
      g_subprocess_wait (sync, NULL, NULL);
      g_assert_true (g_subprocess_get_if_signaled (sync));

      if (g_file_test (f->db_path, G_FILE_TEST_EXISTS))
        assert_intact (f);
      before = committed;
      committed = g_file_test (f->db_path, G_FILE_TEST_EXISTS) ? count_fetched_days (f) : 0;
      g_assert_cmpint (committed, >=, before);
      g_test_message ("killed after %u ms: %" G_GINT64_FORMAT " days committed", kills[i],
                      committed);
    }
  g_assert_cmpint (committed, >, 0);
  g_assert_cmpint (count_day (f, "2026-08-20"), ==, 15);

  /* A good sync afterwards: the dead runs are marked, everything arrives. */
  pb_test_server_set_delay (f->server, 0);
  result = run_sync (f, "2026-08-01", "2026-08-20");
  assert_outcome (f, result, PB_SYNC_OUTCOME_OK, NULL);
  g_assert_cmpint (count_fetched_days (f), ==, 20);

  store = open_store (f);
  g_assert_true (pb_store_get_sync_history (store, &history, NULL));
  g_assert_nonnull (history.last_failure);
  g_assert_cmpint (history.last_failure->outcome, ==, PB_SYNC_OUTCOME_INTERRUPTED);
  g_assert_cmpstr (history.last_failure->error, ==,
                   "the sync was interrupted (its process ended early)");
  g_assert_cmpint (history.last->outcome, ==, PB_SYNC_OUTCOME_OK);
}

static void
test_cli_status (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(GSubprocess) status = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *last_error;

  pb_test_server_set_fault (f->server, "2026-08-18", PB_FAULT_500);
  sync = spawn_cli (f, launcher, "sync", "--from", "2026-08-17", "--to", "2026-08-18", NULL);
  g_assert_cmpint (finish_cli (sync, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "paperboy-cli: some lists were not synced: daily list of 18 August 2026: "
                            "Hugging Face had a problem (HTTP 500 Internal Server Error)\n");

  g_clear_pointer (&out, g_free);
  status = spawn_cli (f, launcher, "status", "--json", NULL);
  g_assert_cmpint (finish_cli (status, &out, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "last_sync"),
                                                  "outcome"), ==, "partial");
  g_assert_true (json_object_get_null_member (root, "last_successful_sync"));
  last_error = json_object_get_object_member (root, "last_error");
  g_assert_cmpstr (json_object_get_string_member (last_error, "message"), ==,
                   "daily list of 18 August 2026: Hugging Face had a problem (HTTP 500 Internal "
                   "Server Error)");
  g_assert_false (json_object_get_boolean_member (root, "bundled_snapshot"));
  g_assert_cmpint (json_object_get_int_member (root, "next_sync_due"), >,
                   json_object_get_int_member (last_error, "at"));
}

static void
wait_for_good_run (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_auto(PbSyncHistory) history = { 0, };

      if (g_file_test (f->db_path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(PbStore) store = open_store (f);

          if (pb_store_get_sync_history (store, &history, NULL) && history.last_ok != NULL)
            return;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

static void
test_cli_service_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(GSubprocess) service = NULL;
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autofree char *out = NULL;

  /* The user turned background refresh off: the service does nothing. */
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/paperboy/Paperboy]\n"
                                      "background-refresh=false\n", -1, NULL));
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);

  service = spawn_cli (f, launcher, "service", NULL);
  g_assert_cmpint (finish_cli (service, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Background refresh is turned off; the service does nothing.\n");
  g_assert_cmpuint (pb_test_server_get_n_requests (f->server, "trending"), ==, 0);
}

static void
test_cli_service (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GSubprocess) run_due = NULL;
  g_autofree char *out = NULL;

  /* The service syncs at once, since nothing was ever synced. */
  g_subprocess_launcher_setenv (launcher, "PAPERBOY_TICK_SECONDS", "3600", TRUE);
  first = spawn_cli (f, launcher, "service", NULL);
  wait_for_good_run (f);

  /* A second one (the autostart entry next to the systemd unit) leaves. */
  second = spawn_cli (f, launcher, "service", NULL);
  g_assert_cmpint (finish_cli (second, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "The Paperboy service is already running (held by "
                                        "process "));

  /* Asked to stop, it stops cleanly. */
  g_subprocess_send_signal (first, SIGTERM);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (finish_cli (first, &out, NULL), ==, 0);
  assert_intact (f);

  /* One tick by hand: the sync is not due again. */
  g_clear_pointer (&out, g_free);
  run_due = spawn_cli (f, launcher, "run-due", NULL);
  g_assert_cmpint (finish_cli (run_due, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "sync: not due until "));
  g_assert_cmpuint (pb_test_server_get_n_requests (f->server, "trending"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/fixtures", Fixture, NULL, fixture_setup, test_fixtures, fixture_teardown);
  g_test_add ("/sync/new-ids", Fixture, NULL, fixture_setup, test_new_ids, fixture_teardown);
  g_test_add ("/sync/not-modified", Fixture, NULL, fixture_setup, test_not_modified,
              fixture_teardown);
  g_test_add ("/sync/upvotes-changed", Fixture, NULL, fixture_setup, test_upvotes_changed,
              fixture_teardown);
  g_test_add ("/sync/weekend", Fixture, NULL, fixture_setup, test_weekend, fixture_teardown);
  g_test_add ("/sync/window", Fixture, NULL, fixture_setup, test_window, fixture_teardown);
  g_test_add ("/sync/paper", Fixture, NULL, fixture_setup, test_paper, fixture_teardown);
  g_test_add ("/sync/paper-only", Fixture, NULL, fixture_setup, test_paper_only,
              fixture_teardown);
  g_test_add ("/sync/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/sync/fault/500", Fixture, NULL, fixture_setup, test_fault_500, fixture_teardown);
  g_test_add ("/sync/fault/429", Fixture, NULL, fixture_setup, test_fault_429, fixture_teardown);
  g_test_add ("/sync/fault/503", Fixture, NULL, fixture_setup, test_fault_503, fixture_teardown);
  g_test_add ("/sync/fault/stall", Fixture, NULL, fixture_setup, test_fault_stall,
              fixture_teardown);
  g_test_add ("/sync/fault/truncated", Fixture, &fault_cases[0], fixture_setup, test_fault_table,
              fixture_teardown);
  g_test_add ("/sync/fault/huge", Fixture, &fault_cases[1], fixture_setup, test_fault_table,
              fixture_teardown);
  g_test_add ("/sync/fault/huge-chunked", Fixture, &fault_cases[2], fixture_setup,
              test_fault_table, fixture_teardown);
  g_test_add ("/sync/fault/error-object", Fixture, &fault_cases[3], fixture_setup,
              test_fault_table, fixture_teardown);
  g_test_add ("/sync/fault/redirect-loop", Fixture, &fault_cases[4], fixture_setup,
              test_fault_table, fixture_teardown);
  g_test_add ("/sync/fault/html", Fixture, &fault_cases[5], fixture_setup, test_fault_table,
              fixture_teardown);
  g_test_add ("/sync/fault/not-a-list", Fixture, &fault_cases[6], fixture_setup, test_fault_table,
              fixture_teardown);
  g_test_add ("/sync/fault/offline", Fixture, NULL, fixture_setup, test_offline,
              fixture_teardown);
  g_test_add ("/sync/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/sync/lock/busy", Fixture, NULL, fixture_setup, test_lock_busy, fixture_teardown);
  g_test_add ("/sync/thumbnails/fetch", Fixture, NULL, fixture_setup, test_thumbnails,
              fixture_teardown);
  g_test_add ("/sync/thumbnails/evict", Fixture, NULL, fixture_setup, test_thumbnail_eviction,
              fixture_teardown);
  g_test_add ("/sync/cli/concurrent", Fixture, NULL, fixture_setup, test_cli_concurrent,
              fixture_teardown);
  g_test_add ("/sync/cli/killed", Fixture, NULL, fixture_setup, test_cli_killed,
              fixture_teardown);
  g_test_add ("/sync/cli/status", Fixture, NULL, fixture_setup, test_cli_status,
              fixture_teardown);
  g_test_add ("/sync/cli/service-off", Fixture, NULL, fixture_setup, test_cli_service_off,
              fixture_teardown);
  g_test_add ("/sync/cli/service", Fixture, NULL, fixture_setup, test_cli_service,
              fixture_teardown);

  return g_test_run ();
}
