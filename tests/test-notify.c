/* test-notify.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-notify"

#include "config.h"

#include "pb-notify.h"
#include "pb-test-util.h"

/* What the service tells the user after a sync or a digest; the sending
 * itself is tested against a real notification daemon (notify-test.py). */

static const char papers_json[] =
  "[{\"id\": \"2608.00001\", \"title\": \"Faster sorting\"},"
  " {\"id\": \"2608.00002\", \"title\": \"Spiking neurons & brains\"},"
  " {\"id\": \"2608.00003\", \"title\": \"A hidden paper about neurons\"},"
  " {\"id\": \"2608.00004\", \"title\": \"Diffusion for images\"},"
  " {\"id\": \"2608.00005\", \"title\": \"Large language models\"}]";

static PbSyncResult *
result_new (PbSyncOutcome        outcome,
            gboolean             first_sync,
            const char * const  *trending,
            const char * const  *latest)
{
  PbSyncResult *result = g_new0 (PbSyncResult, 1);

  result->outcome = outcome;
  result->first_sync = first_sync;
  result->failures = g_ptr_array_new_with_free_func (g_free);
  result->new_in_trending = g_ptr_array_new_with_free_func (g_free);
  result->new_in_latest = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; trending != NULL && trending[i] != NULL; i++)
    g_ptr_array_add (result->new_in_trending, g_strdup (trending[i]));
  for (guint i = 0; latest != NULL && latest[i] != NULL; i++)
    g_ptr_array_add (result->new_in_latest, g_strdup (latest[i]));
  if (latest != NULL)
    result->latest_date = g_strdup ("2026-08-20");

  return result;
}

static void
setup_papers (PbTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_test_fixture_setup_open (fixture, data);
  pb_test_merge_json (fixture->store, papers_json, PB_LIST_TRENDING, NULL, NULL);
  g_assert_true (pb_store_set_hidden (fixture->store, "2608.00003", TRUE, &error));
  g_assert_no_error (error);
}

static void
assert_target (GVariant   *target,
               const char *expected)
{
  g_assert_nonnull (target);
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_STRING));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, expected);
}

static void
assert_open_paper_button (PbNotice   *notice,
                          const char *id)
{
  PbNoticeButton *button;

  g_assert_cmpuint (notice->buttons->len, ==, 1);
  button = g_ptr_array_index (notice->buttons, 0);
  g_assert_cmpstr (button->label, ==, "Open Paper");
  g_assert_cmpstr (button->action, ==, "app.open-paper");
  assert_target (button->target, id);
}

/* Which list, if any: trending before the daily list; nothing for the
 * first sync, a failed or cancelled one, or one without new papers. */
static void
test_pick (void)
{
  static const char * const two[] = { "a", "b", NULL };
  static const char * const one[] = { "c", NULL };
  static const char * const none[] = { NULL };
  static const struct
  {
    PbSyncOutcome       outcome;
    gboolean            first_sync;
    const char * const *trending;
    const char * const *latest;
    PbListKind          expected;
  } cases[] = {
    { PB_SYNC_OUTCOME_OK, FALSE, two, one, PB_LIST_TRENDING },
    { PB_SYNC_OUTCOME_OK, FALSE, none, one, PB_LIST_DAILY },
    { PB_SYNC_OUTCOME_OK, FALSE, two, none, PB_LIST_TRENDING },
    { PB_SYNC_OUTCOME_OK, FALSE, none, none, PB_LIST_NONE },
    { PB_SYNC_OUTCOME_OK, FALSE, NULL, NULL, PB_LIST_NONE },
    { PB_SYNC_OUTCOME_PARTIAL, FALSE, none, one, PB_LIST_DAILY },
    { PB_SYNC_OUTCOME_OK, TRUE, two, one, PB_LIST_NONE },
    { PB_SYNC_OUTCOME_FAILED, FALSE, two, one, PB_LIST_NONE },
    { PB_SYNC_OUTCOME_CANCELLED, FALSE, two, one, PB_LIST_NONE },
    { PB_SYNC_OUTCOME_INTERRUPTED, FALSE, two, one, PB_LIST_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbSyncResult) result = result_new (cases[i].outcome, cases[i].first_sync,
                                                   cases[i].trending, cases[i].latest);
      GPtrArray *ids = NULL;
      PbListKind kind = pb_notify_pick_list (result, &ids);

      g_test_message ("case %u", i);
      g_assert_cmpint (kind, ==, cases[i].expected);
      if (kind == PB_LIST_TRENDING)
        g_assert_true (ids == result->new_in_trending);
      else if (kind == PB_LIST_DAILY)
        g_assert_true (ids == result->new_in_latest);
      else
        g_assert_null (ids);
    }
}

