/* test-digest.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "pb-digest-private.h"
#include "pb-importer.h"
#include "pb-paper-private.h"
#include "pb-store-digest.h"

/*
 * The digest without a network: selection, rendering, the message, and the
 * daily schedule with a mailer that records what it is asked to send. The
 * real SMTP client is tested against a real server in digest-smtp-test.py.
 */

/* A mailer that fails as told and records what it sends. */

#define TEST_TYPE_MAILER (test_mailer_get_type ())
G_DECLARE_FINAL_TYPE (TestMailer, test_mailer, TEST, MAILER, GObject)

struct _TestMailer
{
  GObject    parent_instance;
  GPtrArray *sent;        /* (element-type utf8): "recipient\nmessage" */
  GQueue     failures;    /* GError* or NULL, one per call; empty: succeed */
  GPtrArray *rejected;    /* (element-type utf8): recipients refused for good */
  guint      n_calls;
};

static void test_mailer_iface_init (PbMailerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMailer, test_mailer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_MAILER, test_mailer_iface_init))

static void
test_mailer_finalize (GObject *object)
{
  TestMailer *self = TEST_MAILER (object);

  g_ptr_array_unref (self->sent);
  g_ptr_array_unref (self->rejected);
  g_queue_clear_full (&self->failures, (GDestroyNotify)g_error_free);

  G_OBJECT_CLASS (test_mailer_parent_class)->finalize (object);
}

static void
test_mailer_class_init (TestMailerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_mailer_finalize;
}

static void
test_mailer_init (TestMailer *self)
{
  self->sent = g_ptr_array_new_with_free_func (g_free);
  self->rejected = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->failures);
}

static gboolean
test_mailer_send (PbMailer      *mailer,
                  const char    *sender,
                  const char    *recipient,
                  GBytes        *message,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TestMailer *self = TEST_MAILER (mailer);
  GError *failure = g_queue_pop_head (&self->failures);

  self->n_calls++;
  if (failure != NULL)
    {
      g_propagate_error (error, failure);
      return FALSE;
    }
  for (guint i = 0; i < self->rejected->len; i++)
    if (g_str_equal (recipient, g_ptr_array_index (self->rejected, i)))
      {
        g_set_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_RECIPIENT, "refused %s", recipient);
        return FALSE;
      }

  g_ptr_array_add (self->sent, g_strdup_printf ("%s\n%.*s", recipient,
                                                (int)g_bytes_get_size (message),
                                                (const char *)g_bytes_get_data (message, NULL)));
  return TRUE;
}

static void
test_mailer_iface_init (PbMailerInterface *iface)
{
  iface->send = test_mailer_send;
}

static void
fail_next (TestMailer *mailer,
           int         code,
           guint       times)
{
  for (guint i = 0; i < times; i++)
    g_queue_push_tail (&mailer->failures, g_error_new (PB_MAILER_ERROR, code, "failure %d", code));
}

/* Fixture: a store with the daily lists of 17 to 20 August 2026. */

typedef struct
{
  char           *dir;
  PbStore        *store;
  PbDigestConfig *config;
  TestMailer     *mailer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImportReport) report = NULL;
  g_autofree char *path = NULL;
  PbImportOptions options = { TRUE, PB_LIST_NONE, NULL };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  static const char * const days[] = { "17", "18", "19", "20" };

  f->dir = g_dir_make_tmp ("test-digest-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "papers.db", NULL);
  f->store = pb_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *name = g_strdup_printf ("daily_papers_2026-08-%s.json", days[i]);

      g_ptr_array_add (files, g_test_build_filename (G_TEST_DIST, "data", "hf", name, NULL));
    }
  g_ptr_array_add (files, NULL);
  report = pb_import_files (f->store, (const char * const *)files->pdata, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_failed, ==, 0);

  f->config = g_new0 (PbDigestConfig, 1);
  f->config->enabled = TRUE;
  f->config->time = g_strdup ("08:00");
  f->config->weekdays_only = TRUE;
  f->config->from = g_strdup ("paperboy@example.com");
  f->config->recipients = g_strsplit ("ann@example.com", " ", -1);
  f->config->max_papers = 5;
  f->config->skip_empty = TRUE;
  f->config->host = g_strdup ("localhost");
  f->config->port = 25;
  f->config->security = PB_SMTP_SECURITY_NONE;
  f->config->username = g_strdup ("");
  f->config->ca_file = g_strdup ("");

  f->mailer = g_object_new (TEST_TYPE_MAILER, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->mailer);
  pb_digest_config_free (f->config);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GDateTime *
