/* test-window-models.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pb-format.h"
#include "pb-highlight.h"
#include "pb-importer.h"
#include "pb-lock.h"
#include "pb-paper-list-model.h"
#include "pb-paper-selection.h"
#include "pb-search-model.h"
#include "pb-store-monitor.h"
#include "pb-store-worker.h"
#include "pb-sync-bridge.h"
#include "pb-sync.h"
#include "pb-test-server.h"
#include "pb-synthetic.h"
#include "pb-text.h"

/*
 * The window's models without the window: the worker thread, the paged
 * list model, the search model, selection by id, the data-change monitor,
 * and the text helpers. No display needed.
 */

typedef struct
{
  char          *dir;
  char          *path;
  PbStore       *store;    /* the test's own connection: "another process" */
  PbStoreWorker *worker;
} Fixture;

static void
import_fixtures (PbStore *store)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (TEST_DATA_DIR "/hf", 0, NULL);
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PbImportOptions options = { .infer_list = TRUE };
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "daily_papers_"))
      g_ptr_array_add (paths, g_build_filename (TEST_DATA_DIR, "hf", name, NULL));
  g_ptr_array_add (paths, NULL);

  report = pb_import_files (store, (const char * const *)paths->pdata, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_failed, ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pb-models-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "papers.db", NULL);
  fixture->store = pb_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (data == NULL)
    import_fixtures (fixture->store);
  else
    {
      g_assert_true (pb_synthetic_fill (fixture->store, data, &error));
      g_assert_no_error (error);
    }

  fixture->worker = pb_store_worker_new (fixture->path, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  pb_store_worker_shutdown (fixture->worker);
  g_clear_object (&fixture->worker);
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the worker");
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (PbPaperListModel *model)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);

  while (pb_paper_list_model_get_loading (model) || !pb_paper_list_model_get_loaded (model))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

/* Iterates the main loop until the row at @position is a real paper. */
static PbPaper *
wait_for_row (PbPaperListModel *model,
              guint             position)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);
  PbPaper *paper;

  while ((paper = g_list_model_get_item (G_LIST_MODEL (model), position)) != NULL &&
         pb_paper_is_placeholder (paper))
    {
      g_object_unref (paper);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (timeout);
  return paper;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_signals;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_signals++;
}

/* The worker */

static gpointer
answer_thread (PbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  GPtrArray *order = data;

  g_ptr_array_add (order, g_strdup ("ran"));
  return g_strdup ("answer");
}

static void
on_answer_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **answer = user_data;
  g_autoptr(GError) error = NULL;

  *answer = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (*answer == NULL)
    *answer = g_strdup (error->message);
}

static void
test_worker_answers_and_cancels (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *first = NULL;
  g_autofree char *cancelled = NULL;

  g_cancellable_cancel (cancellable);
  pb_store_worker_run_async (fixture->worker, PB_STORE_WORKER_PRIORITY_VISIBLE, answer_thread,
                             order, NULL, g_free, cancellable, on_answer_cb, &cancelled);
  pb_store_worker_run_async (fixture->worker, PB_STORE_WORKER_PRIORITY_VISIBLE, answer_thread,
                             order, NULL, g_free, NULL, on_answer_cb, &first);

  while (first == NULL || cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (first, ==, "answer");
  g_assert_cmpstr (cancelled, !=, "answer");
  /* The cancelled job never ran. */
  g_assert_cmpuint (order->len, ==, 1);
}

/* The paged list model */

static void
test_model_day (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_DAY, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };
  g_autoptr(PbPaper) first = NULL;
  g_autoptr(PbPaper) last = NULL;

  pb_paper_list_model_set_query (model, &query);
  g_assert_true (pb_paper_list_model_get_loading (model));
  wait_loaded (model);

  /* The latest day with a list, and its neighbours. */
  g_assert_cmpstr (pb_paper_list_model_get_resolved_date (model), ==, "2026-08-20");
  g_assert_cmpstr (pb_paper_list_model_get_previous_date (model), ==, "2026-08-19");
  g_assert_null (pb_paper_list_model_get_next_date (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 15);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), 14);
  g_assert_false (pb_paper_is_placeholder (first));
  g_assert_false (pb_paper_is_placeholder (last));
  g_assert_cmpint (pb_paper_get_upvotes (first), >=, pb_paper_get_upvotes (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 15));

  /* A week: the ISO week of 2026-08-20, Monday 17 to Sunday 23. */
  query.scope = PB_SCOPE_WEEK;
  query.date = "2026-08-20";
  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);
  g_assert_cmpstr (pb_paper_list_model_get_first_day (model), ==, "2026-08-17");
  g_assert_cmpstr (pb_paper_list_model_get_last_day (model), ==, "2026-08-23");
  g_assert_cmpstr (pb_paper_list_model_get_previous_date (model), ==, "2025-06-02");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 15);
}

