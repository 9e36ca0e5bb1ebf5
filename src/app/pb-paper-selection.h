/* pb-paper-selection.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_PAPER_SELECTION (pb_paper_selection_get_type ())

G_DECLARE_FINAL_TYPE (PbPaperSelection, pb_paper_selection, PB, PAPER_SELECTION, GObject)

PbPaperSelection *pb_paper_selection_new             (GListModel       *model);
GListModel       *pb_paper_selection_get_model       (PbPaperSelection *self);
const char       *pb_paper_selection_get_selected_id (PbPaperSelection *self);
void              pb_paper_selection_set_selected_id (PbPaperSelection *self,
                                                      const char       *id);

G_END_DECLS
