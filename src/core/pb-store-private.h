/* pb-store-private.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pb-paper-private.h"
#include "pb-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_reset)

struct _PbStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → (owned) sqlite3_stmt */

  guint       depth;        /* open transaction and savepoint levels */
  guint       bulk : 1;     /* the outer transaction merges the FTS index at commit */
  guint       fts_dirty : 1; /* the FTS index was written in this transaction */
};

/* The columns every paper query reads, in the order read_paper_row() wants. */
#define PB_PAPER_COLUMNS \
  "p.pk, p.id, p.title, p.authors_text, p.published_on, p.listed_on, p.upvotes, " \
  "p.comments, p.github_stars, p.github_repo, p.project_page, p.ai_summary, " \
  "p.keywords_text, p.organization, p.thumbnail_url, p.submitted_at, p.first_seen, " \
  "p.updated_at, COALESCE (u.starred, 0), COALESCE (u.read, 0), COALESCE (u.hidden, 0)"
#define PB_PAPER_N_COLUMNS 21

sqlite3_stmt *_pb_store_prepare        (PbStore       *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      _pb_store_set_error      (PbStore       *self,
                                        int            rc,
                                        GError       **error,
                                        const char    *what);
gboolean      _pb_store_exec           (PbStore       *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      _pb_store_step_done      (PbStore       *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error,
                                        const char    *what);
PbPaper      *_pb_store_read_paper_row (sqlite3_stmt  *stmt,
                                        int            first);
void          _pb_store_bind_text      (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *text);
void          _pb_store_bind_count     (sqlite3_stmt  *stmt,
                                        int            index,
                                        int            count);
GStrv         _pb_store_split_lines    (const char    *text);
gboolean      _pb_store_migrate        (PbStore       *self,
                                        int            target,
                                        GError       **error);
PbStore      *_pb_store_open_at        (const char    *path,
                                        int            target_version,
                                        GError       **error);

G_END_DECLS
