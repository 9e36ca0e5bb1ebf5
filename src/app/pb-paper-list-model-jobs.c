/* pb-paper-list-model-jobs.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-paper-list-model"

#include "config.h"

#include "pb-paper-list-model-private.h"

/*
 * The jobs of PbPaperListModel, run on the worker thread with the worker's
 * connection: loading a query (its count, dates and first pages) and
 * reading one page. They only see their PbListRequest (a copy of the query
 * made on the main thread) and the PbListShared reading position.
 */

#define PAGE_SIZE PB_PAPER_LIST_MODEL_PAGE_SIZE
#define SKIP_DISTANCE 4        /* pages away from the reading position: not worth reading */

PbListShared *
_pb_list_shared_ref (PbListShared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

void
_pb_list_shared_unref (PbListShared *shared)
{
  if (g_atomic_ref_count_dec (&shared->ref_count))
    g_free (shared);
}

void
_pb_list_request_free (PbListRequest *request)
{
  g_free (request->date);
  g_clear_pointer (&request->page_indexes, g_array_unref);
  g_clear_pointer (&request->shared, _pb_list_shared_unref);
  g_free (request);
}

void
_pb_list_answer_free (PbListAnswer *result)
{
  g_free (result->resolved_date);
  g_free (result->first_day);
  g_free (result->last_day);
  g_free (result->previous_date);
  g_free (result->next_date);
  g_clear_pointer (&result->page_indexes, g_array_unref);
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_free (result);
}



static void
request_to_query (const PbListRequest *request,
                  PbListQuery   *query)
{
  query->scope = request->scope;
  query->date = request->date;
  query->sort = request->sort;
  query->filter = request->filter;
}

static gboolean
read_dates (PbStore        *store,
            const PbListRequest  *request,
            PbListAnswer     *result,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (request->scope != PB_SCOPE_DAY && request->scope != PB_SCOPE_WEEK &&
      request->scope != PB_SCOPE_MONTH)
    return TRUE;

  result->resolved_date = request->date
    ? g_strdup (request->date)
    : pb_store_dup_latest_list_date (store, NULL, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (result->resolved_date == NULL)
    return TRUE;

  if (!pb_store_resolve_scope (store, request->scope, result->resolved_date,
                               &result->first_day, &result->last_day, error))
    return FALSE;

  result->previous_date = pb_store_dup_next_list_date (store, result->first_day, -1, &local_error);
  if (local_error == NULL)
    result->next_date = pb_store_dup_next_list_date (store, result->last_day, 1, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  return TRUE;
}

gpointer
_pb_list_load_thread (PbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PbListRequest *request = data;
  g_autoptr(PbListAnswer) result = g_new0 (PbListAnswer, 1);
  PbListQuery query;

  if (!read_dates (store, request, result, error))
    return NULL;

  request_to_query (request, &query);
  /* Pin the latest list to the day it resolved to, so that the count and
   * the pages agree even if a newer day arrives meanwhile. */
  if (query.date == NULL)
    query.date = result->resolved_date;

  if ((result->count = pb_store_count (store, &query, error)) < 0)
    return NULL;

  result->page_indexes = g_array_ref (request->page_indexes);
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < request->page_indexes->len; i++)
    {
      guint index = g_array_index (request->page_indexes, guint, i);
      GPtrArray *rows;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      rows = pb_store_list (store, &query, index * PAGE_SIZE, PAGE_SIZE, error);
      if (rows == NULL)
        return NULL;
      g_ptr_array_add (result->pages, rows);
    }

  return g_steal_pointer (&result);
}

gpointer
_pb_list_page_thread (PbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PbListRequest *request = data;
  PbListQuery query;
  int focus = g_atomic_int_get (&request->shared->focus_page);

  /* The view has moved on (a fast scroll or a jump): reading this page
   * would only delay the ones that are looked at now. */
  if (ABS (focus - (int)request->page_index) > SKIP_DISTANCE)
    return NULL;

  request_to_query (request, &query);
  return pb_store_list (store, &query, request->page_index * PAGE_SIZE, PAGE_SIZE, error);
}