static const PbSyntheticOptions many = {
  .n_papers = 5000, .n_days = 10, .last_day = "2026-08-20", .abstract_words = 12, .seed = 4,
};

static void
test_model_pages_on_demand (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };
  g_autoptr(PbPaper) placeholder = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);

  /* The length is known at once; only the first page was read. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5000);
  g_assert_cmpuint (pb_paper_list_model_get_n_cached (model), ==, 1);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 4321);
  g_assert_true (pb_paper_is_placeholder (placeholder));
  paper = wait_for_row (model, 4321);

  /* The page replaced the placeholder in place. */
  g_assert_cmpuint (changes.removed, ==, changes.added);
  g_assert_cmpuint (changes.position, <=, 4321);
  g_assert_cmpuint (changes.position + changes.added, >, 4321);

  expected = pb_store_list (fixture->store, &query, 4321, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_paper_get_id (paper), ==, pb_paper_get_id (g_ptr_array_index (expected, 0)));
  g_assert_null (pb_paper_get_abstract (paper));  /* lists do not read abstracts */
}

static void
test_model_bounded_memory (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_DATE, PB_FILTER_NONE };
  guint n;

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* Scroll through everything, a row at a time as a list view would. */
  for (guint i = 0; i < n; i += PB_PAPER_LIST_MODEL_PAGE_SIZE / 2)
    {
      g_autoptr(PbPaper) paper = wait_for_row (model, i);

      g_assert_false (pb_paper_is_placeholder (paper));
      g_assert_cmpuint (pb_paper_list_model_get_n_cached (model), <=, 24 + 2);
    }
}

static void
test_model_skips_pages_left_behind (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };
  g_autoptr(PbPaper) paper = NULL;

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);

  /* A jump through the whole list before the worker answers: the pages
   * on the way are asked for, but only the last one is worth reading. */
  for (guint i = 0; i < 5000; i += PB_PAPER_LIST_MODEL_PAGE_SIZE)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));

  paper = wait_for_row (model, 4999);
  g_assert_false (pb_paper_is_placeholder (paper));

  /* Let the skipped requests come back: they load nothing. */
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (pb_paper_list_model_get_n_cached (model), <=, 24 + 2);
}

static void
test_model_refresh_in_place (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_DAY, "2026-08-20", PB_SORT_RANK, PB_FILTER_NONE };
  g_autoptr(PbPaper) first = NULL;
  g_autoptr(PbPaper) second = NULL;
  g_autoptr(PbPaper) first_after = NULL;
  g_autoptr(PbPaper) second_after = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint n;

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_false (pb_paper_get_starred (second));

  /* Another process stars the second paper. */
  g_assert_true (pb_store_set_starred (fixture->store, pb_paper_get_id (second), TRUE, &error));
  g_assert_no_error (error);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  pb_paper_list_model_refresh (model);
  wait_loaded (model);
  while (pb_paper_get_starred (second) == FALSE)
    g_main_context_iteration (NULL, TRUE);

  /* Nothing shown changed but the star: same objects, no rows replaced. */
  first_after = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second_after = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (first_after == first);
  g_assert_true (second_after == second);
  g_assert_true (pb_paper_get_starred (second_after));
  g_assert_cmpuint (changes.n_signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
}

