/* pb-sync.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-api-client.h"
#include "pb-lock.h"
#include "pb-paper-private.h"
#include "pb-parser.h"
#include "pb-settings.h"
#include "pb-snapshot.h"
#include "pb-sync.h"
#include "pb-text.h"
#include "pb-thumbnails.h"

/**
 * PbSync:
 *
 * One sync run: fetch the daily lists of a window of days and the trending
 * list from the Hugging Face API, merge them into the store through the
 * same upsert as imports, and record the run.
 *
 * - One run at a time across all processes: the run holds a flock on
 *   `DB.sync-lock` while it writes, waiting briefly for another holder.
 * - At most %PB_SYNC_MAX_IN_FLIGHT requests at once. Each list is merged in
 *   a transaction of its own together with its request validators and its
 *   fetched-day record, so a run killed at any point keeps every list it
 *   committed, and a validator never outlives the data it vouches for.
 * - A failed request is recorded and the others go on. Rate limiting and a
 *   missing network stop the run from starting more requests.
 * - Thumbnails are fetched after the metadata, with the lock released; a
 *   thumbnail that fails is only logged.
 *
 * pb_sync_run() blocks, running its requests in a main context of its own;
 * pb_sync_run_async() runs it on a worker thread. The `progress` signal is
 * emitted in the thread-default main context of the caller of either.
 */

struct _PbSync
{
  GObject       parent_instance;

  char         *db_path;
  char         *api_url;
  char         *thumbnail_base;   /* (nullable): instead of the feed's addresses */
  char         *thumbnail_dir;    /* (nullable): the default cache */
  char         *trigger;
  char         *today;            /* (nullable): tests */
  char         *from;             /* (nullable) */
  char         *to;               /* (nullable) */
  GStrv         paper_ids;        /* (nullable) */
  guint         days;             /* 0: automatic */
  guint         lock_wait_ms;
  gboolean      trending;
  gboolean      daily;            /* fetch the daily lists */
  gboolean      thumbnails;

  GMainContext *progress_context; /* (nullable): where to emit progress */
};

G_DEFINE_QUARK (pb-sync-error-quark, pb_sync_error)

G_DEFINE_FINAL_TYPE (PbSync, pb_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct _Run Run;

/* One list (or paper) to fetch. A daily list longer than a page is fetched
 * page by page into @papers and merged once complete. */
typedef struct
{
  Run           *run;
  PbListKind     kind;
  char          *date;       /* (nullable): for daily lists */
  char          *paper_id;   /* (nullable): for one paper */
  guint          page;
  gboolean       conditional;
  PbParseResult *parsed;     /* (owned): the pages so far */
  char          *url;        /* of page 0, which the validators belong to */
  PbHttpValidators sent;     /* sent with page 0 */
} Job;

struct _Run
{
  PbSync         *sync;
  PbStore        *store;
  PbApiClient    *client;
  GCancellable   *cancellable;     /* (nullable): the caller's */
  GQueue          pending;         /* Job* */
  guint           n_total;
  guint           n_done;
  guint           in_flight;
  guint           n_succeeded;
  gboolean        stopping;        /* start no more requests */
  gboolean        cancelled;
  GError         *fatal;           /* (nullable): a database error ends the run */
  PbSyncResult   *result;
  GHashTable     *thumbnails;      /* id → address */
  GPtrArray      *thumbnail_order; /* ids, newest lists first */
};

static void
job_free (Job *job)
{
  g_free (job->date);
  g_free (job->paper_id);
  g_free (job->url);
  pb_parse_result_free (job->parsed);
  pb_http_validators_clear (&job->sent);
  g_free (job);
}

void
pb_sync_result_free (PbSyncResult *result)
{
  if (result == NULL)
    return;

  g_free (result->error);
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result->latest_date);
  g_clear_pointer (&result->new_in_latest, g_ptr_array_unref);
  g_clear_pointer (&result->new_in_trending, g_ptr_array_unref);
  g_free (result);
}

static PbSyncResult *
result_new (void)
{
  PbSyncResult *result = g_new0 (PbSyncResult, 1);

  result->failures = g_ptr_array_new_with_free_func (g_free);
  result->new_in_latest = g_ptr_array_new_with_free_func (g_free);
  result->new_in_trending = g_ptr_array_new_with_free_func (g_free);

  return result;
}

static void
pb_sync_finalize (GObject *object)
{
  PbSync *self = (PbSync *)object;

  g_free (self->db_path);
  g_free (self->api_url);
  g_free (self->thumbnail_base);
  g_free (self->thumbnail_dir);
  g_free (self->trigger);
  g_free (self->today);
  g_free (self->from);
  g_free (self->to);
  g_strfreev (self->paper_ids);
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  G_OBJECT_CLASS (pb_sync_parent_class)->finalize (object);
}

