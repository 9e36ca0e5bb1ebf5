/* test-scheduler.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The scheduler's due logic under a fake clock, and whole ticks against the
 * stand-in API.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-scheduler.h"
#include "pb-settings.h"
#include "pb-test-server.h"

#define T0 1790000000   /* a Tuesday in 2026 */
#define HOUR 3600
#define INTERVAL 180    /* minutes, the default */

static PbSyncRun *
make_run (gint64        id,
          gint64        started_at,
          PbSyncOutcome outcome)
{
  PbSyncRun *run = g_new0 (PbSyncRun, 1);

  run->id = id;
  run->started_at = started_at;
  run->finished_at = started_at + 2;
  run->outcome = outcome;
  run->trigger = g_strdup ("scheduled");
  return run;
}

static void
test_first_run (void)
{
  PbSyncHistory history = { 0, };

  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, T0), ==, T0);
}

static void
test_after_success (void)
{
  g_auto(PbSyncHistory) history = { 0, };
  gint64 due;

  history.last = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  history.last_ok = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  due = pb_scheduler_sync_due_at (&history, INTERVAL, T0 + HOUR);
  g_assert_cmpint (due, ==, T0 + 2 + INTERVAL * 60);

  /* Just before, not due; from then on, due. */
  g_assert_cmpint (due, >, T0 + 2 + INTERVAL * 60 - 1);
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, 60, T0 + HOUR), ==, T0 + 2 + HOUR);
}

static void
test_suspend (void)
{
  g_auto(PbSyncHistory) history = { 0, };
  gint64 resumed = T0 + 10 * HOUR;

  /* The machine slept across the due time: due at once on waking, since the
   * comparison is of wall-clock times, not of a timer that slept too. */
  history.last = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  history.last_ok = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, resumed), <=, resumed);
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, T0 + HOUR), >, T0 + HOUR);
}

static void
test_clock_backwards (void)
{
  g_auto(PbSyncHistory) history = { 0, };
  gint64 now = T0 - 2 * 24 * HOUR;

  /* The last run seems to lie two days in the future: the clock went back.
   * Waiting for it would mean two days without papers. */
  history.last = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  history.last_ok = make_run (1, T0, PB_SYNC_OUTCOME_OK);
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, now), ==, now);

  /* A few seconds of drift are no reason to sync again. */
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, T0 - 10), >, T0);
}

static void
test_backoff (void)
{
  gint64 previous = 0;

  /* Failures back off exponentially (5, 10, 20 minutes…) with ±20 % of
   * jitter, capped at the refresh interval. */
  for (guint n = 1; n <= 8; n++)
    {
      g_auto(PbSyncHistory) history = { 0, };
      gint64 base = MIN ((gint64)PB_SCHEDULER_BACKOFF_BASE << (n - 1), INTERVAL * 60);
      gint64 delay;

      history.last = make_run (n, T0, PB_SYNC_OUTCOME_FAILED);
      history.n_failures = n;
      delay = pb_scheduler_sync_due_at (&history, INTERVAL, T0) - (T0 + 2);
      g_test_message ("%u failures: next try after %" G_GINT64_FORMAT " s", n, delay);
      g_assert_cmpint (delay, >=, base * 80 / 100);
      g_assert_cmpint (delay, <=, base * 120 / 100);
      if (base < INTERVAL * 60)
        g_assert_cmpint (delay, >, previous);
      previous = delay;
    }
}

static void
test_retry_after (void)
{
  g_auto(PbSyncHistory) history = { 0, };

  /* The server asked for an hour: the back-off of a first failure (five
   * minutes) is not enough. */
  history.last = make_run (1, T0, PB_SYNC_OUTCOME_PARTIAL);
  history.last->retry_at = T0 + HOUR;
  history.n_failures = 1;
  g_assert_cmpint (pb_scheduler_sync_due_at (&history, INTERVAL, T0 + 60), ==, T0 + HOUR);
}

/* Whole ticks. */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *items;
} TickCall;