static void
test_model_refresh_new_rows (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery query = { PB_SCOPE_DAY, NULL, PB_SORT_RANK, PB_FILTER_NONE };
  g_autoptr(GPtrArray) papers = NULL;
  g_autoptr(PbPaper) first = NULL;
  g_autoptr(PbPaper) first_after = NULL;
  g_autoptr(GError) error = NULL;
  PbMergeStats stats = { 0 };
  Changes changes = { 0 };
  PbListQuery other = { PB_SCOPE_DAY, "2026-08-19", PB_SORT_RANK, PB_FILTER_NONE };
  guint n;

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);

  /* Another process lists the day's papers plus two of another day:
   * the day grows at its end (ranked by list position). */
  papers = pb_store_list (fixture->store, &query, 0, 100, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) more = pb_store_list (fixture->store, &other, 0, 2, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < more->len; i++)
      g_ptr_array_add (papers, g_object_ref (g_ptr_array_index (more, i)));
  }
  for (guint i = 0; i < papers->len; i++)
    {
      g_autoptr(PbPaper) full = pb_store_get_paper (fixture->store,
                                                    pb_paper_get_id (g_ptr_array_index (papers, i)),
                                                    &error);
      g_assert_no_error (error);
      g_set_object ((PbPaper **)&papers->pdata[i], full);
    }
  g_assert_true (pb_store_begin (fixture->store, FALSE, &error));
  g_assert_true (pb_store_merge (fixture->store, papers, PB_LIST_DAILY, "2026-08-20", &stats,
                                 &error));
  g_assert_true (pb_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  pb_paper_list_model_refresh (model);
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) == n)
    g_main_context_iteration (NULL, TRUE);

  /* Two rows added at the end, the rows before untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 2);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, n);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);
  first_after = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first_after == first);
}

static void
on_reset_cb (PbPaperListModel *model,
             guint            *n_resets)
{
  (*n_resets)++;
}

static void
test_model_drops_stale_answers (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  PbListQuery day = { PB_SCOPE_DAY, "2024-05-27", PB_SORT_UPVOTES, PB_FILTER_NONE };
  PbListQuery trending = { PB_SCOPE_DAY, "2026-08-18", PB_SORT_UPVOTES, PB_FILTER_NONE };
  guint n_resets = 0;

  g_signal_connect (model, "reset", G_CALLBACK (on_reset_cb), &n_resets);
  pb_paper_list_model_set_query (model, &day);
  pb_paper_list_model_set_query (model, &trending);
  wait_loaded (model);

  /* Let the first answer arrive too, if it is still on its way. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (n_resets, ==, 1);
  g_assert_cmpstr (pb_paper_list_model_get_resolved_date (model), ==, "2026-08-18");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 29);
}

/* Selection by id */

static void
test_selection_by_id (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PbPaperListModel) model = pb_paper_list_model_new (fixture->worker);
  g_autoptr(PbPaperSelection) selection = NULL;
  PbListQuery query = { PB_SCOPE_DAY, "2026-08-20", PB_SORT_UPVOTES, PB_FILTER_NONE };
  g_autoptr(PbPaper) third = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GError) error = NULL;

  pb_paper_list_model_set_query (model, &query);
  wait_loaded (model);
  selection = pb_paper_selection_new (G_LIST_MODEL (model));
  third = g_list_model_get_item (G_LIST_MODEL (model), 2);

  pb_paper_selection_set_selected_id (selection, pb_paper_get_id (third));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 2));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 1));

  /* Clicks and keys cannot select: the window opens papers. */
  g_assert_false (gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 1, TRUE));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 2));

  /* The selection follows the id through a refresh, which replaces rows. */
  g_assert_true (pb_store_set_read (fixture->store, pb_paper_get_id (third), TRUE, &error));
  pb_paper_list_model_refresh (model);
  wait_loaded (model);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (gtk_bitset_get_nth (selected, 0), ==, 2);
}

