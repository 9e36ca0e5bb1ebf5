/* pb-paper-list-model.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store-worker.h"

G_BEGIN_DECLS

#define PB_TYPE_PAPER_LIST_MODEL (pb_paper_list_model_get_type ())

G_DECLARE_FINAL_TYPE (PbPaperListModel, pb_paper_list_model, PB, PAPER_LIST_MODEL, GObject)

/* Rows read from the store at once. */
#define PB_PAPER_LIST_MODEL_PAGE_SIZE 100

PbPaperListModel *pb_paper_list_model_new               (PbStoreWorker     *worker);
void              pb_paper_list_model_set_query         (PbPaperListModel  *self,
                                                         const PbListQuery *query);
void              pb_paper_list_model_get_query         (PbPaperListModel  *self,
                                                         PbListQuery       *query);
void              pb_paper_list_model_refresh           (PbPaperListModel  *self);
void              pb_paper_list_model_invalidate        (PbPaperListModel  *self);
gboolean          pb_paper_list_model_get_loading       (PbPaperListModel  *self);
gboolean          pb_paper_list_model_get_loaded        (PbPaperListModel  *self);
gboolean          pb_paper_list_model_get_stale         (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_error_message (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_resolved_date (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_first_day     (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_last_day      (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_previous_date (PbPaperListModel  *self);
const char       *pb_paper_list_model_get_next_date     (PbPaperListModel  *self);
guint             pb_paper_list_model_get_n_cached      (PbPaperListModel  *self);
PbPaper          *pb_paper_list_model_peek_item         (PbPaperListModel  *self,
                                                         guint              position);
void              pb_paper_list_model_update_user_state (PbPaperListModel  *self,
                                                         const char        *id,
                                                         gboolean           starred,
                                                         gboolean           read);

gboolean          pb_paper_is_placeholder               (PbPaper           *paper);
gboolean          pb_paper_same_shown                   (PbPaper           *a,
                                                         PbPaper           *b);

G_END_DECLS