static void
on_tick_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TickCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->items = pb_scheduler_tick_finish (PB_SCHEDULER (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (call->loop);
}

static PbTickItem *
tick (PbScheduler *scheduler,
      GPtrArray  **items)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  TickCall call = { loop, NULL };

  pb_scheduler_tick_async (scheduler, NULL, on_tick_cb, &call);
  g_main_loop_run (loop);
  g_assert_cmpuint (call.items->len, >=, 1);
  g_clear_pointer (items, g_ptr_array_unref);
  *items = call.items;
  g_assert_cmpstr (((PbTickItem *)g_ptr_array_index (call.items, 0))->name, ==, "sync");
  return g_ptr_array_index (call.items, 0);
}

static void
test_tick (void)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (PB_TEST_DATA_DIR "/hf");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-test-scheduler-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "papers.db", NULL);
  g_autoptr(PbScheduler) scheduler = NULL;
  g_autoptr(GSettings) settings = pb_settings_new ();
  g_autoptr(GPtrArray) items = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PbTickItem *item;

  g_assert_nonnull (settings);
  g_setenv ("PAPERBOY_API_URL", pb_test_server_get_url (server), TRUE);
  scheduler = pb_scheduler_new (db_path);

  /* First run: due, and it syncs (a month back from today). */
  item = tick (scheduler, &items);
  g_assert_true (item->due);
  g_assert_true (item->ran);
  g_assert_nonnull (item->sync_result);
  g_assert_cmpint (item->sync_result->outcome, ==, PB_SYNC_OUTCOME_OK);
  g_assert_cmpuint (item->sync_result->n_requests, ==, 1 + 30);
  g_assert_cmpuint (pb_test_server_get_n_requests (server, "trending"), ==, 1);

  /* A minute later: nothing to do, and no request. */
  pb_scheduler_set_now (scheduler, now + 60);
  item = tick (scheduler, &items);
  g_assert_false (item->due);
  g_assert_false (item->ran);
  g_assert_cmpint (item->due_at, >=, now + INTERVAL * 60);
  g_assert_cmpuint (pb_test_server_get_n_requests (server, "trending"), ==, 1);

  /* Past the interval (after a suspend, say): due again. */
  pb_scheduler_set_now (scheduler, now + INTERVAL * 60 + 120);
  item = tick (scheduler, &items);
  g_assert_true (item->ran);
  g_assert_cmpuint (pb_test_server_get_n_requests (server, "trending"), ==, 2);

  /* Background refresh off: never due. */
  g_settings_set_boolean (settings, "background-refresh", FALSE);
  pb_scheduler_set_now (scheduler, now + 10 * INTERVAL * 60);
  item = tick (scheduler, &items);
  g_assert_false (item->due);
  g_assert_cmpint (item->due_at, ==, 0);
  g_settings_reset (settings, "background-refresh");

  /* A failing server: the run is recorded and the next try backs off. */
  pb_test_server_set_fault (server, "*", PB_FAULT_500);
  item = tick (scheduler, &items);
  g_assert_true (item->ran);
  g_assert_cmpint (item->sync_result->outcome, ==, PB_SYNC_OUTCOME_FAILED);
  g_assert_nonnull (strstr (item->summary, "Hugging Face had a problem (HTTP 500"));

  g_unsetenv ("PAPERBOY_API_URL");
  {
    const char *suffixes[] = { "", "-wal", "-shm", ".sync-lock" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/due/first-run", test_first_run);
  g_test_add_func ("/scheduler/due/after-success", test_after_success);
  g_test_add_func ("/scheduler/due/suspend", test_suspend);
  g_test_add_func ("/scheduler/due/clock-backwards", test_clock_backwards);
  g_test_add_func ("/scheduler/due/backoff", test_backoff);
  g_test_add_func ("/scheduler/due/retry-after", test_retry_after);
  g_test_add_func ("/scheduler/tick", test_tick);

  return g_test_run ();
}