/* Search */

static void
test_search_as_you_type (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PbStoreWorker) worker = pb_store_worker_new (fixture->path, FALSE);
  g_autoptr(PbSearchModel) model = pb_search_model_new (worker);
  g_autoptr(PbPaper) first = NULL;
  guint timeout;

  /* Typing: every keystroke starts a search; only the last one counts. */
  pb_search_model_set_text (model, "vid");
  pb_search_model_set_text (model, "video");
  pb_search_model_set_text (model, "diffusion");
  g_assert_true (pb_search_model_get_searching (model));

  timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);
  while (g_strcmp0 (pb_search_model_get_shown_text (model), "diffusion") != 0 ||
         pb_search_model_get_searching (model))
    g_main_context_iteration (NULL, TRUE);
  /* The older searches' answers, if still on their way, change nothing. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (timeout);

  g_assert_cmpstr (pb_search_model_get_shown_text (model), ==, "diffusion");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpint (pb_search_model_get_n_matches (model), ==,
                   g_list_model_get_n_items (G_LIST_MODEL (model)));

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (strstr (pb_paper_get_title_highlight (first), PB_HIGHLIGHT_START) != NULL ||
                 strstr (pb_paper_get_snippet (first), PB_HIGHLIGHT_START) != NULL);

  /* Clearing the text clears the results. */
  pb_search_model_set_text (model, "  ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (pb_search_model_get_searching (model));

  pb_store_worker_shutdown (worker);
}

static void
test_search_counts_beyond_limit (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PbStoreWorker) worker = pb_store_worker_new (fixture->path, FALSE);
  g_autoptr(PbSearchModel) model = pb_search_model_new (worker);
  g_autoptr(GError) error = NULL;
  gint64 expected = pb_store_search_count (fixture->store, "neural", &error);
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);

  g_assert_cmpint (expected, >, PB_SEARCH_MODEL_LIMIT);

  pb_search_model_set_text (model, "neural");
  while (pb_search_model_get_n_matches (model) != expected)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, PB_SEARCH_MODEL_LIMIT);
  pb_store_worker_shutdown (worker);
}

/* The data-change monitor */

static void
on_changed_cb (PbStoreMonitor *monitor,
               guint          *n_changes)
{
  (*n_changes)++;
}

static void
test_monitor_sees_other_processes (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(PbStoreMonitor) monitor = pb_store_monitor_new (fixture->worker);
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;
  gint64 start;
  guint timeout;

  g_signal_connect (monitor, "changed", G_CALLBACK (on_changed_cb), &n_changes);

  /* Let it read the version to compare with. */
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (300 * 1000);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n_changes, ==, 0);

  /* "Another process" (the test's connection) commits. */
  start = g_get_monotonic_time ();
  g_assert_true (pb_store_set_starred (fixture->store, "2608.14391", TRUE, &error));
  g_assert_no_error (error);

  timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);
  while (n_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  /* The window stays current within 2 s; the monitor alone takes much less. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_changes, ==, 1);
}

/* The sync seam, with a network monitor the test controls */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

enum { MONITOR_PROP_0, MONITOR_PROP_AVAILABLE, MONITOR_PROP_METERED, MONITOR_PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
}

typedef struct
{
  int      done;
  gboolean ok;
  GError  *error;
} Refreshed;

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refreshed *refreshed = user_data;

  g_clear_error (&refreshed->error);
  refreshed->ok = pb_sync_bridge_refresh_finish (PB_SYNC_BRIDGE (object), result,
                                                 &refreshed->error);
  refreshed->done++;
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refreshed *refreshed = user_data;

  g_clear_error (&refreshed->error);
  refreshed->ok = pb_sync_bridge_fetch_paper_finish (PB_SYNC_BRIDGE (object), result,
                                                     &refreshed->error);
  refreshed->done++;
}

