/* pb-paper-list-model-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-paper-list-model.h"

G_BEGIN_DECLS

/* What PbPaperListModel asks its worker, and the answers; the jobs run on
 * the worker thread (pb-paper-list-model-jobs.c). */

typedef struct
{
  gatomicrefcount ref_count;
  int             focus_page;  /* atomic: the page the view last asked about */
} PbListShared;

typedef struct
{
  PbScope  scope;
  char    *date;
  PbSort   sort;
  PbFilter filter;
  guint    epoch;
  GArray  *page_indexes;       /* (element-type guint) */
  guint    page_index;
  PbListShared  *shared;
} PbListRequest;

typedef struct
{
  gint64     count;
  char      *resolved_date;
  char      *first_day;
  char      *last_day;
  char      *previous_date;
  char      *next_date;
  GArray    *page_indexes;     /* (element-type guint) */
  GPtrArray *pages;            /* (element-type GPtrArray) */
} PbListAnswer;

PbListShared   *_pb_list_shared_ref        (PbListShared        *shared);
void      _pb_list_shared_unref      (PbListShared        *shared);
void      _pb_list_request_free      (PbListRequest       *request);
void      _pb_list_answer_free  (PbListAnswer    *result);
gpointer  _pb_list_load_thread       (PbStore       *store,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);
gpointer  _pb_list_page_thread       (PbStore       *store,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbListAnswer, _pb_list_answer_free)

G_END_DECLS
