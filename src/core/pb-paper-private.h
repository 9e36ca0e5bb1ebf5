/* pb-paper-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-paper.h"

G_BEGIN_DECLS

/* The parser and the store fill a paper field by field before anybody else
 * sees it; after that it is immutable except for the user state mirror. */
struct _PbPaper
{
  GObject parent_instance;

  char   *id;
  char   *title;
  char   *abstract;
  GStrv   authors;
  char   *published_on;      /* YYYY-MM-DD, arXiv date */
  char   *listed_on;         /* YYYY-MM-DD, first daily list */
  gint64  submitted_at;      /* unix seconds, 0 = unknown */
  int     upvotes;
  int     comments;
  int     github_stars;
  char   *github_repo;
  char   *project_page;
  char   *thumbnail_url;
  char   *ai_summary;
  GStrv   ai_keywords;
  char   *organization;
  char   *raw_json;
  gint64  raw_hash;          /* of raw_json; see _pb_paper_seal() */
  char   *authors_text;      /* authors, one per line, as stored and indexed */
  char   *keywords_text;     /* AI keywords, one per line */
  gint64  first_seen;
  gint64  updated_at;

  int     rank;
  double  score;
  char   *snippet;
  char   *title_highlight;

  guint   sealed : 1;
  guint   starred : 1;
  guint   read : 1;
  guint   hidden : 1;
};

PbPaper *_pb_paper_new  (void);
void     _pb_paper_seal (PbPaper *self);

G_END_DECLS
