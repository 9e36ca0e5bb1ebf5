/* pb-paper-list-model.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-list-model"

#include "config.h"

#include "pb-paper-list-model-private.h"

/**
 * PbPaperListModel:
 *
 * A list of papers (a day, a week, a month, the trending list, the starred
 * papers) that knows how long it is but reads its rows from the store only
 * when somebody asks for them.
 *
 * Loading a query costs one worker job: the count, the first page and the
 * dates around the list (the day it resolved to, the previous and next days
 * with a list). After that, get_item() of a row whose page is not in memory
 * returns a placeholder paper (no id) at once and queues that page; when it
 * arrives the placeholders are replaced with items-changed, so the list view
 * rebinds those rows. Pages next to the one being read are prefetched at a
 * lower priority, and a page request that has fallen far behind the rows
 * being looked at (a fast scroll) is skipped by the worker. At most
 * MAX_PAGES pages stay in memory: the one farthest from where the view is
 * reading is dropped first. The model never reads the whole table.
 *
 * refresh() re-reads the same query after another process changed the
 * database: the count and the pages around the rows being read. Rows that
 * still show the same paper with the same numbers keep their object (only
 * the user state is copied over), changed rows are replaced one range at a
 * time and a new length is announced at the end, so the list view keeps its
 * scroll position, and selection by id survives.
 *
 * Every answer carries the epoch it was asked in; a new query or a refresh
 * starts a new epoch and answers from an older one are dropped.
 */

#define PAGE_SIZE PB_PAPER_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES 24
#define PREFETCH_MARGIN 30     /* rows from a page edge that prefetch the next page */


typedef struct
{
  guint      index;
  GPtrArray *items;            /* (element-type PbPaper) (nullable elements): handed out or read */
  gboolean   loaded;
  gboolean   requested;
  guint64    last_used;
} Page;

struct _PbPaperListModel
{
  GObject        parent_instance;

  PbStoreWorker *worker;       /* (owned) */
  GCancellable  *cancellable;  /* (owned): of the current epoch */
  PbListShared        *shared;       /* (owned) */

  /* The query */
  PbScope        scope;
  char          *date;
  PbSort         sort;
  PbFilter       filter;

  /* What the store said */
  guint          n_items;
  GHashTable    *pages;        /* guint index → (owned) Page */
  char          *resolved_date;
  char          *first_day;
  char          *last_day;
  char          *previous_date;
  char          *next_date;
  char          *error_message;

  guint          epoch;
  guint64        tick;
  guint          loading : 1;
  guint          refreshing : 1;
  guint          loaded : 1;
  guint          stale : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbPaperListModel, pb_paper_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_LOADED,
  PROP_STALE,
  PROP_ERROR_MESSAGE,
  PROP_RESOLVED_DATE,
  PROP_PREVIOUS_DATE,
  PROP_NEXT_DATE,
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
  PbPaperListModel *self;     /* (owned) */
  guint             epoch;
  guint             page_index;
} Pending;

static Pending *
pending_new (PbPaperListModel *self,
             guint             page_index)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->epoch = self->epoch;
  pending->page_index = page_index;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

/* Jobs (see pb-paper-list-model-jobs.c) */

static PbListRequest *
new_request (PbPaperListModel *self)
{
  PbListRequest *request = g_new0 (PbListRequest, 1);

  request->scope = self->scope;
  request->date = g_strdup (self->resolved_date ? self->resolved_date : self->date);
  request->sort = self->sort;
  request->filter = self->filter;
  request->epoch = self->epoch;
  request->shared = _pb_list_shared_ref (self->shared);

  return request;
}

/* Pages */

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static guint
page_length (PbPaperListModel *self,
             guint             index)
{
  guint start = index * PAGE_SIZE;

  return start >= self->n_items ? 0 : MIN (PAGE_SIZE, self->n_items - start);
}

/* Pages have holes (rows nobody asked for yet). */
static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static Page *
ensure_page (PbPaperListModel *self,
             guint             index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      page = g_new0 (Page, 1);
      page->index = index;
      page->items = g_ptr_array_new_with_free_func (unref_if_set);
      g_ptr_array_set_size (page->items, page_length (self, index));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }

  page->last_used = ++self->tick;
  return page;
}

