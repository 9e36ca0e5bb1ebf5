/* pb-search-model.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-search-model"

#include "config.h"

#include "pb-paper-list-model.h"
#include "pb-search-model.h"

/**
 * PbSearchModel:
 *
 * The results of a search as you type: the best PB_SEARCH_MODEL_LIMIT
 * papers for the text, best first, with matched words marked, and how
 * many papers match in all.
 *
 * Each search is a job on a worker of its own (a search of very common
 * words may take a few hundred milliseconds at 100,000 papers, and must not
 * hold up the rows of the lists). It first asks for the best
 * FIRST_RESULTS, enough for a screen, which the store answers faster (each
 * result's snippet and highlights cost), then for the rest up to the
 * limit, and last for the count of all matches: results show first. Typing again cancels the search that
 * has not started yet, and the answer of any older search is dropped, so
 * the results never go back to an older text.
 */

#define FIRST_RESULTS 40

struct _PbSearchModel
{
  GObject        parent_instance;

  PbStoreWorker *worker;         /* (owned) */
  GCancellable  *cancellable;    /* (owned) (nullable): of the current search */

  char          *text;           /* asked for */
  char          *shown_text;     /* whose results are shown */
  GPtrArray     *papers;         /* (element-type PbPaper) */
  gint64         n_matches;      /* -1 while unknown */
  char          *error_message;
  guint          epoch;
  gint64         started_at;     /* monotonic µs */
  gint64         last_latency;   /* µs */
  guint          searching : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbSearchModel, pb_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SHOWN_TEXT,
  PROP_N_MATCHES,
  PROP_SEARCHING,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  PbSearchModel *self;           /* (owned) */
  guint          epoch;
  char          *text;
  guint          limit;
} Pending;

static Pending *
pending_new (PbSearchModel *self,
             guint          limit)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->epoch = self->epoch;
  pending->text = g_strdup (self->text);
  pending->limit = limit;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->text);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

typedef struct
{
  char  *text;
  guint  limit;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->text);
  g_free (job);
}

static gpointer
search_thread (PbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  SearchJob *job = data;

  return pb_store_search (store, job->text, job->limit, error);
}

static gpointer
count_thread (PbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 n = pb_store_search_count (store, data, error);

  if (n < 0)
    return NULL;
  return g_memdup2 (&n, sizeof n);
}

static void
set_searching (PbSearchModel *self,
               gboolean       searching)
{
  if (self->searching == !!searching)
    return;
  self->searching = !!searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
set_error_message (PbSearchModel *self,
                   const char    *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_n_matches (PbSearchModel *self,
               gint64         n_matches)
{
  if (self->n_matches == n_matches)
    return;
  self->n_matches = n_matches;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
}

/* The same papers in the same order: keep the objects, take the state. */
static gboolean
update_in_place (PbSearchModel *self,
                 GPtrArray     *papers)
{
  if (papers->len != self->papers->len)
    return FALSE;

  for (guint i = 0; i < papers->len; i++)
    if (!pb_paper_same_shown (g_ptr_array_index (papers, i), g_ptr_array_index (self->papers, i)) ||
        g_strcmp0 (pb_paper_get_snippet (g_ptr_array_index (papers, i)),
                   pb_paper_get_snippet (g_ptr_array_index (self->papers, i))) != 0)
      return FALSE;

  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *old = g_ptr_array_index (self->papers, i);
      PbPaper *new = g_ptr_array_index (papers, i);

      pb_paper_set_starred (old, pb_paper_get_starred (new));
      pb_paper_set_read (old, pb_paper_get_read (new));
    }

  return TRUE;
}

/* The rest of the results after the first ones: the same first ones (the
 * database did not change meanwhile), then more. */
static gboolean
append_more (PbSearchModel *self,
             GPtrArray     *papers)
{
  guint old_len = self->papers->len;

  if (papers->len < old_len)
    return FALSE;
  for (guint i = 0; i < old_len; i++)
    if (g_strcmp0 (pb_paper_get_id (g_ptr_array_index (papers, i)),
                   pb_paper_get_id (g_ptr_array_index (self->papers, i))) != 0)
      return FALSE;

  for (guint i = old_len; i < papers->len; i++)
    g_ptr_array_add (self->papers, g_object_ref (g_ptr_array_index (papers, i)));
  if (papers->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, papers->len - old_len);
  return TRUE;
}

static void
replace_papers (PbSearchModel *self,
                GPtrArray     *papers)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->papers);

  self->papers = papers ? g_ptr_array_ref (papers)
                        : g_ptr_array_new_with_free_func (g_object_unref);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old ? old->len : 0, self->papers->len);
}

