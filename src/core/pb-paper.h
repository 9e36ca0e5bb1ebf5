/* pb-paper.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_TYPE_PAPER (pb_paper_get_type ())

G_DECLARE_FINAL_TYPE (PbPaper, pb_paper, PB, PAPER, GObject)

/* Counts that the feed did not give are -1. */
#define PB_COUNT_UNKNOWN (-1)

const char         *pb_paper_get_id               (PbPaper *self);
const char         *pb_paper_get_title            (PbPaper *self);
const char         *pb_paper_get_abstract         (PbPaper *self);
const char * const *pb_paper_get_authors          (PbPaper *self);
char               *pb_paper_dup_authors_short    (PbPaper *self,
                                                   guint    max_names);
const char         *pb_paper_get_published_on     (PbPaper *self);
const char         *pb_paper_get_listed_on        (PbPaper *self);
gint64              pb_paper_get_submitted_at     (PbPaper *self);
int                 pb_paper_get_upvotes          (PbPaper *self);
int                 pb_paper_get_comments         (PbPaper *self);
int                 pb_paper_get_github_stars     (PbPaper *self);
const char         *pb_paper_get_github_repo      (PbPaper *self);
const char         *pb_paper_get_project_page     (PbPaper *self);
const char         *pb_paper_get_thumbnail_url    (PbPaper *self);
const char         *pb_paper_get_ai_summary       (PbPaper *self);
const char * const *pb_paper_get_ai_keywords      (PbPaper *self);
const char         *pb_paper_get_organization     (PbPaper *self);
const char         *pb_paper_get_raw_json         (PbPaper *self);
gint64              pb_paper_get_first_seen       (PbPaper *self);
gint64              pb_paper_get_updated_at       (PbPaper *self);

gboolean            pb_paper_get_starred          (PbPaper *self);
void                pb_paper_set_starred          (PbPaper *self,
                                                   gboolean starred);
gboolean            pb_paper_get_read             (PbPaper *self);
void                pb_paper_set_read             (PbPaper *self,
                                                   gboolean read);
gboolean            pb_paper_get_hidden           (PbPaper *self);

int                 pb_paper_get_rank             (PbPaper *self);
double              pb_paper_get_score            (PbPaper *self);
const char         *pb_paper_get_snippet          (PbPaper *self);
const char         *pb_paper_get_title_highlight  (PbPaper *self);

gboolean            pb_paper_is_arxiv             (PbPaper *self);
char               *pb_paper_dup_huggingface_url  (PbPaper *self);
char               *pb_paper_dup_arxiv_url        (PbPaper *self);
char               *pb_paper_dup_pdf_url          (PbPaper *self);
char               *pb_paper_dup_thumbnail_url    (PbPaper *self);

/* Search results mark matched words with these two control characters. */
#define PB_HIGHLIGHT_START "\002"
#define PB_HIGHLIGHT_END   "\003"

G_END_DECLS