static void
evict_pages (PbPaperListModel *self)
{
  int focus = g_atomic_int_get (&self->shared->focus_page);

  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      Page *page, *farthest = NULL;
      int farthest_distance = -1;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
        {
          int distance = ABS ((int)page->index - focus);

          if (distance > farthest_distance)
            {
              farthest = page;
              farthest_distance = distance;
            }
        }

      g_debug ("Dropping page %u of the list", farthest->index);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (farthest->index));
    }
}

static PbPaper *
new_placeholder (void)
{
  return g_object_new (PB_TYPE_PAPER, NULL);
}

/* Puts rows [from, to) of what the store sent into a page. Returns the
 * range of rows that had been handed out (as placeholders or older papers)
 * and now hold something else. With @keep_same, a row that would show the
 * same keeps its object and only takes the new user state. */
static gboolean
fill_page (Page      *page,
           GPtrArray *rows,
           guint      from,
           guint      to,
           gboolean   keep_same,
           guint     *first_changed,
           guint     *last_changed)
{
  gboolean changed = FALSE;

  for (guint i = from; i < to && i < page->items->len; i++)
    {
      PbPaper *old = g_ptr_array_index (page->items, i);
      PbPaper *new = i < rows->len ? g_ptr_array_index (rows, i) : NULL;

      if (new == NULL)
        {
          /* Fewer rows than counted: the database changed under us; the
           * next refresh sets the length right. */
          if (old == NULL)
            page->items->pdata[i] = new_placeholder ();
          continue;
        }

      if (old != NULL && keep_same && pb_paper_same_shown (old, new))
        {
          pb_paper_set_starred (old, pb_paper_get_starred (new));
          pb_paper_set_read (old, pb_paper_get_read (new));
          continue;
        }

      if (old != NULL)
        {
          if (!changed)
            *first_changed = i;
          *last_changed = i;
          changed = TRUE;
          g_object_unref (old);
        }
      page->items->pdata[i] = g_object_ref (new);
    }

  page->requested = FALSE;
  return changed;
}

static void
install_rows (PbPaperListModel *self,
              guint             index,
              GPtrArray        *rows,
              guint             from,
              guint             to,
              gboolean          keep_same)
{
  Page *page = ensure_page (self, index);
  guint first = 0, last = 0;

  if (fill_page (page, rows, from, to, keep_same, &first, &last))
    g_list_model_items_changed (G_LIST_MODEL (self), index * PAGE_SIZE + first,
                                last - first + 1, last - first + 1);
  page->loaded = TRUE;
}

/* Loading */