static void
pb_sync_class_init (PbSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sync_finalize;

  /**
   * PbSync::progress:
   * @done: requests answered
   * @total: requests planned (it grows when a list needs more pages)
   * @what: (nullable): what was just done, a short sentence
   *
   * Emitted after each request, in the thread-default main context of the
   * caller of pb_sync_run() or pb_sync_run_async().
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
pb_sync_init (PbSync *self)
{
  self->trigger = g_strdup ("manual");
  self->lock_wait_ms = PB_SYNC_LOCK_WAIT_MS;
  self->trending = TRUE;
  self->daily = TRUE;
  self->thumbnails = TRUE;
}

/**
 * pb_sync_new:
 * @db_path: (nullable): the database; %NULL for the default one
 *
 * The API address comes from the settings (`PAPERBOY_API_URL` overrides
 * them). Thumbnails come from the addresses in the feed, or from
 * `$PAPERBOY_THUMBNAIL_URL/ID.png`; when only `PAPERBOY_API_URL` is set (a
 * test or a mirror), no thumbnail is fetched from the real CDN.
 *
 * Returns: (transfer full): a sync with the default options
 */
PbSync *
pb_sync_new (const char *db_path)
{
  PbSync *self = g_object_new (PB_TYPE_SYNC, NULL);
  g_autoptr(GSettings) settings = pb_settings_new ();
  const char *thumbnail_base = g_getenv ("PAPERBOY_THUMBNAIL_URL");

  self->db_path = db_path ? g_strdup (db_path) : pb_store_dup_default_path ();
  self->api_url = pb_settings_dup_api_url (settings);

  if (thumbnail_base != NULL && *thumbnail_base != '\0')
    self->thumbnail_base = g_strdup (thumbnail_base);
  else if (g_getenv ("PAPERBOY_API_URL") != NULL)
    {
      g_debug ("PAPERBOY_API_URL is set without PAPERBOY_THUMBNAIL_URL: no thumbnails");
      self->thumbnails = FALSE;
    }

  return self;
}

const char *
pb_sync_get_db_path (PbSync *self)
{
  g_return_val_if_fail (PB_IS_SYNC (self), NULL);
  return self->db_path;
}

void
pb_sync_set_api_url (PbSync     *self,
                     const char *url)
{
  g_return_if_fail (PB_IS_SYNC (self));
  g_return_if_fail (url != NULL);

  g_free (self->api_url);
  self->api_url = g_strdup (url);
}

/**
 * pb_sync_set_days:
 * @days: fetch the daily lists of today and the @days - 1 days before; 0
 *   decides: %PB_SYNC_FIRST_DAYS on the first sync, else enough to cover the
 *   time since the last good sync, at least %PB_SYNC_DEFAULT_DAYS
 */
void
pb_sync_set_days (PbSync *self,
                  guint   days)
{
  g_return_if_fail (PB_IS_SYNC (self));

  self->days = MIN (days, PB_SYNC_MAX_DAYS);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
}

/**
 * pb_sync_set_range:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD
 *
 * Fetches the daily lists of these days (both included) instead of the
 * recent ones, to fill in history.
 */
gboolean
pb_sync_set_range (PbSync      *self,
                   const char  *from,
                   const char  *to,
                   GError     **error)
{
  g_autofree char *limit = NULL;

  g_return_val_if_fail (PB_IS_SYNC (self), FALSE);

  if (!pb_text_is_valid_date (from) || !pb_text_is_valid_date (to))
    {
      g_set_error (error, PB_SYNC_ERROR, PB_SYNC_ERROR_INVALID,
                   /* Translators: keep YYYY-MM-DD: dates on the command line
                    * are written so, in any language */
                   _("“%s” is not a date; write it as YYYY-MM-DD"),
                   pb_text_is_valid_date (from) ? to : from);
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, PB_SYNC_ERROR, PB_SYNC_ERROR_INVALID,
                   /* Translators: two days as the user wrote them, YYYY-MM-DD */
                   _("%1$s comes after %2$s"), from, to);
      return FALSE;
    }
  limit = pb_text_date_add_days (from, PB_SYNC_MAX_DAYS - 1);
  if (strcmp (to, limit) > 0)
    {
      g_set_error (error, PB_SYNC_ERROR, PB_SYNC_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "that is more than %d day; fetch it in parts",
                                "that is more than %d days; fetch it in parts", PB_SYNC_MAX_DAYS),
                   PB_SYNC_MAX_DAYS);
      return FALSE;
    }

  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->days = 0;
  return TRUE;
}

void
pb_sync_set_trending (PbSync   *self,
                      gboolean  trending)
{
  g_return_if_fail (PB_IS_SYNC (self));
  self->trending = !!trending;
}