static void
wait_done (Refreshed *refreshed,
           int        done)
{
  while (refreshed->done < done)
    g_main_context_iteration (NULL, TRUE);
}

/* The bridge runs the real sync, against the stand-in for Hugging Face. */
static void
test_sync_bridge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (TEST_DATA_DIR "/hf");
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(PbSyncBridge) bridge = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autofree char *lock_path = pb_lock_dup_path_for (fixture->path, "sync");
  g_autoptr(PbLock) lock = NULL;
  guint timeout = g_timeout_add_seconds (60, on_timeout_cb, NULL);
  Refreshed refreshed = { 0, };
  gint64 imported;

  g_setenv ("PAPERBOY_API_URL", pb_test_server_get_url (server), TRUE);
  bridge = pb_sync_bridge_new (fixture->worker, G_NETWORK_MONITOR (monitor), NULL);

  /* Never synced: the last update is when the trending list was stored. */
  while (pb_sync_bridge_get_last_updated (bridge) == 0)
    g_main_context_iteration (NULL, TRUE);
  imported = pb_sync_bridge_get_last_updated (bridge);
  g_assert_cmpint (ABS (imported - g_get_real_time () / G_USEC_PER_SEC), <, 600);
  g_assert_false (pb_sync_bridge_get_snapshot (bridge));

  /* Offline and back, as the monitor says. */
  g_assert_true (pb_sync_bridge_get_network_available (bridge));
  test_monitor_set_available (monitor, FALSE);
  g_assert_false (pb_sync_bridge_get_network_available (bridge));
  test_monitor_set_available (monitor, TRUE);
  g_assert_true (pb_sync_bridge_get_network_available (bridge));

  /* Two refreshes at once run one sync; both hear its end. */
  pb_sync_bridge_refresh_async (bridge, NULL, on_refreshed_cb, &refreshed);
  pb_sync_bridge_refresh_async (bridge, NULL, on_refreshed_cb, &refreshed);
  g_assert_true (pb_sync_bridge_get_busy (bridge));
  wait_done (&refreshed, 2);
  g_assert_no_error (refreshed.error);
  g_assert_true (refreshed.ok);
  g_assert_false (pb_sync_bridge_get_busy (bridge));

  /* The last update is now the sync's, from its log. */
  store = pb_store_open (fixture->path, NULL);
  {
    g_auto(PbSyncHistory) history = { 0, };

    g_assert_true (pb_store_get_sync_history (store, &history, NULL));
    g_assert_nonnull (history.last_ok);
    g_assert_cmpstr (history.last_ok->trigger, ==, "window");
    while (pb_sync_bridge_get_last_updated (bridge) != history.last_ok->finished_at)
      g_main_context_iteration (NULL, TRUE);
  }

  /* Another process syncing: a calm error at once, no wait. */
  lock = pb_lock_acquire (lock_path, 0, NULL, NULL);
  g_assert_nonnull (lock);
  pb_sync_bridge_refresh_async (bridge, NULL, on_refreshed_cb, &refreshed);
  wait_done (&refreshed, 3);
  g_assert_error (refreshed.error, PB_SYNC_ERROR, PB_SYNC_ERROR_BUSY);
  g_clear_pointer (&lock, pb_lock_release);

  /* One paper by its id, fetched from papers/ID. */
  pb_sync_bridge_fetch_paper_async (bridge, "2608.09888", NULL, on_fetched_cb, &refreshed);
  wait_done (&refreshed, 4);
  g_assert_no_error (refreshed.error);
  paper = pb_store_get_paper (store, "2608.09888", NULL);
  g_assert_nonnull (paper);

  /* One Hugging Face does not know: the reason, in words. */
  pb_sync_bridge_fetch_paper_async (bridge, "2608.00001", NULL, on_fetched_cb, &refreshed);
  wait_done (&refreshed, 5);
  g_assert_error (refreshed.error, PB_SYNC_BRIDGE_ERROR, PB_SYNC_BRIDGE_ERROR_FAILED);
  g_assert_nonnull (strstr (refreshed.error->message, "HTTP 404"));

  /* Offline: not even tried. */
  test_monitor_set_available (monitor, FALSE);
  pb_sync_bridge_fetch_paper_async (bridge, "2608.00002", NULL, on_fetched_cb, &refreshed);
  wait_done (&refreshed, 6);
  g_assert_error (refreshed.error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);

  g_clear_error (&refreshed.error);
  g_unsetenv ("PAPERBOY_API_URL");
  g_source_remove (timeout);
}