static void
set_string (char       **field,
            const char  *value,
            gpointer     self,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_flag (PbPaperListModel *self,
          guint             prop_id,
          gboolean          value)
{
  gboolean old;

  switch (prop_id)
    {
    case PROP_LOADING:
      old = self->loading;
      self->loading = !!value;
      break;
    case PROP_LOADED:
      old = self->loaded;
      self->loaded = !!value;
      break;
    case PROP_STALE:
      old = self->stale;
      self->stale = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != !!value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
apply_dates (PbPaperListModel *self,
             PbListAnswer       *result)
{
  set_string (&self->resolved_date, result->resolved_date, self, properties[PROP_RESOLVED_DATE]);
  set_string (&self->first_day, result->first_day, self, NULL);
  set_string (&self->last_day, result->last_day, self, NULL);
  set_string (&self->previous_date, result->previous_date, self, properties[PROP_PREVIOUS_DATE]);
  set_string (&self->next_date, result->next_date, self, properties[PROP_NEXT_DATE]);
}

static void
apply_reset (PbPaperListModel *self,
             PbListAnswer       *result)
{
  guint old_n = self->n_items;

  /* Before the items change: a view then builds rows only for what it
   * will show first, not for the old list's position. */
  g_signal_emit (self, signals[RESET], 0);

  g_hash_table_remove_all (self->pages);
  self->n_items = (guint)MIN (result->count, G_MAXUINT);
  apply_dates (self, result);

  for (guint i = 0; i < result->pages->len; i++)
    {
      guint index = g_array_index (result->page_indexes, guint, i);
      Page *page = ensure_page (self, index);
      guint first, last;

      fill_page (page, g_ptr_array_index (result->pages, i), 0, PAGE_SIZE, FALSE, &first, &last);
      page->loaded = TRUE;
    }

  g_debug ("Loaded a list of %u papers", self->n_items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
drop_pages_except (PbPaperListModel *self,
                   GArray           *indexes)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
    {
      gboolean keep = FALSE;

      for (guint i = 0; i < indexes->len && !keep; i++)
        keep = g_array_index (indexes, guint, i) == page->index;
      if (!keep)
        g_hash_table_iter_remove (&iter);
    }
}

static void
apply_refresh (PbPaperListModel *self,
               PbListAnswer       *result)
{
  guint old_n = self->n_items;
  guint new_n = (guint)MIN (result->count, G_MAXUINT);
  guint common = MIN (old_n, new_n);

  apply_dates (self, result);

  /* Pages that were not read again are dropped: nobody looks at them now,
   * and they are read fresh when somebody does. */
  drop_pages_except (self, result->page_indexes);

  /* First the rows that both lengths share, a page at a time... */
  for (guint i = 0; i < result->pages->len; i++)
    {
      guint index = g_array_index (result->page_indexes, guint, i);
      guint start = index * PAGE_SIZE;

      if (start < common)
        install_rows (self, index, g_ptr_array_index (result->pages, i),
                      0, MIN (PAGE_SIZE, common - start), TRUE);
    }

  if (new_n == old_n)
    {
      g_debug ("Refreshed a list of %u papers", new_n);
      return;
    }

  /* ... then the tail, in one change. */
  self->n_items = new_n;
  for (guint i = 0; i < result->pages->len; i++)
    {
      guint index = g_array_index (result->page_indexes, guint, i);
      guint start = index * PAGE_SIZE;
      guint length = page_length (self, index);
      Page *page;
      guint first, last;

      if (length == 0)
        {
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (index));
          continue;
        }
      page = ensure_page (self, index);
      g_ptr_array_set_size (page->items, length);
      if (start + length > common)
        fill_page (page, g_ptr_array_index (result->pages, i),
                   common > start ? common - start : 0, length, FALSE, &first, &last);
    }

  g_debug ("Refreshed a list: %u → %u papers", old_n, new_n);
  g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  PbPaperListModel *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbListAnswer) result = NULL;
  gboolean refresh = self->refreshing && !self->loading;
  gboolean was_loading;

  result = pb_store_worker_run_finish (PB_STORE_WORKER (object), res, &error);
  if (pending->epoch != self->epoch)
    return;

  self->refreshing = FALSE;

  if (result == NULL)
    {
      set_flag (self, PROP_LOADING, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot read a list of papers: %s", error->message);
          set_string (&self->error_message, error->message, self, properties[PROP_ERROR_MESSAGE]);
        }
      return;
    }

  /* The rows first, then the notifications, so that whoever watches
   * :loading and :loaded sees them. */
  was_loading = self->loading;
  self->loading = FALSE;
  set_string (&self->error_message, NULL, self, properties[PROP_ERROR_MESSAGE]);
  if (refresh)
    apply_refresh (self, result);
  else
    apply_reset (self, result);
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  set_flag (self, PROP_LOADED, TRUE);
}

static void
start_epoch (PbPaperListModel *self)
{
  GHashTableIter iter;
  Page *page;

  self->epoch++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Answers to earlier page requests will be dropped: ask again. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
    page->requested = FALSE;
}

static void
queue_load (PbPaperListModel *self,
            GArray           *page_indexes)
{
  PbListRequest *request = new_request (self);

  request->page_indexes = g_array_ref (page_indexes);
  pb_store_worker_run_async (self->worker, PB_STORE_WORKER_PRIORITY_VISIBLE,
                             _pb_list_load_thread, request, (GDestroyNotify)_pb_list_request_free,
                             (GDestroyNotify)_pb_list_answer_free, self->cancellable,
                             on_load_done_cb, pending_new (self, 0));
}

static void
reload (PbPaperListModel *self)
{
  g_autoptr(GArray) first_page = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;

  start_epoch (self);
  g_atomic_int_set (&self->shared->focus_page, 0);
  set_string (&self->resolved_date, NULL, self, properties[PROP_RESOLVED_DATE]);
  self->refreshing = FALSE;
  set_flag (self, PROP_LOADING, TRUE);
  set_flag (self, PROP_STALE, FALSE);

  g_array_append_val (first_page, zero);
  queue_load (self, first_page);
}

/* Page requests */

static void
on_page_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  PbPaperListModel *self = pending->self;
  guint index = pending->page_index;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  Page *page;

  rows = pb_store_worker_run_finish (PB_STORE_WORKER (object), res, &error);
  if (pending->epoch != self->epoch)
    return;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    return;  /* dropped meanwhile */
  page->requested = FALSE;

  if (rows == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot read rows of a list: %s", error->message);
          set_string (&self->error_message, error->message, self, properties[PROP_ERROR_MESSAGE]);
        }
      return;  /* skipped: asked again when looked at again */
    }

  install_rows (self, index, rows, 0, PAGE_SIZE, FALSE);
  evict_pages (self);
}