/**
 * pb_sync_set_daily_lists:
 * @daily: whether to fetch the daily lists (the default)
 *
 * Without the daily lists and the trending list, a run fetches only the
 * papers of pb_sync_set_paper_ids(): a paper opened by its id. Such a run
 * does not bring the lists up to date, so it should be recorded with the
 * trigger "paper", which the sync history leaves out (see
 * pb_store_get_sync_history()).
 */
void
pb_sync_set_daily_lists (PbSync   *self,
                         gboolean  daily)
{
  g_return_if_fail (PB_IS_SYNC (self));
  self->daily = !!daily;
}

/**
 * pb_sync_set_paper_ids:
 * @ids: (nullable) (array zero-terminated=1): papers to fetch one by one
 *   (`/api/papers/ID`), on top of the lists
 */
void
pb_sync_set_paper_ids (PbSync             *self,
                       const char * const *ids)
{
  g_return_if_fail (PB_IS_SYNC (self));

  g_strfreev (self->paper_ids);
  self->paper_ids = g_strdupv ((GStrv)ids);
}

/**
 * pb_sync_set_thumbnails:
 * @fetch: whether to download the thumbnails of the papers fetched
 * @base: (nullable): fetch them from `BASE/ID.png` rather than from the
 *   addresses in the feed; %NULL keeps the choice made at construction
 * @cache_dir: (nullable): the cache folder; %NULL for the default one
 */
void
pb_sync_set_thumbnails (PbSync     *self,
                        gboolean    fetch,
                        const char *base,
                        const char *cache_dir)
{
  g_return_if_fail (PB_IS_SYNC (self));

  self->thumbnails = !!fetch;
  if (base != NULL)
    {
      g_free (self->thumbnail_base);
      self->thumbnail_base = g_strdup (base);
    }
  g_free (self->thumbnail_dir);
  self->thumbnail_dir = g_strdup (cache_dir);
}

/**
 * pb_sync_set_trigger:
 * @trigger: what started the run, for the log: manual, scheduled or window;
 *   paper for a run that only fetches papers by id
 */
void
pb_sync_set_trigger (PbSync     *self,
                     const char *trigger)
{
  g_return_if_fail (PB_IS_SYNC (self));
  g_return_if_fail (trigger != NULL);

  g_free (self->trigger);
  self->trigger = g_strdup (trigger);
}

/**
 * pb_sync_set_lock_wait:
 * @wait_ms: how long to wait for another process's sync to finish before
 *   giving up with %PB_SYNC_ERROR_BUSY
 */
void
pb_sync_set_lock_wait (PbSync *self,
                       guint   wait_ms)
{
  g_return_if_fail (PB_IS_SYNC (self));
  self->lock_wait_ms = wait_ms;
}

/**
 * pb_sync_set_today:
 * @today: (nullable): the day the window of recent days ends; %NULL for
 *   today in UTC, the time zone of the daily lists
 */
void
pb_sync_set_today (PbSync     *self,
                   const char *today)
{
  g_return_if_fail (PB_IS_SYNC (self));
  g_return_if_fail (today == NULL || pb_text_is_valid_date (today));

  g_free (self->today);
  self->today = g_strdup (today);
}

/* Progress, in the caller's context. */

typedef struct
{
  PbSync *sync;
  guint   done;
  guint   total;
  char   *what;
} Progress;

static gboolean
emit_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_signal_emit (progress->sync, signals[PROGRESS], 0, progress->done, progress->total,
                 progress->what);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->sync);
  g_free (progress->what);
  g_free (progress);
}

static void
report_progress (Run        *run,
                 const char *what)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->sync = g_object_ref (run->sync);
  progress->done = run->n_done;
  progress->total = run->n_total;
  progress->what = g_strdup (what);

  if (run->sync->progress_context == NULL)
    {
      emit_progress_cb (progress);
      progress_free (progress);
      return;
    }

  g_main_context_invoke_full (run->sync->progress_context, G_PRIORITY_DEFAULT,
                              emit_progress_cb, progress, (GDestroyNotify)progress_free);
}

/* Planning. */

static char *
describe_job (Job *job)
{
  switch (job->kind)
    {
    case PB_LIST_DAILY:
      {
        g_autofree char *day = pb_text_format_day (job->date);

        /* Translators: what a request fetched, in "daily list of 18 August
         * 2026: Hugging Face had a problem"; %s is a day */
        return g_strdup_printf (_("daily list of %s"), day);
      }
    case PB_LIST_TRENDING:
      /* Translators: what a request fetched, in "trending list: Hugging Face
       * had a problem" */
      return g_strdup (_("trending list"));
    case PB_LIST_NONE:
    default:
      /* Translators: what a request fetched; %s is an arXiv id */
      return g_strdup_printf (_("paper %s"), job->paper_id);
    }
}