at (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *now = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (now);
  return now;
}

/* Runs the schedule at @iso and checks the outcome. */
static PbDigestReport *
run_at (Fixture         *f,
        const char      *iso,
        PbDigestOutcome  expected)
{
  g_autoptr(GDateTime) now = at (iso);
  g_autoptr(GError) error = NULL;
  PbDigestReport *report = NULL;
  gboolean ok;

  ok = _pb_digest_run_due_full (f->store, f->config, now, PB_MAILER (f->mailer), NULL, &report,
                                &error);
  g_assert_nonnull (report);
  if (report->outcome != expected)
    g_error ("%s: outcome %s, expected %s: %s", iso, pb_digest_outcome_to_string (report->outcome),
             pb_digest_outcome_to_string (expected), report->message);
  if (expected == PB_DIGEST_OUTCOME_RETRY || expected == PB_DIGEST_OUTCOME_FAILED)
    g_assert_false (ok);
  else
    g_assert_no_error (error);

  return report;
}

static void
run_expect (Fixture         *f,
            const char      *iso,
            PbDigestOutcome  expected)
{
  g_autoptr(PbDigestReport) report = run_at (f, iso, expected);
}

static GPtrArray *
attempts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = pb_store_list_digest_attempts (f->store, 100, &error);

  g_assert_no_error (error);
  return list;
}

/* Selection */

static void
test_select_ranked (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDigest) digest = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  GPtrArray *papers;

  g_assert_no_error (error);
  g_assert_cmpstr (pb_digest_get_since_day (digest), ==, "2026-08-19");
  papers = pb_digest_get_papers (digest);
  g_assert_cmpuint (papers->len, ==, 5);
  for (guint i = 1; i < papers->len; i++)
    g_assert_cmpint (pb_paper_get_upvotes (g_ptr_array_index (papers, i - 1)), >=,
                     pb_paper_get_upvotes (g_ptr_array_index (papers, i)));
  for (guint i = 0; i < papers->len; i++)
    g_assert_nonnull (pb_paper_get_abstract (g_ptr_array_index (papers, i)));
}

static gboolean
mentions (PbPaper    *paper,
          const char *word)
{
  g_autofree char *all = g_strjoin (" ", pb_paper_get_title (paper), pb_paper_get_abstract (paper),
                                    pb_paper_get_ai_summary (paper) ?: "", NULL);
  g_autofree char *lower = g_utf8_strdown (all, -1);

  return strstr (lower, word) != NULL;
}

static void
test_select_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDigest) all = NULL;
  g_autoptr(PbDigest) filtered = NULL;
  g_autoptr(PbDigest) nothing = NULL;
  g_autoptr(PbDigest) popular = NULL;
  PbPaper *top;

  f->config->max_papers = 100;
  all = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  top = g_ptr_array_index (pb_digest_get_papers (all), 0);

  /* Hidden papers are left out. */
  pb_store_set_hidden (f->store, pb_paper_get_id (top), TRUE, &error);
  g_assert_no_error (error);

  g_strfreev (f->config->keywords);
  f->config->keywords = g_strsplit ("video|reinforcement learning", "|", -1);
  filtered = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_digest_get_papers (filtered)->len, >, 0);
  g_assert_cmpuint (pb_digest_get_papers (filtered)->len, <, pb_digest_get_papers (all)->len);
  for (guint i = 0; i < pb_digest_get_papers (filtered)->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (pb_digest_get_papers (filtered), i);

      g_assert_cmpstr (pb_paper_get_id (paper), !=, pb_paper_get_id (top));
      g_assert_true (mentions (paper, "video") ||
                     (mentions (paper, "reinforcement") && mentions (paper, "learning")));
    }

  /* Keywords with nothing searchable match nothing, not everything. */
  g_strfreev (f->config->keywords);
  f->config->keywords = g_strsplit ("!!! ???", "|", -1);
  nothing = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_digest_get_papers (nothing)->len, ==, 0);

  g_clear_pointer (&f->config->keywords, g_strfreev);
  f->config->min_upvotes = 40;
  popular = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_digest_get_papers (popular)->len, >, 0);
  for (guint i = 0; i < pb_digest_get_papers (popular)->len; i++)
    g_assert_cmpint (pb_paper_get_upvotes (g_ptr_array_index (pb_digest_get_papers (popular), i)),
                     >=, 40);
}

