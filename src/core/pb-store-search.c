/* pb-store-search.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <string.h>

#include "pb-search-query.h"
#include "pb-store-private.h"

/*
 * Full-text search with a plan.
 *
 * bm25 scores every row that matches, so a ranked query costs in proportion
 * to its matches: a query of common words matching half of 100,000 papers
 * takes a few hundred milliseconds, far too slow for search as you type.
 * Counting matches without ranking is cheap (it reads doclists, not rows).
 *
 * So each search first asks how many papers match, up to a bound
 * (PB_SEARCH_RANK_BOUND). At most that many, all are ranked: exact results.
 * More than that, only the newest matches up to the bound are ranked: for a
 * broad query every result matches every word anyway, and among equally
 * good matches the newer paper is the more useful one in a feed reader. The
 * bound keeps the worst case flat; bench/ measures both paths.
 */

#define PB_SEARCH_RANK_BOUND 4000
#define SNIPPET_TOKENS "24"

static gboolean
find_rank_floor (PbStore     *self,
                 const char  *match,
                 gint64      *floor_pk,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare (self,
                            "SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?1 "
                            "ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, PB_SEARCH_RANK_BOUND);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *floor_pk = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *floor_pk = 0;
  else
    return _pb_store_set_error (self, rc, error, "Cannot search");

  return TRUE;
}

static char *
dup_snippet (sqlite3_stmt *stmt,
             int           column)
{
  char *text = g_strdup ((const char *)sqlite3_column_text (stmt, column));

  /* Authors are stored one per line. */
  if (text != NULL)
    g_strdelimit (text, "\n", ' ');

  return text;
}

static GPtrArray *
run_ranked (PbStore     *self,
            const char  *match,
            gint64       floor_pk,
            guint        limit,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  /* The inner query orders by FTS5's own rank column, which FTS5 sorts
   * itself, so highlight() and snippet() run only for the rows returned.
   * Hidden papers are left out inside it, before the LIMIT: filtered only
   * outside, each hidden paper among the best ones cost the page a result. */
  stmt = _pb_store_prepare (self,
                            "SELECT " PB_PAPER_COLUMNS ", h.score, h.title_hl, h.snip FROM ("
                            "  SELECT rowid AS pk, rank AS score,"
                            "    highlight (papers_fts, 0, '" PB_HIGHLIGHT_START "', '"
                            PB_HIGHLIGHT_END "') AS title_hl,"
                            "    snippet (papers_fts, 2, '" PB_HIGHLIGHT_START "', '"
                            PB_HIGHLIGHT_END "', '…', " SNIPPET_TOKENS ") AS snip"
                            "  FROM papers_fts WHERE papers_fts MATCH ?1 AND rowid > ?2"
                            "  AND rowid NOT IN (SELECT hp.pk FROM user_state hu"
                            "    JOIN papers hp ON hp.id = hu.paper_id WHERE hu.hidden = 1)"
                            "  ORDER BY rank LIMIT ?3) h "
                            "JOIN papers p ON p.pk = h.pk "
                            "LEFT JOIN user_state u ON u.paper_id = p.id "
                            "WHERE COALESCE (u.hidden, 0) = 0 ORDER BY h.score",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, floor_pk);
  sqlite3_bind_int (stmt, 3, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbPaper *paper = _pb_store_read_paper_row (stmt, 0);

      paper->score = -sqlite3_column_double (stmt, PB_PAPER_N_COLUMNS);
      paper->title_highlight = dup_snippet (stmt, PB_PAPER_N_COLUMNS + 1);
      paper->snippet = dup_snippet (stmt, PB_PAPER_N_COLUMNS + 2);
      g_ptr_array_add (papers, paper);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, "Cannot search"), NULL;

  return g_steal_pointer (&papers);
}

static GPtrArray *
search_with (PbStore             *self,
             const char          *text,
             PbSearchQueryFlags   flags,
             guint                limit,
             GError             **error)
{
  g_autofree char *match = pb_search_query_build (text, flags);
  gint64 floor_pk = 0;

  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  g_debug ("Searching for %s", match);

  if (!find_rank_floor (self, match, &floor_pk, error))
    return NULL;

  if (floor_pk > 0)
    g_debug ("More than %d matches: ranking those above row %" G_GINT64_FORMAT,
             PB_SEARCH_RANK_BOUND, floor_pk);

  return run_ranked (self, match, floor_pk, limit, error);
}

/**
 * pb_store_search:
 * @text: what the user typed; any text is safe
 * @limit: the most results to return
 *
 * Searches titles, authors, abstracts, AI summaries and keywords. Words are
 * stemmed ("neurons" finds "neuronal"), the last word matches as a prefix,
 * the title weighs most. Each result has a score, its title with matches
 * marked and a snippet of the abstract (see pb_paper_get_snippet()).
 *
 * Returns: (transfer container) (element-type PbPaper): the results, best
 *   first
 */
GPtrArray *
pb_store_search (PbStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) papers = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  papers = search_with (self, text, PB_SEARCH_QUERY_PREFIX_LAST, limit, error);

  /* Nothing for "runni": try the shorter forms the stemmer may have kept. */
  if (papers != NULL && papers->len == 0)
    {
      g_clear_pointer (&papers, g_ptr_array_unref);
      papers = search_with (self, text, PB_SEARCH_QUERY_PREFIX_LAST | PB_SEARCH_QUERY_STEM_LAST,
                            limit, error);
    }

  return g_steal_pointer (&papers);
}

