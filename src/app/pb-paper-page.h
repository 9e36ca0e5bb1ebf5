/* pb-paper-page.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-paper.h"

G_BEGIN_DECLS

#define PB_TYPE_PAPER_PAGE (pb_paper_page_get_type ())

G_DECLARE_FINAL_TYPE (PbPaperPage, pb_paper_page, PB, PAPER_PAGE, GtkWidget)

GtkWidget *pb_paper_page_new       (void);
PbPaper   *pb_paper_page_get_paper (PbPaperPage *self);
void       pb_paper_page_set_paper (PbPaperPage *self,
                                    PbPaper     *paper);

G_END_DECLS