static void
test_select_ledger (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDigest) before = NULL;
  g_autoptr(PbDigest) after = NULL;
  g_autoptr(GPtrArray) sent = NULL;

  before = pb_digest_select (f->store, f->config, "2026-08-19", &error);
  g_assert_no_error (error);
  run_expect (f, "2026-08-19T09:00:00Z", PB_DIGEST_OUTCOME_SENT);

  sent = pb_store_dup_digest_papers (f->store, "2026-08-19", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 5);
  for (guint i = 0; i < sent->len; i++)
    g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (sent, i)), ==,
                     pb_paper_get_id (g_ptr_array_index (pb_digest_get_papers (before), i)));

  /* The next digest starts the day before the last one, without its papers. */
  after = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_digest_get_since_day (after), ==, "2026-08-18");
  for (guint i = 0; i < pb_digest_get_papers (after)->len; i++)
    for (guint j = 0; j < sent->len; j++)
      g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (pb_digest_get_papers (after), i)), !=,
                       pb_paper_get_id (g_ptr_array_index (sent, j)));
}

/* Rendering */

static PbPaper *
new_hostile_paper (void)
{
  PbPaper *paper = _pb_paper_new ();

  paper->id = g_strdup ("2608.00001");
  paper->title = g_strdup ("Évil <script>alert(1)</script> & \"co\"\r\nBcc: x@example.com");
  paper->abstract = g_strdup ("We show <b>bold</b> claims, e.g. Fig. 3 and et al. 2020. "
                              "The second sentence ends here. A third one is dropped.");
  paper->authors = g_strsplit ("A <a>|B & C|D|E|F", "|", -1);
  paper->upvotes = 7;
  paper->comments = -1;
  paper->github_stars = 3;
  paper->github_repo = g_strdup ("javascript:alert(1)");
  paper->project_page = g_strdup ("https://example.org/a?b=1&c=\"2\"");

  return paper;
}

static PbDigest *
new_hostile_digest (Fixture *f)
{
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (papers, new_hostile_paper ());
  return pb_digest_new ("2026-08-20", "2026-08-19", papers, f->config);
}