static void
on_count_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = NULL;

  n = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (pending->epoch != pending->self->epoch)
    return;

  if (n == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the results of a search: %s", error->message);
      return;
    }

  set_n_matches (pending->self, *n);
}

static void search (PbSearchModel *self,
                    guint          limit,
                    int            priority);

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  PbSearchModel *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  gboolean same_text, more;

  papers = pb_store_worker_run_finish (PB_STORE_WORKER (object), result, &error);
  if (pending->epoch != self->epoch)
    return;  /* an older search: its text is no longer what the entry says */

  set_searching (self, FALSE);
  if (papers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot search: %s", error->message);
          set_error_message (self, error->message);
        }
      return;
    }

  set_error_message (self, NULL);
  same_text = g_strcmp0 (self->shown_text, pending->text) == 0;
  more = same_text && pending->limit > FIRST_RESULTS;

  /* Before the items change: a view then builds rows only for what it
   * will show first, not for the results of the old text's position. */
  if (!same_text)
    g_signal_emit (self, signals[RESET], 0);

  if (!(more && append_more (self, papers)) && !(same_text && update_in_place (self, papers)))
    replace_papers (self, papers);

  if (!same_text)
    {
      self->last_latency = g_get_monotonic_time () - self->started_at;
      g_debug ("%u results for “%s” in %.1f ms", papers->len, pending->text,
               self->last_latency / 1000.0);

      g_free (self->shown_text);
      self->shown_text = g_strdup (pending->text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_TEXT]);
    }

  /* Fewer results than asked for: that is all of them. */
  if (papers->len < pending->limit)
    set_n_matches (self, papers->len);
  else if (pending->limit < PB_SEARCH_MODEL_LIMIT)
    search (self, PB_SEARCH_MODEL_LIMIT, PB_STORE_WORKER_PRIORITY_PREFETCH);
  else
    pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_PREFETCH, count_thread,
                               g_strdup (pending->text), g_free, g_free, self->cancellable,
                               on_count_done_cb, pending_new (self, 0));
}

static void
search (PbSearchModel *self,
        guint          limit,
        int            priority)
{
  SearchJob *job = g_new0 (SearchJob, 1);

  job->text = g_strdup (self->text);
  job->limit = limit;
  pb_store_worker_run_async (self->worker, priority, search_thread, job,
                             (GDestroyNotify)search_job_free, (GDestroyNotify)g_ptr_array_unref,
                             self->cancellable, on_search_done_cb, pending_new (self, limit));
}

static void
start_search (PbSearchModel *self,
              guint          limit)
{
  self->epoch++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->text == NULL || *self->text == '\0')
    {
      set_searching (self, FALSE);
      set_n_matches (self, 0);
      replace_papers (self, NULL);
      g_clear_pointer (&self->shown_text, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_TEXT]);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->started_at = g_get_monotonic_time ();
  set_searching (self, TRUE);
  if (limit < PB_SEARCH_MODEL_LIMIT)
    set_n_matches (self, -1);
  search (self, limit, PB_STORE_WORKER_PRIORITY_VISIBLE);
}

/* GListModel */

static GType
pb_search_model_get_item_type (GListModel *model)
{
  return PB_TYPE_PAPER;
}

static guint
pb_search_model_get_n_items (GListModel *model)
{
  return PB_SEARCH_MODEL (model)->papers->len;
}