static void
request_page (PbPaperListModel *self,
              guint             index,
              int               priority)
{
  PbListRequest *request;
  Page *page;

  /* A new query is on its way and replaces every row anyway. */
  if (page_length (self, index) == 0 || self->loading)
    return;

  page = ensure_page (self, index);
  if (page->loaded || page->requested)
    return;

  page->requested = TRUE;
  request = new_request (self);
  request->page_index = index;

  g_debug ("Reading page %u of the list", index);
  pb_store_worker_run_async (self->worker, priority, _pb_list_page_thread, request,
                             (GDestroyNotify)_pb_list_request_free, (GDestroyNotify)g_ptr_array_unref,
                             self->cancellable, on_page_done_cb, pending_new (self, index));
}

/* GListModel */

static GType
pb_paper_list_model_get_item_type (GListModel *model)
{
  return PB_TYPE_PAPER;
}

static guint
pb_paper_list_model_get_n_items (GListModel *model)
{
  return PB_PAPER_LIST_MODEL (model)->n_items;
}

static gpointer
pb_paper_list_model_get_item (GListModel *model,
                              guint       position)
{
  PbPaperListModel *self = PB_PAPER_LIST_MODEL (model);
  guint index = position / PAGE_SIZE;
  guint offset = position % PAGE_SIZE;
  Page *page;
  PbPaper *paper;

  if (position >= self->n_items)
    return NULL;

  g_atomic_int_set (&self->shared->focus_page, (int)index);
  page = ensure_page (self, index);

  paper = g_ptr_array_index (page->items, offset);
  if (paper == NULL)
    paper = page->items->pdata[offset] = new_placeholder ();

  if (!page->loaded)
    request_page (self, index, PB_STORE_WORKER_PRIORITY_VISIBLE);

  /* Read the neighbour before the view reaches it. */
  if (offset + PREFETCH_MARGIN >= PAGE_SIZE)
    request_page (self, index + 1, PB_STORE_WORKER_PRIORITY_PREFETCH);
  else if (offset < PREFETCH_MARGIN && index > 0)
    request_page (self, index - 1, PB_STORE_WORKER_PRIORITY_PREFETCH);

  return g_object_ref (paper);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_paper_list_model_get_item_type;
  iface->get_n_items = pb_paper_list_model_get_n_items;
  iface->get_item = pb_paper_list_model_get_item;
}

/* GObject */