static void
test_render_escaping (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbDigest) digest = new_hostile_digest (f);
  g_autofree char *html = pb_digest_render_html (digest);
  g_autofree char *text = pb_digest_render_text (digest);
  g_autofree char *markup = pb_digest_render_markup (digest);
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  static const GMarkupParser parser = { 0, };

  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
  g_assert_null (strstr (html, "<b>bold"));
  g_assert_null (strstr (html, "<a>"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_null (strstr (text, "javascript:"));
  g_assert_nonnull (strstr (html, "href=\"https://example.org/a?b=1&amp;c=%222%22\""));
  g_assert_null (strstr (html, "<img"));
  g_assert_nonnull (strstr (html, "https://huggingface.co/papers/2608.00001"));
  g_assert_nonnull (strstr (text, "A <a>, B & C, D, E et al."));
  g_assert_null (strstr (text, "\r"));
  g_assert_nonnull (strstr (text, "Bcc: x@example.com"));  /* in the body, as text */

  /* The preview's markup is well-formed: GtkLabel would show it. */
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  g_assert_no_error (error);
}

static void
test_render_summary (void)
{
  g_autofree char *two = _pb_digest_first_sentences ("We study X, e.g. Fig. 3 of Smith et al. "
                                                     "2020. Results are 3.5 times better! "
                                                     "Third sentence.", 2);
  g_autofree char *all = _pb_digest_first_sentences ("Only one sentence.", 2);
  g_autofree char *none = _pb_digest_first_sentences (NULL, 2);

  g_assert_cmpstr (two, ==, "We study X, e.g. Fig. 3 of Smith et al. 2020. "
                            "Results are 3.5 times better!");
  g_assert_cmpstr (all, ==, "Only one sentence.");
  g_assert_cmpstr (none, ==, "");
}

static void
test_message (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbDigest) digest = new_hostile_digest (f);
  g_autoptr(GDateTime) date = at ("2026-08-20T09:00:00Z");
  g_autofree char *id = pb_digest_dup_message_id (digest, "ann@example.com", TRUE);
  g_autofree char *id_again = pb_digest_dup_message_id (digest, "Ann@Example.com", TRUE);
  g_autofree char *id_other = pb_digest_dup_message_id (digest, "bob@example.com", TRUE);
  g_autofree char *id_manual = pb_digest_dup_message_id (digest, "ann@example.com", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  InternetAddressList *to;
  const char *raw;
  gsize size;

  g_assert_true (g_str_has_prefix (id, "paperboy-digest.2026-08-20."));
  g_assert_true (g_str_has_suffix (id, "@example.com"));
  g_assert_cmpstr (id, ==, id_again);
  g_assert_cmpstr (id, !=, id_other);
  g_assert_cmpstr (id, !=, id_manual);

  bytes = pb_digest_build_message (digest, "paperboy@example.com", "ann@example.com", date, id,
                                   &error);
  g_assert_no_error (error);
  raw = g_bytes_get_data (bytes, &size);
  for (gsize i = 0; i < size; i++)
    if (raw[i] == '\n')
      g_assert_cmpint (i > 0 && raw[i - 1] == '\r', ==, TRUE);

  /* Parse it back. */
  stream = g_mime_stream_mem_new_with_buffer (raw, size);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==,
                   "Paperboy, Thu 20 Aug: Évil <script>alert(1)</script> & \"co\" Bcc: "
                   "x@example.com");
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, id);
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (message), "Bcc"));
  to = g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_addresses (
                     message, GMIME_ADDRESS_TYPE_BCC)), ==, 0);
  g_assert_true (GMIME_IS_MULTIPART (g_mime_message_get_mime_part (message)));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (
                     g_mime_message_get_mime_part (message))), ==, 2);

  /* Nothing odd reaches a header or the envelope. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = pb_digest_build_message (digest, "paperboy@example.com",
                                   "ann@example.com>\r\nBcc: x@example.com", date, id, &error);
  g_assert_error (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS);
  g_assert_null (bytes);

  g_object_unref (message);
  g_object_unref (parser);
  g_object_unref (stream);
}

/* The schedule */