/* Keyword matches are named first; hidden papers are not counted. */
static void
test_trending (PbTestFixture *fixture,
               gconstpointer  data)
{
  static const char * const ids[] = { "2608.00001", "2608.00002", "2608.00003", "2608.00004",
                                      "2608.00005", "2608.99999", NULL };
  static const char * const keywords[] = { "language models", "neurons", NULL };
  g_autoptr(PbSyncResult) result = result_new (PB_SYNC_OUTCOME_OK, FALSE, ids, NULL);
  g_autoptr(PbNotice) notice = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;

  notice = pb_notice_new_for_sync (fixture->store, result, keywords, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_cmpstr (notice->id, ==, "new-papers-trending");
  /* Not the hidden one, nor the one the store does not know. */
  g_assert_cmpstr (notice->title, ==, "4 new trending papers");
  /* In the list's order among the matches: 00002 before 00005. */
  g_assert_cmpstr (notice->body, ==,
                   "Spiking neurons & brains (matches “neurons”)\n"
                   "Large language models (matches “language models”)\n"
                   "and 2 more");
  g_assert_cmpstr (notice->action, ==, "app.show-view");
  assert_target (notice->target, "trending");
  assert_open_paper_button (notice, "2608.00002");
  g_assert_cmpint (notice->priority, ==, G_NOTIFICATION_PRIORITY_NORMAL);

  notification = pb_notice_to_notification (notice);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

/* No keywords: the list's order. One paper: no "more". */
static void
test_daily (PbTestFixture *fixture,
            gconstpointer  data)
{
  static const char * const one[] = { "2608.00004", NULL };
  static const char * const two[] = { "2608.00004", "2608.00001", NULL };
  static const char * const nothing[] = { NULL };
  g_autoptr(PbSyncResult) single = result_new (PB_SYNC_OUTCOME_PARTIAL, FALSE, NULL, one);
  g_autoptr(PbSyncResult) pair = result_new (PB_SYNC_OUTCOME_OK, FALSE, NULL, two);
  g_autoptr(PbNotice) first = NULL;
  g_autoptr(PbNotice) second = NULL;
  g_autoptr(GError) error = NULL;

  first = pb_notice_new_for_sync (fixture->store, single, nothing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->id, ==, "new-papers-daily");
  g_assert_cmpstr (first->title, ==, "1 new daily paper");
  g_assert_cmpstr (first->body, ==, "Diffusion for images");
  assert_target (first->target, "daily");
  assert_open_paper_button (first, "2608.00004");

  second = pb_notice_new_for_sync (fixture->store, pair, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->title, ==, "2 new daily papers");
  g_assert_cmpstr (second->body, ==, "Diffusion for images\nFaster sorting");
}

/* New papers that are all hidden, or a sync that brought nothing: silence. */
static void
test_nothing (PbTestFixture *fixture,
              gconstpointer  data)
{
  static const char * const hidden[] = { "2608.00003", NULL };
  static const char * const some[] = { "2608.00001", NULL };
  g_autoptr(PbSyncResult) only_hidden = result_new (PB_SYNC_OUTCOME_OK, FALSE, hidden, NULL);
  g_autoptr(PbSyncResult) unchanged = result_new (PB_SYNC_OUTCOME_OK, FALSE, NULL, NULL);
  g_autoptr(PbSyncResult) first = result_new (PB_SYNC_OUTCOME_OK, TRUE, some, some);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_notice_new_for_sync (fixture->store, only_hidden, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pb_notice_new_for_sync (fixture->store, unchanged, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pb_notice_new_for_sync (fixture->store, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pb_notice_new_for_papers (PB_LIST_TRENDING, empty));
}

static PbDigestReport *
report_new (PbDigestOutcome  outcome,
            const char      *day,
            const char      *message)
{
  PbDigestReport *report = g_new0 (PbDigestReport, 1);

  report->outcome = outcome;
  report->day = g_strdup (day);
  report->message = g_strdup (message);

  return report;
}

static PbNotifyStep
decide (PbStore          *store,
        PbDigestOutcome   outcome,
        const char       *day,
        const char       *message,
        PbNotice        **notice)
{
  g_autoptr(PbDigestReport) report = report_new (outcome, day, message);
  g_autoptr(GError) error = NULL;
  PbNotifyStep step = pb_notify_decide_digest (store, report, notice, &error);

  g_assert_no_error (error);
  return step;
}

/* One notification per failure, not per tick; a digest that goes out again
 * withdraws it, and the next failure is told again. */
static void
test_digest (PbTestFixture *fixture,
             gconstpointer  data)
{
  static const char refused[] = "The digest is paused: the server refused the password.";
  g_autoptr(PbNotice) retry = NULL;
  g_autoptr(PbNotice) paused = NULL;
  g_autoptr(PbNotice) later = NULL;
  PbNoticeButton *button;
  PbNotice *none = NULL;

  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_NOT_DUE, "2026-08-20", "later",
                           &none), ==, PB_NOTIFY_NOTHING);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_SENT, "2026-08-20", "Sent", &none),
                   ==, PB_NOTIFY_NOTHING);

  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_RETRY, "2026-08-21",
                           "No connection. Trying again at 08:05.", &retry),
                   ==, PB_NOTIFY_SEND);
  g_assert_cmpstr (retry->id, ==, "digest-failed");
  g_assert_cmpstr (retry->title, ==, "The email digest could not be sent");
  g_assert_cmpstr (retry->body, ==, "No connection. Trying again at 08:05.");
  g_assert_cmpstr (retry->action, ==, "app.preferences");
  g_assert_null (retry->target);
  g_assert_cmpuint (retry->buttons->len, ==, 1);
  button = g_ptr_array_index (retry->buttons, 0);
  g_assert_cmpstr (button->label, ==, "Preferences");
  g_assert_cmpstr (button->action, ==, "app.preferences");
  g_assert_null (button->target);

  /* The same day failing again, or given up: the same failure. */
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_RETRY, "2026-08-21",
                           "No connection. Trying again at 08:20.", &none),
                   ==, PB_NOTIFY_NOTHING);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_NOT_DUE, "2026-08-21", "later",
                           &none), ==, PB_NOTIFY_NOTHING);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_FAILED, "2026-08-21",
                           "No connection. Gave up for today.", &none),
                   ==, PB_NOTIFY_NOTHING);
  g_assert_null (none);

  /* A pause: told once, whatever the day. */
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_PAUSED, "2026-08-24", refused,
                           &paused), ==, PB_NOTIFY_SEND);
  g_assert_cmpstr (paused->title, ==, "The email digest is paused");
  g_assert_cmpstr (paused->body, ==, refused);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_PAUSED, "2026-08-25", refused,
                           &none), ==, PB_NOTIFY_NOTHING);

  /* Fixed: withdrawn once, then nothing to withdraw. */
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_SENT, "2026-08-26", "Sent", &none),
                   ==, PB_NOTIFY_WITHDRAW);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_EMPTY, "2026-08-27", "Nothing new",
                           &none), ==, PB_NOTIFY_NOTHING);
  g_assert_null (none);

  /* The same day failing again after all that is a new failure. */
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_RETRY, "2026-08-21", "Again",
                           &later), ==, PB_NOTIFY_SEND);
  g_assert_nonnull (later);
}