static void
add_job (Run        *run,
         PbListKind  kind,
         const char *date,
         const char *paper_id)
{
  Job *job = g_new0 (Job, 1);

  job->run = run;
  job->kind = kind;
  job->date = g_strdup (date);
  job->paper_id = g_strdup (paper_id);
  job->conditional = TRUE;
  job->parsed = pb_parse_result_new ();

  g_queue_push_tail (&run->pending, job);
  run->n_total++;
}

static char *
dup_today_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The first sync reaches back a month; later ones cover the time since the
 * last good one, but always the last week, whose lists still change. */
static guint
choose_days (const PbSyncHistory *history,
             gint64               now)
{
  const PbSyncRun *last_good = history->last_ok;
  gint64 gap_days;

  if (history->last != NULL && history->last->outcome == PB_SYNC_OUTCOME_PARTIAL &&
      (last_good == NULL || history->last->id > last_good->id))
    last_good = history->last;

  if (last_good == NULL)
    return PB_SYNC_FIRST_DAYS;

  gap_days = (now - last_good->started_at) / (24 * 3600) + 2;
  return CLAMP (gap_days, PB_SYNC_DEFAULT_DAYS, PB_SYNC_FIRST_DAYS);
}

static void
plan_jobs (Run                 *run,
           const PbSyncHistory *history)
{
  PbSync *self = run->sync;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (self->trending)
    add_job (run, PB_LIST_TRENDING, NULL, NULL);

  if (!self->daily)
    ;
  else if (self->from != NULL)
    {
      first = g_strdup (self->from);
      last = g_strdup (self->to);
    }
  else
    {
      guint days = self->days ? self->days
                              : choose_days (history, g_get_real_time () / G_USEC_PER_SEC);

      last = self->today ? g_strdup (self->today) : dup_today_utc ();
      first = pb_text_date_add_days (last, -(int)(days - 1));
    }

  /* Newest first: they change most and matter most. */
  for (g_autofree char *day = g_strdup (last); day != NULL && strcmp (day, first) >= 0; )
    {
      char *previous = pb_text_date_add_days (day, -1);

      add_job (run, PB_LIST_DAILY, day, NULL);
      g_free (day);
      day = previous;
    }

  for (guint i = 0; self->paper_ids != NULL && self->paper_ids[i] != NULL; i++)
    add_job (run, PB_LIST_NONE, NULL, self->paper_ids[i]);
}

/* Failures. */

static void
add_failure (Run        *run,
             Job        *job,
             const char *message)
{
  g_autofree char *what = describe_job (job);
  /* Translators: what failed ("daily list of 18 August 2026"), then why */
  char *failure = g_strdup_printf (_("%1$s: %2$s"), what, message);

  g_debug ("Failed: %s", failure);
  g_ptr_array_add (run->result->failures, failure);
  run->result->n_failed++;
}

static void
stop_run (Run        *run,
          const char *why)
{
  if (!run->stopping)
    g_debug ("Starting no more requests: %s", why);
  run->stopping = TRUE;
}

/* Merging. */

static GPtrArray *
diff_ids (GPtrArray *before,
          GPtrArray *papers)
{
  g_autoptr(GHashTable) old = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < before->len; i++)
    g_hash_table_add (old, g_ptr_array_index (before, i));
  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (papers, i);

      if (!g_hash_table_contains (old, paper->id))
        g_ptr_array_add (added, g_strdup (paper->id));
    }

  return added;
}

static void
note_new_ids (Run       *run,
              Job       *job,
              GPtrArray *before)
{
  GPtrArray *papers = job->parsed->papers;
  PbSyncResult *result = run->result;

  if (before == NULL || papers->len == 0)
    return;

  if (job->kind == PB_LIST_TRENDING)
    {
      g_clear_pointer (&result->new_in_trending, g_ptr_array_unref);
      result->new_in_trending = diff_ids (before, papers);
    }
  else if (job->kind == PB_LIST_DAILY &&
           (result->latest_date == NULL || strcmp (job->date, result->latest_date) > 0))
    {
      g_free (result->latest_date);
      result->latest_date = g_strdup (job->date);
      g_clear_pointer (&result->new_in_latest, g_ptr_array_unref);
      result->new_in_latest = diff_ids (before, papers);
    }
}