static void
pb_paper_list_model_dispose (GObject *object)
{
  PbPaperListModel *self = (PbPaperListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (pb_paper_list_model_parent_class)->dispose (object);
}

static void
pb_paper_list_model_finalize (GObject *object)
{
  PbPaperListModel *self = (PbPaperListModel *)object;

  _pb_list_shared_unref (self->shared);
  g_free (self->date);
  g_free (self->resolved_date);
  g_free (self->first_day);
  g_free (self->last_day);
  g_free (self->previous_date);
  g_free (self->next_date);
  g_free (self->error_message);

  G_OBJECT_CLASS (pb_paper_list_model_parent_class)->finalize (object);
}

static void
pb_paper_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PbPaperListModel *self = PB_PAPER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_RESOLVED_DATE:
      g_value_set_string (value, self->resolved_date);
      break;
    case PROP_PREVIOUS_DATE:
      g_value_set_string (value, self->previous_date);
      break;
    case PROP_NEXT_DATE:
      g_value_set_string (value, self->next_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_paper_list_model_class_init (PbPaperListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_paper_list_model_dispose;
  object_class->finalize = pb_paper_list_model_finalize;
  object_class->get_property = pb_paper_list_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLVED_DATE] =
    g_param_spec_string ("resolved-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIOUS_DATE] =
    g_param_spec_string ("previous-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_DATE] =
    g_param_spec_string ("next-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbPaperListModel::reset:
   *
   * The model is about to hold the answer to a new query (not a refresh
   * of the same one): a view scrolls back to the top. Emitted just before
   * the items change.
   */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_paper_list_model_init (PbPaperListModel *self)
{
  self->shared = g_new0 (PbListShared, 1);
  g_atomic_ref_count_init (&self->shared->ref_count);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  self->cancellable = g_cancellable_new ();
  self->scope = PB_SCOPE_DAY;
  self->sort = PB_SORT_DEFAULT;
}

/* API */

PbPaperListModel *
pb_paper_list_model_new (PbStoreWorker *worker)
{
  PbPaperListModel *self;

  g_return_val_if_fail (PB_IS_STORE_WORKER (worker), NULL);

  self = g_object_new (PB_TYPE_PAPER_LIST_MODEL, NULL);
  self->worker = g_object_ref (worker);
  return self;
}

/**
 * pb_paper_list_model_set_query:
 *
 * Reads another list. The rows of the previous one stay until the new
 * one arrives, so that switching does not flash an empty list.
 */
void
pb_paper_list_model_set_query (PbPaperListModel  *self,
                               const PbListQuery *query)
{
  g_return_if_fail (PB_IS_PAPER_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  self->scope = query->scope;
  g_free (self->date);
  self->date = g_strdup (query->date);
  self->sort = query->sort;
  self->filter = query->filter;

  reload (self);
}

/**
 * pb_paper_list_model_get_query:
 * @query: (out caller-allocates): the query; its date belongs to the model
 */
void
pb_paper_list_model_get_query (PbPaperListModel *self,
                               PbListQuery      *query)
{
  g_return_if_fail (PB_IS_PAPER_LIST_MODEL (self));

  query->scope = self->scope;
  query->date = self->date;
  query->sort = self->sort;
  query->filter = self->filter;
}

/**
 * pb_paper_list_model_refresh:
 *
 * Reads the same list again, keeping the rows that did not change; see
 * the class description.
 */
void
pb_paper_list_model_refresh (PbPaperListModel *self)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  int focus;

  g_return_if_fail (PB_IS_PAPER_LIST_MODEL (self));

  if (self->loading || !self->loaded)
    {
      /* Nothing shown yet, or a new query on its way: just read it again. */
      reload (self);
      return;
    }

  focus = g_atomic_int_get (&self->shared->focus_page);
  for (int i = MAX (focus - 1, 0); i <= focus + 1; i++)
    {
      guint index = (guint)i;

      if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (index)) || index == 0)
        g_array_append_val (indexes, index);
    }

  start_epoch (self);
  self->refreshing = TRUE;
  set_flag (self, PROP_STALE, FALSE);
  queue_load (self, indexes);
}

/**
 * pb_paper_list_model_invalidate:
 *
 * Says that the list may no longer be true (a paper was starred elsewhere);
 * whoever shows it refreshes it when convenient.
 */
void
pb_paper_list_model_invalidate (PbPaperListModel *self)
{
  g_return_if_fail (PB_IS_PAPER_LIST_MODEL (self));
  set_flag (self, PROP_STALE, TRUE);
}

gboolean
pb_paper_list_model_get_loading (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), FALSE);
  return self->loading;
}

gboolean
pb_paper_list_model_get_loaded (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), FALSE);
  return self->loaded;
}

gboolean
pb_paper_list_model_get_stale (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), FALSE);
  return self->stale;
}

const char *
pb_paper_list_model_get_error_message (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->error_message;
}

