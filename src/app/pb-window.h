/* pb-window.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-application.h"
#include "pb-paper-list-model.h"
#include "pb-store-worker.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbPaperListModel *pb_window_prepare_first_list (GSettings        *settings,
                                                PbStoreWorker    *worker);
PbWindow *pb_window_new              (PbApplication    *application,
                                      GSettings        *settings,
                                      PbStoreWorker    *worker,
                                      PbPaperListModel *first_list);
gboolean  pb_window_show_view        (PbWindow       *self,
                                      const char     *name);
void      pb_window_open_paper_by_id (PbWindow       *self,
                                      const char     *id);
void      pb_window_refresh          (PbWindow       *self);
gboolean  pb_window_save_screenshot  (PbWindow       *self,
                                      const char     *path,
                                      GError        **error);

G_END_DECLS