static void
note_thumbnails (Run *run,
                 Job *job)
{
  GPtrArray *papers = job->parsed->papers;

  if (!run->sync->thumbnails)
    return;

  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (papers, i);
      char *url;

      if (g_hash_table_contains (run->thumbnails, paper->id))
        continue;
      if (run->sync->thumbnail_base != NULL)
        url = g_strdup_printf ("%s/%s.png", run->sync->thumbnail_base, paper->id);
      else
        url = pb_paper_dup_thumbnail_url (paper);
      if (url == NULL)
        continue;
      g_hash_table_insert (run->thumbnails, g_strdup (paper->id), url);
      g_ptr_array_add (run->thumbnail_order, g_strdup (paper->id));
    }
}

/* One list in one transaction, with what vouches for it. */
static gboolean
merge_job (Run              *run,
           Job              *job,
           PbApiResponse    *response,
           gboolean          single_page,
           GError          **error)
{
  PbMergeStats stats = { 0, };
  PbHttpValidators validators = { response->etag, response->last_modified,
                                  job->parsed->n_items };
  g_autoptr(GPtrArray) before = NULL;

  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;

  if (job->kind != PB_LIST_NONE &&
      (before = pb_store_list_ids (run->store, job->kind, job->date, error)) == NULL)
    goto failed;

  if (!pb_store_merge (run->store, job->parsed->papers, job->kind, job->date, &stats, error) ||
      !pb_store_set_validators (run->store, job->url, single_page ? &validators : NULL, error) ||
      (job->kind == PB_LIST_DAILY &&
       !pb_store_record_fetched_day (run->store, job->date, job->parsed->papers->len, error)) ||
      !pb_store_commit (run->store, error))
    goto failed;

  run->result->n_new += stats.n_new;
  run->result->n_updated += stats.n_updated;
  run->result->n_unchanged += stats.n_unchanged;
  if (job->kind == PB_LIST_DAILY)
    {
      run->result->n_days++;
      if (job->parsed->papers->len == 0)
        run->result->n_empty_days++;
    }
  note_new_ids (run, job, before);
  note_thumbnails (run, job);
  return TRUE;

failed:
  pb_store_rollback (run->store);
  return FALSE;
}

/* A 304: the stored list is current. Only the fetched time moves. */
static gboolean
record_unchanged (Run     *run,
                  Job     *job,
                  GError **error)
{
  if (job->kind != PB_LIST_DAILY)
    return TRUE;

  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;
  if (!pb_store_record_fetched_day (run->store, job->date, job->sent.n_items, error) ||
      !pb_store_commit (run->store, error))
    {
      pb_store_rollback (run->store);
      return FALSE;
    }

  run->result->n_days++;
  if (job->sent.n_items == 0)
    run->result->n_empty_days++;
  return TRUE;
}

/* Reads one page of a list. Returns FALSE with @error set when the body is
 * not a list of papers. */
static gboolean
read_page (Job            *job,
           PbApiResponse  *response,
           guint          *n_items,
           GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PbParseResult) page = pb_parse_result_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (response->body, &size);

  root = pb_parser_load (data ? data : "", size, &local_error);
  if (root == NULL)
    {
      g_set_error (error, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                   _("Hugging Face sent a damaged answer (%s)"), local_error->message);
      return FALSE;
    }

  /* An {"error": …} object says why; anything else is not a list. */
  if (job->kind != PB_LIST_NONE && !JSON_NODE_HOLDS_ARRAY (root))
    {
      if (!pb_parser_read_list (root, page, &local_error) &&
          g_error_matches (local_error, PB_PARSER_ERROR, PB_PARSER_ERROR_API))
        g_set_error (error, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                     _("Hugging Face sent no papers but an error (%s)"), local_error->message);
      else
        g_set_error_literal (error, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                             _("Hugging Face sent something other than a list of papers"));
      return FALSE;
    }

  if (!pb_parser_read_list (root, page, &local_error))
    {
      g_set_error (error, PB_API_ERROR, PB_API_ERROR_BAD_RESPONSE,
                   _("Hugging Face sent no paper (%s)"), local_error->message);
      return FALSE;
    }

  *n_items = page->n_items;

  /* Pages fetched one after the other can overlap when the list moves. */
  for (guint i = 0; i < page->papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (page->papers, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < job->parsed->papers->len && !seen; j++)
        seen = g_str_equal (((PbPaper *)g_ptr_array_index (job->parsed->papers, j))->id,
                            paper->id);
      if (!seen)
        g_ptr_array_add (job->parsed->papers, g_object_ref (paper));
    }
  job->parsed->n_items += page->n_items;
  job->parsed->n_skipped += page->n_skipped;
  job->parsed->n_warnings += page->n_warnings;

  return TRUE;
}

static void dispatch (Run *run);

