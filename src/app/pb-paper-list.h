/* pb-paper-list.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_PAPER_LIST (pb_paper_list_get_type ())

G_DECLARE_FINAL_TYPE (PbPaperList, pb_paper_list, PB, PAPER_LIST, GtkWidget)

GtkWidget   *pb_paper_list_new             (void);
GListModel  *pb_paper_list_get_model       (PbPaperList *self);
void         pb_paper_list_set_model       (PbPaperList *self,
                                            GListModel  *model);
gboolean     pb_paper_list_get_loading     (PbPaperList *self);
void         pb_paper_list_set_loading     (PbPaperList *self,
                                            gboolean     loading);
const char  *pb_paper_list_get_selected_id (PbPaperList *self);
void         pb_paper_list_set_selected_id (PbPaperList *self,
                                            const char  *id);
gboolean     pb_paper_list_focus_list      (PbPaperList *self);
GtkWidget   *pb_paper_list_get_view        (PbPaperList *self);

G_END_DECLS