static void
test_run_schedule (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PbDigestReport) report = NULL;
  g_autoptr(GDateTime) slot = at ("2026-08-20T08:00:00Z");
  g_autoptr(GPtrArray) log = NULL;

  /* Thursday 20 August. */
  report = run_at (f, "2026-08-20T07:59:59Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpint (report->next_check, ==, g_date_time_to_unix (slot));
  g_clear_pointer (&report, pb_digest_report_free);

  report = run_at (f, "2026-08-20T08:00:00Z", PB_DIGEST_OUTCOME_SENT);
  g_assert_cmpuint (report->n_papers, ==, 5);
  g_assert_cmpuint (report->n_delivered, ==, 1);
  g_assert_cmpuint (f->mailer->sent->len, ==, 1);
  g_clear_pointer (&report, pb_digest_report_free);

  report = run_at (f, "2026-08-20T23:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_nonnull (strstr (report->message, "done"));
  g_assert_cmpuint (f->mailer->n_calls, ==, 1);

  log = attempts (f);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((PbDigestAttempt *)g_ptr_array_index (log, 0))->result, ==, "sent");

  /* Off: nothing. */
  f->config->enabled = FALSE;
  run_expect (f, "2026-08-21T09:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->n_calls, ==, 1);
}

static void
test_run_catch_up (Fixture       *f,
                   gconstpointer  data)
{
  /* Turned on on a Saturday: Friday's digest is not sent at once. */
  run_expect (f, "2026-08-22T10:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  run_expect (f, "2026-08-24T07:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  run_expect (f, "2026-08-24T08:30:00Z", PB_DIGEST_OUTCOME_EMPTY);  /* no list after the 20th */
  g_assert_cmpuint (f->mailer->n_calls, ==, 0);

  /* Tuesday, Wednesday missed: Thursday before 08:00 waits for Thursday's. */
  run_expect (f, "2026-08-27T07:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);

  /* Friday missed: Saturday catches it up, once. */
  f->config->skip_empty = FALSE;
  run_expect (f, "2026-08-29T11:00:00Z", PB_DIGEST_OUTCOME_SENT);
  run_expect (f, "2026-08-29T12:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  run_expect (f, "2026-08-30T12:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->sent->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->mailer->sent, 0), "no new papers"));

  /* Every day, including weekends. */
  f->config->weekdays_only = FALSE;
  run_expect (f, "2026-08-30T12:00:00Z", PB_DIGEST_OUTCOME_SENT);
}

static void
test_run_retry (Fixture       *f,
                gconstpointer  data)
{
  static const char * const tries[] = {
    "2026-08-20T09:00:00Z", "2026-08-20T09:05:00Z", "2026-08-20T09:20:00Z",
    "2026-08-20T09:50:00Z", "2026-08-20T10:50:00Z", "2026-08-20T12:50:00Z",
    "2026-08-20T14:50:00Z",
  };
  g_autoptr(PbDigestReport) report = NULL;

  fail_next (f->mailer, PB_MAILER_ERROR_CONNECT, 100);

  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      run_expect (f, tries[i], PB_DIGEST_OUTCOME_RETRY);
      g_assert_cmpuint (f->mailer->n_calls, ==, i + 1);
      /* Not before its time. */
      if (i + 1 < G_N_ELEMENTS (tries))
        {
          g_autoptr(GDateTime) t = at (tries[i]);
          g_autoptr(GDateTime) soon = g_date_time_add_minutes (t, 4);
          g_autofree char *iso = g_date_time_format_iso8601 (soon);

          run_expect (f, iso, PB_DIGEST_OUTCOME_NOT_DUE);
        }
    }

  /* The eighth attempt is the last of the day. */
  report = run_at (f, "2026-08-20T16:50:00Z", PB_DIGEST_OUTCOME_FAILED);
  g_assert_nonnull (strstr (report->message, "Gave up for today"));
  run_expect (f, "2026-08-20T23:59:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->n_calls, ==, 8);

  /* The papers were never delivered: they go into Friday's digest. */
  g_queue_clear_full (&f->mailer->failures, (GDestroyNotify)g_error_free);
  run_expect (f, "2026-08-21T08:00:00Z", PB_DIGEST_OUTCOME_SENT);
}

static void
test_run_retry_ends_with_day (Fixture       *f,
                              gconstpointer  data)
{
  fail_next (f->mailer, PB_MAILER_ERROR_TIMEOUT, 1);
  run_expect (f, "2026-08-20T23:57:00Z", PB_DIGEST_OUTCOME_FAILED);
  run_expect (f, "2026-08-21T00:10:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->n_calls, ==, 1);
}

static void
test_run_auth_pause (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbDigestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *paused = NULL;

  fail_next (f->mailer, PB_MAILER_ERROR_AUTH, 1);
  run_expect (f, "2026-08-20T09:00:00Z", PB_DIGEST_OUTCOME_FAILED);
  paused = pb_digest_dup_pause_message (f->store);
  g_assert_cmpstr (paused, ==, "failure 3.");

  /* However often the service ticks, the server is not asked again. */
  run_expect (f, "2026-08-20T09:30:00Z", PB_DIGEST_OUTCOME_PAUSED);
  run_expect (f, "2026-08-21T09:00:00Z", PB_DIGEST_OUTCOME_PAUSED);
  run_expect (f, "2026-08-24T09:00:00Z", PB_DIGEST_OUTCOME_PAUSED);
  g_assert_cmpuint (f->mailer->n_calls, ==, 1);

  /* A new password: tried again at once. */
  pb_digest_note_password_changed (f->store, &error);
  g_assert_no_error (error);
  run_expect (f, "2026-08-24T09:10:00Z", PB_DIGEST_OUTCOME_EMPTY);
  g_clear_pointer (&paused, g_free);
  paused = pb_digest_dup_pause_message (f->store);
  g_assert_null (paused);

  /* Other settings lift a pause too. */
  fail_next (f->mailer, PB_MAILER_ERROR_SENDER, 1);
  f->config->skip_empty = FALSE;
  run_expect (f, "2026-08-25T09:00:00Z", PB_DIGEST_OUTCOME_FAILED);
  run_expect (f, "2026-08-25T10:00:00Z", PB_DIGEST_OUTCOME_PAUSED);
  g_free (f->config->from);
  f->config->from = g_strdup ("me@example.com");
  report = run_at (f, "2026-08-25T10:05:00Z", PB_DIGEST_OUTCOME_SENT);
  g_assert_cmpuint (f->mailer->n_calls, ==, 3);
}

static void
test_run_recipients (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  PbDigestAttempt *attempt;

  g_strfreev (f->config->recipients);
  f->config->recipients = g_strsplit ("ann@example.com bad@example.com cid@example.com", " ", -1);
  g_ptr_array_add (f->mailer->rejected, g_strdup ("bad@example.com"));

  /* One refused recipient does not stop the others, and is not retried. */
  run_expect (f, "2026-08-20T09:00:00Z", PB_DIGEST_OUTCOME_SENT);
  g_assert_cmpuint (f->mailer->sent->len, ==, 2);
  run_expect (f, "2026-08-20T10:00:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->n_calls, ==, 3);

  log = attempts (f);
  attempt = g_ptr_array_index (log, 0);
  g_assert_cmpstr (attempt->result, ==, "partial");
  g_assert_cmpstr (attempt->error_kind, ==, "recipient");
  g_assert_cmpuint (attempt->n_delivered, ==, 2);
  g_assert_cmpuint (attempt->n_recipients, ==, 3);

  rows = pb_store_list_digest_recipients (f->store, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((PbDigestRecipient *)g_ptr_array_index (rows, 1))->state, ==,
                   PB_RECIPIENT_REJECTED);
}

static void
test_run_takeover (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PbDigestRecord) record = g_new0 (PbDigestRecord, 1);
  g_autoptr(PbDigest) digest = NULL;
  g_autoptr(GDateTime) claimed = at ("2026-08-20T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  PbDigestRecipient done = { (char *)"ann@example.com", NULL, PB_RECIPIENT_SENT, 0 };

  g_strfreev (f->config->recipients);
  f->config->recipients = g_strsplit ("ann@example.com bob@example.com", " ", -1);

  /* A process claimed the day, delivered to Ann, and died. */
  digest = pb_digest_select (f->store, f->config, "2026-08-20", &error);
  g_assert_no_error (error);
  record->day = g_strdup ("2026-08-20");
  record->since_day = g_strdup (pb_digest_get_since_day (digest));
  record->state = PB_DIGEST_STATE_SENDING;
  record->claimed_at = g_date_time_to_unix (claimed);
  record->lease_until = record->claimed_at + 600;
  record->retry_until = record->claimed_at + 12 * 3600;
  record->n_attempts = 1;
  pb_store_save_digest (f->store, record, &error);
  g_assert_no_error (error);
  pb_store_set_digest_papers (f->store, "2026-08-20", pb_digest_get_papers (digest), &error);
  g_assert_no_error (error);
  done.message_id = id = pb_digest_dup_message_id (digest, "ann@example.com", TRUE);
  pb_store_save_digest_recipient (f->store, "2026-08-20", &done, &error);
  g_assert_no_error (error);

  /* While its claim holds, nobody else sends. */
  run_expect (f, "2026-08-20T09:05:00Z", PB_DIGEST_OUTCOME_NOT_DUE);
  g_assert_cmpuint (f->mailer->n_calls, ==, 0);

  /* Then the day is taken over: Bob gets it, Ann not a second time, and
   * the message is the one the dead process was sending. */
  run_expect (f, "2026-08-20T09:11:00Z", PB_DIGEST_OUTCOME_SENT);
  g_assert_cmpuint (f->mailer->sent->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->mailer->sent, 0), "bob@example.com\n"));
  for (guint i = 0; i < pb_digest_get_papers (digest)->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (f->mailer->sent, 0),
                              pb_paper_get_id (g_ptr_array_index (pb_digest_get_papers (digest),
                                                                  i))));
}

