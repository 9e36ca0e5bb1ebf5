/* pb-paper-row.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pb-paper.h"

G_BEGIN_DECLS

#define PB_TYPE_PAPER_ROW (pb_paper_row_get_type ())

G_DECLARE_FINAL_TYPE (PbPaperRow, pb_paper_row, PB, PAPER_ROW, GtkWidget)

GtkWidget *pb_paper_row_new      (void);
PbPaper   *pb_paper_row_get_item (PbPaperRow *self);
void       pb_paper_row_set_item (PbPaperRow *self,
                                  PbPaper    *item);

G_END_DECLS