static void
note_request_error (Run    *run,
                    Job    *job,
                    GError *error,
                    gint64  retry_at)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      run->cancelled = TRUE;
      stop_run (run, "cancelled");
      return;
    }

  add_failure (run, job, error->message);

  if (g_error_matches (error, PB_API_ERROR, PB_API_ERROR_RATE_LIMITED))
    {
      run->result->retry_at = MAX (run->result->retry_at, retry_at);
      g_free (run->result->error);
      run->result->error = g_strdup (error->message);
      stop_run (run, "rate limited");
    }
  else if (g_error_matches (error, PB_API_ERROR, PB_API_ERROR_NETWORK) ||
           g_error_matches (error, PB_API_ERROR, PB_API_ERROR_TLS))
    stop_run (run, "no connection");
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  Run *run = job->run;
  g_autoptr(PbApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = describe_job (job);
  g_autofree char *done = NULL;
  guint64 n_bytes = 0;
  gint64 retry_at = 0;
  guint n_items = 0;

  response = pb_api_client_get_finish (PB_API_CLIENT (object), result, &retry_at, &n_bytes, &error);
  run->in_flight--;
  run->result->n_requests++;
  run->result->n_bytes += n_bytes;

  if (response == NULL)
    note_request_error (run, job, error, retry_at);
  else if (response->not_modified)
    {
      run->result->n_not_modified++;
      if (record_unchanged (run, job, &error))
        {
          run->n_succeeded++;
          /* Translators: progress; %s says which list, such as "daily list of
           * 17 August 2026" */
          done = g_strdup_printf (_("%s: unchanged"), what);
        }
    }
  else if (!read_page (job, response, &n_items, &error))
    add_failure (run, job, error->message);
  else if (job->kind == PB_LIST_DAILY && n_items >= PB_API_DAILY_PAGE_SIZE &&
           job->page + 1 < PB_SYNC_MAX_PAGES)
    {
      /* A full page: the list goes on. Lists of several pages are fetched
       * whole every time, since a 304 for page 0 says nothing of the rest. */
      job->page++;
      job->conditional = FALSE;
      g_queue_push_head (&run->pending, g_steal_pointer (&job));
      run->n_total++;
    }
  else if (merge_job (run, job, response, job->page == 0, &error))
    {
      run->n_succeeded++;
      /* Translators: progress; %s says which list, such as "daily list of 17 August
       * 2026" */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$u paper", "%1$s: %2$u papers",
                                           job->parsed->papers->len),
                              what, job->parsed->papers->len);
    }

  /* A database error (a full disk, say) ends the run: the next list would
   * fail the same way. */
  if (error != NULL && error->domain == PB_STORE_ERROR)
    {
      if (run->fatal == NULL)
        run->fatal = g_error_copy (error);
      add_failure (run, job, error->message);
      stop_run (run, "database error");
    }

  run->n_done++;
  report_progress (run, done);
  g_clear_pointer (&job, job_free);
  dispatch (run);
}

static void
start_job (Run *run,
           Job *job)
{
  g_autofree char *url = NULL;

  if (job->kind == PB_LIST_DAILY)
    url = pb_api_client_dup_daily_url (run->client, job->date, job->page);
  else if (job->kind == PB_LIST_TRENDING)
    url = pb_api_client_dup_trending_url (run->client);
  else
    url = pb_api_client_dup_paper_url (run->client, job->paper_id);

  if (job->page == 0)
    {
      job->url = g_strdup (url);
      /* A database error here only costs the conditional request. */
      if (job->conditional && !pb_store_get_validators (run->store, url, &job->sent, NULL))
        pb_http_validators_clear (&job->sent);
    }

  run->in_flight++;
  pb_api_client_get_async (run->client, url,
                           job->page == 0 ? job->sent.etag : NULL,
                           job->page == 0 ? job->sent.last_modified : NULL,
                           PB_API_EXPECT_JSON, run->cancellable, on_fetched_cb, job);
}

static void
dispatch (Run *run)
{
  while (!run->stopping && run->in_flight < PB_SYNC_MAX_IN_FLIGHT &&
         !g_queue_is_empty (&run->pending))
    start_job (run, g_queue_pop_head (&run->pending));
}

static gboolean
run_finished (Run *run)
{
  return run->in_flight == 0 && (run->stopping || g_queue_is_empty (&run->pending));
}

/* Ending the run. */