/* The memory outlives the process: it is in the database. */
static void
test_digest_remembered (PbTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(PbNotice) notice = NULL;
  PbNotice *none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_FAILED, "2026-08-21", "No server",
                           &notice), ==, PB_NOTIFY_SEND);
  g_clear_object (&fixture->store);
  fixture->store = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decide (fixture->store, PB_DIGEST_OUTCOME_RETRY, "2026-08-21", "No server",
                           &none), ==, PB_NOTIFY_NOTHING);
  g_assert_null (none);
}

static void
test_digest_key (void)
{
  static const struct
  {
    PbDigestOutcome  outcome;
    const char      *day;
    const char      *message;
    const char      *key;
  } cases[] = {
    { PB_DIGEST_OUTCOME_RETRY, "2026-08-21", "x", "failed:2026-08-21" },
    { PB_DIGEST_OUTCOME_FAILED, "2026-08-21", "y", "failed:2026-08-21" },
    { PB_DIGEST_OUTCOME_FAILED, NULL, "y", "failed:" },
    { PB_DIGEST_OUTCOME_PAUSED, "2026-08-21", "why", "paused:why" },
    { PB_DIGEST_OUTCOME_SENT, "2026-08-21", "ok", NULL },
    { PB_DIGEST_OUTCOME_EMPTY, "2026-08-21", "ok", NULL },
    { PB_DIGEST_OUTCOME_NOT_DUE, NULL, "later", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbDigestReport) report = report_new (cases[i].outcome, cases[i].day,
                                                     cases[i].message);
      g_autofree char *key = pb_notify_dup_digest_key (report);
      g_autoptr(PbNotice) notice = pb_notice_new_for_digest (report);

      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_true ((notice != NULL) == (cases[i].key != NULL));
    }
}

#define ADD(path, setup, func) \
  g_test_add (path, PbTestFixture, NULL, setup, func, pb_test_fixture_teardown)

int
main (int    argc,
      char **argv)
{
  pb_test_init (&argc, &argv);

  g_test_add_func ("/notify/pick", test_pick);
  ADD ("/notify/trending", setup_papers, test_trending);
  ADD ("/notify/daily", setup_papers, test_daily);
  ADD ("/notify/nothing", setup_papers, test_nothing);
  ADD ("/notify/digest", pb_test_fixture_setup_open, test_digest);
  ADD ("/notify/digest-remembered", pb_test_fixture_setup_open, test_digest_remembered);
  g_test_add_func ("/notify/digest-key", test_digest_key);

  return pb_test_run ();
}