static void
test_run_paused_by_settings (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PbDigestReport) report = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDigestRecord) record = NULL;

  g_free (f->config->host);
  f->config->host = g_strdup ("smtp.example.com");   /* no TLS: only for this computer */
  report = run_at (f, "2026-08-20T09:00:00Z", PB_DIGEST_OUTCOME_PAUSED);
  g_assert_nonnull (strstr (report->message, "STARTTLS or TLS"));

  g_strfreev (f->config->recipients);
  f->config->recipients = g_strsplit ("not an address", "|", -1);
  f->config->security = PB_SMTP_SECURITY_STARTTLS;
  g_clear_pointer (&report, pb_digest_report_free);
  report = run_at (f, "2026-08-20T09:00:00Z", PB_DIGEST_OUTCOME_PAUSED);
  g_assert_nonnull (strstr (report->message, "“not an address” is not an email address"));

  /* Nothing claimed, nothing logged, nothing sent. */
  record = pb_store_get_digest (f->store, "2026-08-20", &error);
  g_assert_no_error (error);
  g_assert_null (record);
  log = attempts (f);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpuint (f->mailer->n_calls, ==, 0);
}

static void
test_send_now (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = at ("2026-08-20T07:00:00Z");
  g_autoptr(PbDigestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char * const to[] = { "zoe@example.com", NULL };
  gboolean ok;

  /* By hand, before the time, to someone else: not the day's digest. */
  ok = _pb_digest_send_now_full (f->store, f->config, now, to, NULL, PB_MAILER (f->mailer), NULL,
                                 &report, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (report->outcome, ==, PB_DIGEST_OUTCOME_SENT);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->mailer->sent, 0), "zoe@example.com\n"));

  run_expect (f, "2026-08-20T08:00:00Z", PB_DIGEST_OUTCOME_SENT);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->mailer->sent, 1), "ann@example.com\n"));
}