/**
 * pb_paper_list_model_get_resolved_date:
 *
 * Returns: (nullable): for days, weeks and months, the day the list was
 *   read for (the latest day with a list when the query named none)
 */
const char *
pb_paper_list_model_get_resolved_date (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->resolved_date;
}

const char *
pb_paper_list_model_get_first_day (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->first_day;
}

const char *
pb_paper_list_model_get_last_day (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->last_day;
}

/**
 * pb_paper_list_model_get_previous_date:
 *
 * Returns: (nullable): the latest day with a list before the day, week or
 *   month shown
 */
const char *
pb_paper_list_model_get_previous_date (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->previous_date;
}

/**
 * pb_paper_list_model_get_next_date:
 *
 * Returns: (nullable): the first day with a list after the day, week or
 *   month shown
 */
const char *
pb_paper_list_model_get_next_date (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);
  return self->next_date;
}

/**
 * pb_paper_list_model_get_n_cached:
 *
 * Returns: how many pages of rows are in memory (for tests and benchmarks)
 */
guint
pb_paper_list_model_get_n_cached (PbPaperListModel *self)
{
  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

/**
 * pb_paper_list_model_peek_item:
 *
 * Unlike g_list_model_get_item(), reads nothing and changes nothing.
 *
 * Returns: (transfer none) (nullable): the paper at @position if it is in
 *   memory
 */
PbPaper *
pb_paper_list_model_peek_item (PbPaperListModel *self,
                               guint             position)
{
  Page *page;
  PbPaper *paper;

  g_return_val_if_fail (PB_IS_PAPER_LIST_MODEL (self), NULL);

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  if (page == NULL || position % PAGE_SIZE >= page->items->len)
    return NULL;

  paper = g_ptr_array_index (page->items, position % PAGE_SIZE);
  return pb_paper_is_placeholder (paper) ? NULL : paper;
}

/**
 * pb_paper_list_model_update_user_state:
 *
 * Mirrors a change of a paper's user state (written to the store by the
 * caller) into the rows in memory, so that bound widgets update.
 */
void
pb_paper_list_model_update_user_state (PbPaperListModel *self,
                                       const char       *id,
                                       gboolean          starred,
                                       gboolean          read)
{
  GHashTableIter iter;
  Page *page;

  g_return_if_fail (PB_IS_PAPER_LIST_MODEL (self));
  g_return_if_fail (id != NULL);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
    for (guint i = 0; i < page->items->len; i++)
      {
        PbPaper *paper = g_ptr_array_index (page->items, i);

        if (paper != NULL && g_strcmp0 (pb_paper_get_id (paper), id) == 0)
          {
            pb_paper_set_starred (paper, starred);
            pb_paper_set_read (paper, read);
          }
      }
}

/**
 * pb_paper_is_placeholder:
 *
 * Returns: whether @paper stands for a row that is still being read
 */
gboolean
pb_paper_is_placeholder (PbPaper *paper)
{
  return paper == NULL || pb_paper_get_id (paper) == NULL;
}

/**
 * pb_paper_same_shown:
 *
 * Returns: whether a list row showing @a would show the same as one showing
 *   @b (user state aside)
 */
gboolean
pb_paper_same_shown (PbPaper *a,
                     PbPaper *b)
{
  return g_strcmp0 (pb_paper_get_id (a), pb_paper_get_id (b)) == 0 &&
         g_strcmp0 (pb_paper_get_title (a), pb_paper_get_title (b)) == 0 &&
         g_strv_equal ((const char * const *)pb_paper_get_authors (a),
                       (const char * const *)pb_paper_get_authors (b)) &&
         g_strcmp0 (pb_paper_get_published_on (a), pb_paper_get_published_on (b)) == 0 &&
         g_strcmp0 (pb_paper_get_listed_on (a), pb_paper_get_listed_on (b)) == 0 &&
         pb_paper_get_upvotes (a) == pb_paper_get_upvotes (b) &&
         pb_paper_get_comments (a) == pb_paper_get_comments (b) &&
         pb_paper_get_github_stars (a) == pb_paper_get_github_stars (b) &&
         pb_paper_get_rank (a) == pb_paper_get_rank (b);
}