/* Text */

static void
test_highlight (void)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *plain = pb_highlight_parse ("a " PB_HIGHLIGHT_START "<b>&amp;" PB_HIGHLIGHT_END
                                               " c", FALSE, &attrs);
  g_autoptr(GSList) list = NULL;
  PangoAttrIterator *iter;
  int start, end;

  /* Feed text stays literal: no markup is parsed. */
  g_assert_cmpstr (plain, ==, "a <b>&amp; c");

  iter = pango_attr_list_get_iterator (attrs);
  pango_attr_iterator_next (iter);
  pango_attr_iterator_range (iter, &start, &end);
  g_assert_cmpint (start, ==, 2);
  g_assert_cmpint (end, ==, 10);
  g_assert_nonnull (pango_attr_iterator_get (iter, PANGO_ATTR_BACKGROUND));
  pango_attr_iterator_destroy (iter);
}

static void
test_format (void)
{
  g_autofree char *today = pb_format_date ("2026-08-20", PB_DATE_DAY_TITLE, "2026-08-20");
  g_autofree char *yesterday = pb_format_date ("2026-08-19", PB_DATE_DAY_TITLE, "2026-08-20");
  g_autofree char *week = pb_format_week ("2026-08-17", "2026-08-23");
  g_autofree char *month = pb_format_date ("2026-08-20", PB_DATE_MONTH, NULL);
  g_autofree char *count = pb_format_count (1234);
  g_autofree char *ago = pb_format_time_ago (1000, 1000 + 5 * 60);

  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (week, ==, "17 – 23 August 2026");
  g_assert_cmpstr (month, ==, "August 2026");
  g_assert_cmpstr (count, ==, "1.2k");
  g_assert_cmpstr (ago, ==, "5 minutes ago");
  g_assert_null (pb_format_date ("not a date", PB_DATE_LONG, NULL));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/window-models/worker/answers-and-cancels", test_worker_answers_and_cancels, NULL);
  ADD ("/window-models/list/day", test_model_day, NULL);
  ADD ("/window-models/list/pages-on-demand", test_model_pages_on_demand, &many);
  ADD ("/window-models/list/bounded-memory", test_model_bounded_memory, &many);
  ADD ("/window-models/list/skips-pages-left-behind", test_model_skips_pages_left_behind, &many);
  ADD ("/window-models/list/refresh-in-place", test_model_refresh_in_place, NULL);
  ADD ("/window-models/list/refresh-new-rows", test_model_refresh_new_rows, NULL);
  ADD ("/window-models/list/drops-stale-answers", test_model_drops_stale_answers, NULL);
  ADD ("/window-models/selection/by-id", test_selection_by_id, NULL);
  ADD ("/window-models/search/as-you-type", test_search_as_you_type, NULL);
  ADD ("/window-models/search/counts-beyond-limit", test_search_counts_beyond_limit, &many);
  ADD ("/window-models/monitor/other-processes", test_monitor_sees_other_processes, NULL);
  ADD ("/window-models/sync-bridge/status-network-refresh", test_sync_bridge, NULL);
  g_test_add_func ("/window-models/text/highlight", test_highlight);
  g_test_add_func ("/window-models/text/format", test_format);

  return g_test_run ();
}