/* The real SMTP client, against servers that are not there or say nothing:
 * the failures must come back classified and in time. */

static void
test_mailer_failures (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(PbSmtpMailer) mailer = NULL;
  g_autoptr(GBytes) message = g_bytes_new_static ("Subject: x\r\n\r\nx\r\n", 17);
  g_autoptr(GError) error = NULL;
  guint16 silent_port, closed_port;
  gint64 start;

  /* No TLS to a remote host: refused before connecting. */
  mailer = pb_smtp_mailer_new ("smtp.example.com", 25, PB_SMTP_SECURITY_NONE);
  g_assert_false (pb_mailer_send (PB_MAILER (mailer), "a@example.com", "b@example.com", message,
                                  NULL, &error));
  g_assert_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG);
  g_assert_false (pb_mailer_error_is_temporary (error));
  g_clear_error (&error);
  g_clear_object (&mailer);

  /* Nobody listening. */
  closed_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  mailer = pb_smtp_mailer_new ("127.0.0.1", closed_port, PB_SMTP_SECURITY_STARTTLS);
  g_assert_false (pb_mailer_send (PB_MAILER (mailer), "a@example.com", "b@example.com", message,
                                  NULL, &error));
  g_assert_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONNECT);
  g_assert_true (pb_mailer_error_is_temporary (error));
  g_assert_cmpstr (pb_mailer_error_kind (error), ==, "connect");
  g_clear_error (&error);
  g_clear_object (&mailer);

  /* A server that accepts and never greets (as an implicit TLS server
   * does to a STARTTLS client): a timeout, after the connect timeout. */
  g_clear_object (&listener);
  listener = g_socket_listener_new ();
  silent_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  mailer = pb_smtp_mailer_new ("127.0.0.1", silent_port, PB_SMTP_SECURITY_STARTTLS);
  pb_smtp_mailer_set_timeouts (mailer, 1, 2);
  start = g_get_monotonic_time ();
  g_assert_false (pb_mailer_send (PB_MAILER (mailer), "a@example.com", "b@example.com", message,
                                  NULL, &error));
  g_assert_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "port 465 uses TLS"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Addresses are checked before anything is sent. */
  g_assert_false (pb_mailer_send (PB_MAILER (mailer), "a@example.com", "b@example.com>\r\nRCPT",
                                  message, NULL, &error));
  g_assert_error (error, PB_MAILER_ERROR, PB_MAILER_ERROR_CONFIG);
}