static void
decide_outcome (Run *run)
{
  PbSyncResult *result = run->result;
  guint n_failures = result->failures->len;

  result->n_skipped = g_queue_get_length (&run->pending);

  if (run->cancelled)
    result->outcome = PB_SYNC_OUTCOME_CANCELLED;
  else if (n_failures == 0 && result->n_skipped == 0)
    result->outcome = PB_SYNC_OUTCOME_OK;
  else if (run->n_succeeded > 0)
    result->outcome = PB_SYNC_OUTCOME_PARTIAL;
  else
    result->outcome = PB_SYNC_OUTCOME_FAILED;

  if (result->outcome == PB_SYNC_OUTCOME_CANCELLED && result->error == NULL)
    result->error = g_strdup (_("the sync was stopped before it finished"));
  else if (result->error == NULL && n_failures > 0)
    result->error = g_strdup (g_ptr_array_index (result->failures, 0));

  if (result->error != NULL && n_failures > 1 && result->outcome != PB_SYNC_OUTCOME_CANCELLED)
    {
      /* Translators: %s is the first problem, in words */
      char *longer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s (and %2$u more problem)",
                                                   "%1$s (and %2$u more problems)", n_failures - 1),
                                      result->error, n_failures - 1);

      g_free (result->error);
      result->error = longer;
    }
}

static gboolean
record_end (Run     *run,
            GError **error)
{
  PbSyncResult *result = run->result;
  PbSyncRun record = {
    .id = result->run_id,
    .finished_at = result->finished_at,
    .outcome = result->outcome,
    .n_new = result->n_new,
    .n_updated = result->n_updated,
    .n_requests = result->n_requests,
    .n_not_modified = result->n_not_modified,
    .n_failed = result->n_failed,
    .n_bytes = result->n_bytes,
    .error = result->error,
    .retry_at = result->retry_at,
  };

  if (!pb_store_begin (run->store, FALSE, error))
    return FALSE;
  if (!pb_store_end_sync_run (run->store, &record, error) ||
      (run->n_succeeded > 0 && (run->sync->daily || run->sync->trending) &&
       !pb_snapshot_set_synced (run->store, error)) ||
      !pb_store_commit (run->store, error))
    {
      pb_store_rollback (run->store);
      return FALSE;
    }

  return TRUE;
}

static void
iterate_until (GMainContext *context,
               Run          *run)
{
  while (!run_finished (run))
    g_main_context_iteration (context, TRUE);
}

/* Thumbnails, after the metadata and without the lock. */

typedef struct
{
  Run              *run;
  PbThumbnailCache *cache;
  guint             next;
  guint             in_flight;
} Thumbnails;

static void fetch_more_thumbnails (Thumbnails *thumbs);

typedef struct
{
  Thumbnails *thumbs;
  char       *id;
} ThumbnailJob;

static void
on_thumbnail_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThumbnailJob *job = user_data;
  Thumbnails *thumbs = job->thumbs;
  g_autoptr(PbApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = pb_api_client_get_finish (PB_API_CLIENT (object), result, NULL, NULL, &error);
  if (response != NULL && response->body != NULL &&
      pb_thumbnail_cache_store (thumbs->cache, job->id, response->body, &error))
    thumbs->run->result->n_thumbnails++;
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No thumbnail for %s: %s", job->id, error->message);

  thumbs->in_flight--;
  g_free (job->id);
  g_free (job);
  fetch_more_thumbnails (thumbs);
}

static void
fetch_more_thumbnails (Thumbnails *thumbs)
{
  Run *run = thumbs->run;
  GPtrArray *order = run->thumbnail_order;

  while (thumbs->in_flight < PB_SYNC_MAX_IN_FLIGHT && thumbs->next < order->len &&
         !g_cancellable_is_cancelled (run->cancellable))
    {
      const char *id = g_ptr_array_index (order, thumbs->next++);
      ThumbnailJob *job;

      if (pb_thumbnail_cache_contains (thumbs->cache, id))
        continue;

      job = g_new0 (ThumbnailJob, 1);
      job->thumbs = thumbs;
      job->id = g_strdup (id);
      thumbs->in_flight++;
      pb_api_client_get_async (run->client, g_hash_table_lookup (run->thumbnails, id), NULL, NULL,
                               PB_API_EXPECT_IMAGE, run->cancellable, on_thumbnail_cb, job);
    }
}

static void
fetch_thumbnails (Run          *run,
                  GMainContext *context)
{
  g_autoptr(PbThumbnailCache) cache = NULL;
  Thumbnails thumbs = { run, NULL, 0, 0 };

  if (run->thumbnail_order->len == 0)
    return;

  cache = pb_thumbnail_cache_new (run->sync->thumbnail_dir, 0);
  thumbs.cache = cache;
  if (run->thumbnail_order->len > PB_SYNC_MAX_THUMBNAILS)
    g_ptr_array_set_size (run->thumbnail_order, PB_SYNC_MAX_THUMBNAILS);

  fetch_more_thumbnails (&thumbs);
  while (thumbs.in_flight > 0)
    g_main_context_iteration (context, TRUE);

  pb_thumbnail_cache_evict (cache);
  g_debug ("Downloaded %u thumbnails", run->result->n_thumbnails);
}