static gpointer
pb_search_model_get_item (GListModel *model,
                          guint       position)
{
  PbSearchModel *self = PB_SEARCH_MODEL (model);

  if (position >= self->papers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->papers, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_search_model_get_item_type;
  iface->get_n_items = pb_search_model_get_n_items;
  iface->get_item = pb_search_model_get_item;
}

/* GObject */

static void
pb_search_model_dispose (GObject *object)
{
  PbSearchModel *self = (PbSearchModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (pb_search_model_parent_class)->dispose (object);
}

static void
pb_search_model_finalize (GObject *object)
{
  PbSearchModel *self = (PbSearchModel *)object;

  g_ptr_array_unref (self->papers);
  g_free (self->text);
  g_free (self->shown_text);
  g_free (self->error_message);

  G_OBJECT_CLASS (pb_search_model_parent_class)->finalize (object);
}

static void
pb_search_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbSearchModel *self = PB_SEARCH_MODEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SHOWN_TEXT:
      g_value_set_string (value, self->shown_text);
      break;
    case PROP_N_MATCHES:
      g_value_set_int64 (value, self->n_matches);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_search_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      pb_search_model_set_text (PB_SEARCH_MODEL (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_search_model_class_init (PbSearchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_search_model_dispose;
  object_class->finalize = pb_search_model_finalize;
  object_class->get_property = pb_search_model_get_property;
  object_class->set_property = pb_search_model_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN_TEXT] =
    g_param_spec_string ("shown-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
    g_param_spec_int64 ("n-matches", NULL, NULL, -1, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSearchModel::reset:
   *
   * The model is about to hold the results of another text (not a
   * refresh of the same search): a view goes back to the top. Emitted
   * just before the items change.
   */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_search_model_init (PbSearchModel *self)
{
  self->papers = g_ptr_array_new_with_free_func (g_object_unref);
}

PbSearchModel *
pb_search_model_new (PbStoreWorker *worker)
{
  PbSearchModel *self;

  g_return_val_if_fail (PB_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PB_TYPE_SEARCH_MODEL, NULL);
  self->worker = g_object_ref (worker);
  return self;
}

/**
 * pb_search_model_set_text:
 * @text: (nullable): what the user typed, as is
 *
 * Starts a search at once; debouncing is the caller's (the search entry's
 * delay). An empty text clears the results.
 */
void
pb_search_model_set_text (PbSearchModel *self,
                          const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_SEARCH_MODEL (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (g_strcmp0 (self->text, stripped) == 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);

  start_search (self, FIRST_RESULTS);
}

const char *
pb_search_model_get_text (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), NULL);
  return self->text;
}

/**
 * pb_search_model_get_shown_text:
 *
 * Returns: (nullable): the text whose results the model holds
 */
const char *
pb_search_model_get_shown_text (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), NULL);
  return self->shown_text;
}

/**
 * pb_search_model_get_n_matches:
 *
 * Returns: how many papers match in all (there may be more than are
 *   shown), or -1 while that is being counted
 */
gint64
pb_search_model_get_n_matches (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), -1);
  return self->n_matches;
}

gboolean
pb_search_model_get_searching (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), FALSE);
  return self->searching;
}

const char *
pb_search_model_get_error_message (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), NULL);
  return self->error_message;
}

/**
 * pb_search_model_get_last_latency:
 *
 * Returns: microseconds from the last search's start to its results being
 *   in the model
 */
gint64
pb_search_model_get_last_latency (PbSearchModel *self)
{
  g_return_val_if_fail (PB_IS_SEARCH_MODEL (self), 0);
  return self->last_latency;
}

/**
 * pb_search_model_refresh:
 *
 * Searches the same text again (the database changed); results that did
 * not change keep their rows.
 */
void
pb_search_model_refresh (PbSearchModel *self)
{
  g_return_if_fail (PB_IS_SEARCH_MODEL (self));

  /* All the results at once: the rows in place stay. */
  if (self->text != NULL && *self->text != '\0')
    start_search (self, PB_SEARCH_MODEL_LIMIT);
}

void
pb_search_model_update_user_state (PbSearchModel *self,
                                   const char    *id,
                                   gboolean       starred,
                                   gboolean       read)
{
  g_return_if_fail (PB_IS_SEARCH_MODEL (self));

  for (guint i = 0; i < self->papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (self->papers, i);

      if (g_strcmp0 (pb_paper_get_id (paper), id) == 0)
        {
          pb_paper_set_starred (paper, starred);
          pb_paper_set_read (paper, read);
        }
    }
}