static void
test_addresses (void)
{
  static const struct { const char *address; gboolean valid; } cases[] = {
    { "ann@example.com", TRUE }, { "ann.b+tag@mail.example.co.uk", TRUE },
    { "o'neil@example.com", TRUE }, { "ann@localhost", TRUE }, { "ann@example.com.", TRUE },
    { "", FALSE }, { "ann", FALSE }, { "@example.com", FALSE }, { "ann@", FALSE },
    { "ann@@example.com", FALSE }, { "ann @example.com", FALSE }, { ".ann@example.com", FALSE },
    { "an..n@example.com", FALSE }, { "ann@-example.com", FALSE }, { "ann@exa_mple.com", FALSE },
    { "Ann <ann@example.com>", FALSE }, { "ann@example.com\r\nBcc: x@example.com", FALSE },
    { "ann@example.com,bob@example.com", FALSE }, { "ännä@example.com", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (pb_mail_address_is_valid (cases[i].address) != cases[i].valid)
      g_error ("“%s” should be %s", cases[i].address, cases[i].valid ? "valid" : "invalid");

  g_assert_true (pb_mail_host_is_valid ("smtp.example.com"));
  g_assert_true (pb_mail_host_is_valid ("::1"));
  g_assert_false (pb_mail_host_is_valid ("smtp.example.com/x"));
  g_assert_false (pb_mail_host_is_valid ("user@smtp.example.com"));
  g_assert_true (pb_host_is_loopback ("127.0.0.2"));
  g_assert_true (pb_host_is_loopback ("::1"));
  g_assert_true (pb_host_is_loopback ("LocalHost"));
  g_assert_false (pb_host_is_loopback ("localhost.example.com"));
  g_assert_false (pb_host_is_loopback ("10.0.0.1"));
}

static void
test_time (void)
{
  int h = -1, m = -1;

  g_assert_true (pb_digest_parse_time ("08:00", &h, &m));
  g_assert_cmpint (h, ==, 8);
  g_assert_cmpint (m, ==, 0);
  g_assert_true (pb_digest_parse_time ("23:59", &h, &m));
  g_assert_false (pb_digest_parse_time ("24:00", NULL, NULL));
  g_assert_false (pb_digest_parse_time ("8:00", NULL, NULL));
  g_assert_false (pb_digest_parse_time ("08:60", NULL, NULL));
  g_assert_false (pb_digest_parse_time ("", NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/digest/select/ranked", test_select_ranked);
  ADD ("/digest/select/filters", test_select_filters);
  ADD ("/digest/select/ledger", test_select_ledger);
  ADD ("/digest/render/escaping", test_render_escaping);
  g_test_add_func ("/digest/render/summary", test_render_summary);
  ADD ("/digest/message", test_message);
  ADD ("/digest/run/schedule", test_run_schedule);
  ADD ("/digest/run/catch-up", test_run_catch_up);
  ADD ("/digest/run/retry", test_run_retry);
  ADD ("/digest/run/retry-ends-with-day", test_run_retry_ends_with_day);
  ADD ("/digest/run/auth-pause", test_run_auth_pause);
  ADD ("/digest/run/recipients", test_run_recipients);
  ADD ("/digest/run/takeover", test_run_takeover);
  ADD ("/digest/run/paused-by-settings", test_run_paused_by_settings);
  ADD ("/digest/send-now", test_send_now);
  g_test_add_func ("/digest/mailer/failures", test_mailer_failures);
  g_test_add_func ("/digest/addresses", test_addresses);
  g_test_add_func ("/digest/time", test_time);

  return g_test_run ();
}
