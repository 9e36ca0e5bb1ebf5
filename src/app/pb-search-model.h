/* pb-search-model.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store-worker.h"

G_BEGIN_DECLS

#define PB_TYPE_SEARCH_MODEL (pb_search_model_get_type ())

G_DECLARE_FINAL_TYPE (PbSearchModel, pb_search_model, PB, SEARCH_MODEL, GObject)

/* The most results shown for one search. */
#define PB_SEARCH_MODEL_LIMIT 200

PbSearchModel *pb_search_model_new                   (PbStoreWorker *worker);
void           pb_search_model_set_text              (PbSearchModel *self,
                                                      const char    *text);
const char    *pb_search_model_get_text              (PbSearchModel *self);
const char    *pb_search_model_get_shown_text        (PbSearchModel *self);
gint64         pb_search_model_get_n_matches         (PbSearchModel *self);
gboolean       pb_search_model_get_searching         (PbSearchModel *self);
const char    *pb_search_model_get_error_message     (PbSearchModel *self);
gint64         pb_search_model_get_last_latency      (PbSearchModel *self);
void           pb_search_model_refresh               (PbSearchModel *self);
void           pb_search_model_update_user_state     (PbSearchModel *self,
                                                      const char    *id,
                                                      gboolean       starred,
                                                      gboolean       read);

G_END_DECLS