static void
run_clear (Run *run)
{
  g_queue_clear_full (&run->pending, (GDestroyNotify)job_free);
  g_clear_object (&run->store);
  g_clear_object (&run->client);
  g_clear_error (&run->fatal);
  g_clear_pointer (&run->result, pb_sync_result_free);
  g_clear_pointer (&run->thumbnails, g_hash_table_unref);
  g_clear_pointer (&run->thumbnail_order, g_ptr_array_unref);
}

static PbLock *
acquire_lock (PbSync        *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *path = pb_lock_dup_path_for (self->db_path, "sync");
  g_autoptr(GError) local_error = NULL;
  PbLock *lock = pb_lock_acquire (path, self->lock_wait_ms, cancellable, &local_error);

  if (lock != NULL)
    return lock;

  if (g_error_matches (local_error, PB_LOCK_ERROR, PB_LOCK_ERROR_BUSY))
    g_set_error (error, PB_SYNC_ERROR, PB_SYNC_ERROR_BUSY,
                 /* Translators: %s says who holds the lock: "held by process 1234" */
                 _("a sync is already running (%s); try again when it has finished"),
                 local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/* Fetches and merges with the lock held. Returns FALSE only when the run
 * could not be recorded at all. */
static gboolean
run_metadata (Run           *run,
              GMainContext  *context,
              GError       **error)
{
  g_auto(PbSyncHistory) history = { 0, };
  PbSyncResult *result = run->result;

  if (!pb_store_get_sync_history (run->store, &history, error))
    return FALSE;
  result->first_sync = history.last_ok == NULL;

  result->run_id = pb_store_begin_sync_run (run->store, run->sync->trigger, error);
  if (result->run_id == 0)
    return FALSE;
  result->started_at = g_get_real_time () / G_USEC_PER_SEC;

  plan_jobs (run, &history);
  g_debug ("Sync %" G_GINT64_FORMAT " (%s) from %s: %u requests planned", result->run_id,
           run->sync->trigger, pb_api_client_get_base_url (run->client), run->n_total);
  report_progress (run, NULL);

  dispatch (run);
  iterate_until (context, run);

  result->finished_at = g_get_real_time () / G_USEC_PER_SEC;
  decide_outcome (run);
  g_debug ("Sync %" G_GINT64_FORMAT " ended %s: %u new, %u updated, %u requests (%u not "
           "modified, %u failed), %" G_GUINT64_FORMAT " bytes", result->run_id,
           pb_sync_outcome_to_string (result->outcome), result->n_new, result->n_updated,
           result->n_requests, result->n_not_modified, result->n_failed, result->n_bytes);

  return record_end (run, error);
}

/**
 * pb_sync_run:
 *
 * Runs one sync and blocks until it ends. Failed requests do not fail the
 * call: they are in the result's outcome and error, and in the sync log.
 *
 * Returns: (transfer full): what the run did, or %NULL with @error set
 *   when it could not run: %PB_SYNC_ERROR_BUSY while another process syncs,
 *   or a #PbStoreError when the database cannot be used
 */
PbSyncResult *
pb_sync_run (PbSync        *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(PbLock) lock = NULL;
  PbSyncResult *result;
  Run run = { 0, };
  gboolean ok;

  g_return_val_if_fail (PB_IS_SYNC (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  lock = acquire_lock (self, cancellable, error);
  if (lock == NULL)
    return NULL;

  run.sync = self;
  run.cancellable = cancellable;
  run.result = result_new ();
  run.thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.thumbnail_order = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&run.pending);

  run.store = pb_store_open (self->db_path, error);
  if (run.store == NULL)
    {
      run_clear (&run);
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  run.client = pb_api_client_new (self->api_url);

  ok = run_metadata (&run, context, error);
  g_clear_pointer (&lock, pb_lock_release);
  g_clear_object (&run.store);

  if (ok && self->thumbnails && run.result->outcome != PB_SYNC_OUTCOME_CANCELLED)
    fetch_thumbnails (&run, context);

  g_clear_object (&run.client);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  result = ok ? g_steal_pointer (&run.result) : NULL;
  run_clear (&run);

  return result;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  PbSyncResult *result = pb_sync_run (PB_SYNC (source_object), cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)pb_sync_result_free);
}

/**
 * pb_sync_run_async:
 *
 * Runs pb_sync_run() on a worker thread, so that a window can sync without
 * touching the database on its main thread. `progress` is emitted in the
 * caller's thread-default main context. Do not change the options until
 * the run has finished.
 */
void
pb_sync_run_async (PbSync              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_SYNC (self));

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_sync_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * pb_sync_run_finish:
 *
 * Returns: (transfer full): what the run did, or %NULL with @error set
 */
PbSyncResult *
pb_sync_run_finish (PbSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (PB_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