static gint64
count_match (PbStore     *self,
             const char  *sql,
             const char  *match,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, "Cannot count the results"), -1;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pb_store_search_count:
 *
 * Returns: how many papers match @text (hidden ones left out), or -1 on error
 */
gint64
pb_store_search_count (PbStore     *self,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *match = NULL;
  gint64 all, hidden;

  g_return_val_if_fail (PB_IS_STORE (self), -1);
  g_return_val_if_fail (text != NULL, -1);

  match = pb_search_query_build (text, PB_SEARCH_QUERY_PREFIX_LAST);
  if (match == NULL)
    return 0;

  all = count_match (self, "SELECT count (*) FROM papers_fts WHERE papers_fts MATCH ?1",
                     match, error);
  if (all == 0)
    {
      /* The same fallback as pb_store_search(). */
      g_free (match);
      match = pb_search_query_build (text, PB_SEARCH_QUERY_PREFIX_LAST |
                                           PB_SEARCH_QUERY_STEM_LAST);
      all = count_match (self, "SELECT count (*) FROM papers_fts WHERE papers_fts MATCH ?1",
                         match, error);
    }
  if (all <= 0)
    return all;

  /* Few papers are hidden: look each one up rather than join every match. */
  hidden = count_match (self,
                        "SELECT count (*) FROM user_state u JOIN papers p ON p.id = u.paper_id "
                        "JOIN papers_fts f ON f.rowid = p.pk "
                        "WHERE u.hidden = 1 AND papers_fts MATCH ?1",
                        match, error);
  if (hidden < 0)
    return -1;

  return all - hidden;
}

/**
 * pb_store_match_keywords:
 * @ids: (element-type utf8): paper ids
 * @keywords: (nullable): searches, each on its own, as the digest's
 *   keywords are (all words of one keyword must match; no prefixes)
 *
 * Which of @ids match one of @keywords: what a notification names first.
 * Each keyword is one FTS5 query restricted to each paper's row, so the
 * cost follows @ids, not the number of papers the keyword finds.
 *
 * Returns: (transfer full) (element-type utf8 utf8): for each of @ids that
 *   matches, the first of @keywords it matches; %NULL with @error set
 */
GHashTable *
pb_store_match_keywords (PbStore             *self,
                         GPtrArray           *ids,
                         const char * const  *keywords,
                         GError             **error)
{
  g_autoptr(GHashTable) matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  for (guint k = 0; keywords != NULL && keywords[k] != NULL; k++)
    {
      g_autofree char *match = pb_search_query_build (keywords[k], PB_SEARCH_QUERY_DEFAULT);

      /* A keyword of punctuation only matches nothing, not everything. */
      if (match == NULL)
        continue;

      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          g_autoptr(sqlite3_stmt) stmt = NULL;
          int rc;

          if (g_hash_table_contains (matches, id))
            continue;

          stmt = _pb_store_prepare (self,
                                    "SELECT 1 FROM papers_fts WHERE papers_fts MATCH ?1 "
                                    "AND rowid = (SELECT pk FROM papers WHERE id = ?2)",
                                    error);
          if (stmt == NULL)
            return NULL;

          sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            g_hash_table_insert (matches, g_strdup (id), g_strdup (keywords[k]));
          else if (rc != SQLITE_DONE)
            return _pb_store_set_error (self, rc, error, "Cannot search"), NULL;
        }
    }

  return g_steal_pointer (&matches);
}
