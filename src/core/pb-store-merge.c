/* pb-store-merge.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-store-private.h"

/*
 * Merging parsed papers into the store: the one upsert that import, the
 * bundled snapshot and the sync share.
 *
 * - A paper whose item is byte for byte what was stored is left alone, so
 *   re-importing the same file changes nothing.
 * - Otherwise fields the new item has replace the stored ones, fields it
 *   lacks (a bare paper object has no comment count) keep their value.
 * - A change of upvotes, comments or stars appends to count_history.
 * - The full-text index is only touched when indexed text changed.
 * - user_state is never written here.
 */

typedef struct
{
  gint64  pk;
  gint64  raw_hash;
  char   *title;
  char   *authors_text;
  char   *abstract;
  char   *ai_summary;
  char   *keywords_text;
  int     upvotes;
  int     comments;
  int     github_stars;
} StoredPaper;

static void
stored_paper_clear (StoredPaper *stored)
{
  g_free (stored->title);
  g_free (stored->authors_text);
  g_free (stored->abstract);
  g_free (stored->ai_summary);
  g_free (stored->keywords_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredPaper, stored_paper_clear)

/* The indexed text of a paper, as the FTS columns want it. */
typedef struct
{
  const char *title;
  const char *authors_text;
  const char *abstract;
  const char *ai_summary;
  const char *keywords_text;
} IndexedText;

static int
count_or_null (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? PB_COUNT_UNKNOWN : sqlite3_column_int (stmt, column);
}

/* Returns 1 when found, 0 when not, -1 on error. */
static int
lookup_paper (PbStore      *self,
              const char   *id,
              StoredPaper  *stored,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare (self,
                            "SELECT pk, raw_hash, title, authors_text, abstract, ai_summary, "
                            "keywords_text, upvotes, comments, github_stars "
                            "FROM papers WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, N_("Cannot look up a paper")), -1;

  stored->pk = sqlite3_column_int64 (stmt, 0);
  stored->raw_hash = sqlite3_column_int64 (stmt, 1);
  stored->title = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  stored->authors_text = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  stored->abstract = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  stored->ai_summary = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  stored->keywords_text = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  stored->upvotes = count_or_null (stmt, 7);
  stored->comments = count_or_null (stmt, 8);
  stored->github_stars = count_or_null (stmt, 9);

  return 1;
}

static gboolean
write_index (PbStore            *self,
             gint64              pk,
             const IndexedText  *text,
             gboolean            remove,
             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  self->fts_dirty = TRUE;

  /* External content: a row is removed from the index by repeating the
   * values it was indexed with. */
  stmt = _pb_store_prepare (self,
                            remove
                            ? "INSERT INTO papers_fts (papers_fts, rowid, title, authors_text, "
                              "abstract, ai_summary, keywords_text) "
                              "VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6)"
                            : "INSERT INTO papers_fts (rowid, title, authors_text, abstract, "
                              "ai_summary, keywords_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  _pb_store_bind_text (stmt, 2, text->title);
  _pb_store_bind_text (stmt, 3, text->authors_text);
  _pb_store_bind_text (stmt, 4, text->abstract);
  _pb_store_bind_text (stmt, 5, text->ai_summary);
  _pb_store_bind_text (stmt, 6, text->keywords_text);

  return _pb_store_step_done (self, stmt, error, N_("Cannot update the search index"));
}

static gboolean
write_authors (PbStore     *self,
               gint64       pk,
               PbPaper     *paper,
               gboolean     replace,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (replace)
    {
      g_autoptr(sqlite3_stmt) del = _pb_store_prepare (self,
                                                       "DELETE FROM paper_authors "
                                                       "WHERE paper_pk = ?1",
                                                       error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 1, pk);
      if (!_pb_store_step_done (self, del, error, N_("Cannot save the authors")))
        return FALSE;
    }

  if (paper->authors == NULL)
    return TRUE;

  stmt = _pb_store_prepare (self,
                            "INSERT INTO paper_authors (paper_pk, position, name) "
                            "VALUES (?1, ?2, ?3)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; paper->authors[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, pk);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, paper->authors[i], -1, SQLITE_STATIC);
      if (!_pb_store_step_done (self, stmt, error, N_("Cannot save the authors")))
        return FALSE;
    }

  return TRUE;
}

/* A plain INSERT for a new paper, an UPDATE for a known one: with foreign
 * keys on, SQLite's REPLACE costs twelve times as much here (bench/). */
static gboolean
write_raw (PbStore     *self,
           gint64       pk,
           const char  *raw,
           gboolean     is_new,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _pb_store_prepare (self,
                            is_new
                            ? "INSERT INTO paper_raw (paper_pk, json) VALUES (?1, ?2)"
                            : "UPDATE paper_raw SET json = ?2 WHERE paper_pk = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  sqlite3_bind_text (stmt, 2, raw, -1, SQLITE_STATIC);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the paper's data"));
}

static gboolean
append_history (PbStore     *self,
                gint64       pk,
                gint64       now,
                int          upvotes,
                int          comments,
                int          github_stars,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (upvotes < 0 && comments < 0 && github_stars < 0)
    return TRUE;

  stmt = _pb_store_prepare (self,
                            "INSERT INTO count_history (paper_pk, observed_at, upvotes, "
                            "comments, github_stars) VALUES (?1, ?2, ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  sqlite3_bind_int64 (stmt, 2, now);
  _pb_store_bind_count (stmt, 3, upvotes);
  _pb_store_bind_count (stmt, 4, comments);
  _pb_store_bind_count (stmt, 5, github_stars);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the count history"));
}

static gboolean
insert_paper (PbStore     *self,
              PbPaper     *paper,
              const char  *authors_text,
              const char  *keywords_text,
              const char  *listed_on,
              gint64       raw_hash,
              gint64       now,
              gint64      *pk,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  IndexedText text = { paper->title, authors_text, paper->abstract, paper->ai_summary,
                       keywords_text };

  stmt = _pb_store_prepare (self,
                            "INSERT INTO papers (id, title, authors_text, abstract, ai_summary, "
                            "keywords_text, published_on, listed_on, submitted_at, upvotes, "
                            "comments, github_stars, github_repo, project_page, thumbnail_url, "
                            "organization, first_seen, updated_at, raw_hash) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                            "?14, ?15, ?16, ?17, ?17, ?18)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, paper->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, paper->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, authors_text ? authors_text : "", -1, SQLITE_STATIC);
  _pb_store_bind_text (stmt, 4, paper->abstract);
  _pb_store_bind_text (stmt, 5, paper->ai_summary);
  _pb_store_bind_text (stmt, 6, keywords_text);
  _pb_store_bind_text (stmt, 7, paper->published_on);
  _pb_store_bind_text (stmt, 8, listed_on);
  if (paper->submitted_at > 0)
    sqlite3_bind_int64 (stmt, 9, paper->submitted_at);
  _pb_store_bind_count (stmt, 10, paper->upvotes);
  _pb_store_bind_count (stmt, 11, paper->comments);
  _pb_store_bind_count (stmt, 12, paper->github_stars);
  _pb_store_bind_text (stmt, 13, paper->github_repo);
  _pb_store_bind_text (stmt, 14, paper->project_page);
  _pb_store_bind_text (stmt, 15, paper->thumbnail_url);
  _pb_store_bind_text (stmt, 16, paper->organization);
  sqlite3_bind_int64 (stmt, 17, now);
  sqlite3_bind_int64 (stmt, 18, raw_hash);

  if (!_pb_store_step_done (self, stmt, error, N_("Cannot save a paper")))
    return FALSE;

  *pk = sqlite3_last_insert_rowid (self->db);

  return write_authors (self, *pk, paper, FALSE, error) &&
         write_raw (self, *pk, paper->raw_json, TRUE, error) &&
         write_index (self, *pk, &text, FALSE, error) &&
         append_history (self, *pk, now, paper->upvotes, paper->comments,
                         paper->github_stars, error);
}

static gboolean
update_paper (PbStore      *self,
              PbPaper      *paper,
              StoredPaper  *stored,
              const char   *authors_text,
              const char   *keywords_text,
              gint64        raw_hash,
              gint64        now,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  IndexedText old_text = { stored->title, stored->authors_text, stored->abstract,
                           stored->ai_summary, stored->keywords_text };
  IndexedText new_text = {
    paper->title,
    authors_text ? authors_text : stored->authors_text,
    paper->abstract ? paper->abstract : stored->abstract,
    paper->ai_summary ? paper->ai_summary : stored->ai_summary,
    keywords_text ? keywords_text : stored->keywords_text,
  };
  int upvotes = paper->upvotes >= 0 ? paper->upvotes : stored->upvotes;
  int comments = paper->comments >= 0 ? paper->comments : stored->comments;
  int github_stars = paper->github_stars >= 0 ? paper->github_stars : stored->github_stars;
  gboolean text_changed = g_strcmp0 (old_text.title, new_text.title) != 0 ||
                          g_strcmp0 (old_text.authors_text, new_text.authors_text) != 0 ||
                          g_strcmp0 (old_text.abstract, new_text.abstract) != 0 ||
                          g_strcmp0 (old_text.ai_summary, new_text.ai_summary) != 0 ||
                          g_strcmp0 (old_text.keywords_text, new_text.keywords_text) != 0;

  /* Out of the index with the old text before the row changes. */
  if (text_changed && !write_index (self, stored->pk, &old_text, TRUE, error))
    return FALSE;

  stmt = _pb_store_prepare (self,
                            "UPDATE papers SET title = ?2, authors_text = ?3, abstract = ?4, "
                            "ai_summary = ?5, keywords_text = ?6, "
                            "published_on = COALESCE (?7, published_on), "
                            "submitted_at = COALESCE (?8, submitted_at), upvotes = ?9, "
                            "comments = ?10, github_stars = ?11, "
                            "github_repo = COALESCE (?12, github_repo), "
                            "project_page = COALESCE (?13, project_page), "
                            "thumbnail_url = COALESCE (?14, thumbnail_url), "
                            "organization = COALESCE (?15, organization), "
                            "updated_at = ?16, raw_hash = ?17 WHERE pk = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stored->pk);
  sqlite3_bind_text (stmt, 2, new_text.title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, new_text.authors_text ? new_text.authors_text : "", -1,
                     SQLITE_STATIC);
  _pb_store_bind_text (stmt, 4, new_text.abstract);
  _pb_store_bind_text (stmt, 5, new_text.ai_summary);
  _pb_store_bind_text (stmt, 6, new_text.keywords_text);
  _pb_store_bind_text (stmt, 7, paper->published_on);
  if (paper->submitted_at > 0)
    sqlite3_bind_int64 (stmt, 8, paper->submitted_at);
  _pb_store_bind_count (stmt, 9, upvotes);
  _pb_store_bind_count (stmt, 10, comments);
  _pb_store_bind_count (stmt, 11, github_stars);
  _pb_store_bind_text (stmt, 12, paper->github_repo);
  _pb_store_bind_text (stmt, 13, paper->project_page);
  _pb_store_bind_text (stmt, 14, paper->thumbnail_url);
  _pb_store_bind_text (stmt, 15, paper->organization);
  sqlite3_bind_int64 (stmt, 16, now);
  sqlite3_bind_int64 (stmt, 17, raw_hash);

  if (!_pb_store_step_done (self, stmt, error, N_("Cannot update a paper")))
    return FALSE;

  if (text_changed && !write_index (self, stored->pk, &new_text, FALSE, error))
    return FALSE;

  if (authors_text != NULL && g_strcmp0 (authors_text, stored->authors_text) != 0 &&
      !write_authors (self, stored->pk, paper, TRUE, error))
    return FALSE;

  if ((upvotes != stored->upvotes || comments != stored->comments ||
       github_stars != stored->github_stars) &&
      !append_history (self, stored->pk, now, upvotes, comments, github_stars, error))
    return FALSE;

  return write_raw (self, stored->pk, paper->raw_json, FALSE, error);
}

/* Returns the paper's row, or 0 with @error set. */
static gint64
upsert_paper (PbStore       *self,
              PbPaper       *paper,
              const char    *listed_on,
              gint64         now,
              PbMergeStats  *stats,
              GError       **error)
{
  g_auto(StoredPaper) stored = { 0, };
  const char *authors_text;
  const char *keywords_text;
  gint64 raw_hash;
  gint64 pk = 0;
  int found;

  g_assert (paper->id != NULL && paper->title != NULL && paper->raw_json != NULL);

  _pb_paper_seal (paper);
  authors_text = paper->authors_text;
  keywords_text = paper->keywords_text;
  raw_hash = paper->raw_hash;
  found = lookup_paper (self, paper->id, &stored, error);
  if (found < 0)
    return 0;

  if (found == 0)
    {
      if (!insert_paper (self, paper, authors_text, keywords_text, listed_on, raw_hash, now,
                         &pk, error))
        return 0;
      stats->n_new++;
      return pk;
    }

  if (stored.raw_hash == raw_hash)
    {
      stats->n_unchanged++;
      return stored.pk;
    }

  if (!update_paper (self, paper, &stored, authors_text, keywords_text, raw_hash, now, error))
    return 0;
  stats->n_updated++;
  return stored.pk;
}

static gboolean
set_listed_on (PbStore     *self,
               gint64       pk,
               const char  *list_date,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (list_date != NULL)
    stmt = _pb_store_prepare (self,
                              "UPDATE papers SET listed_on = ?2 "
                              "WHERE pk = ?1 AND (listed_on IS NULL OR listed_on > ?2)",
                              error);
  else
    stmt = _pb_store_prepare (self,
                              "UPDATE papers SET listed_on = (SELECT min (list_date) "
                              "FROM daily_lists WHERE paper_pk = ?1) WHERE pk = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pk);
  if (list_date != NULL)
    sqlite3_bind_text (stmt, 2, list_date, -1, SQLITE_STATIC);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the list date"));
}

static GHashTable *
read_daily_list (PbStore     *self,
                 const char  *list_date,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  stmt = _pb_store_prepare (self,
                            "SELECT paper_pk, rank FROM daily_lists WHERE list_date = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, list_date, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (ranks, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                           sizeof (gint64)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read a daily list")), NULL;

  return g_steal_pointer (&ranks);
}

static gboolean
write_list_entry (PbStore     *self,
                  const char  *sql,
                  const char  *list_date,
                  gint64       pk,
                  int          rank,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, list_date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pk);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int (stmt, 3, rank);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save a daily list"));
}

/* The fetched list of a day is the truth for that day, except that an empty
 * answer never erases a day that had papers. */
static gboolean
merge_daily_list (PbStore       *self,
                  const char    *list_date,
                  GPtrArray     *papers,
                  const gint64  *pks,
                  PbMergeStats  *stats,
                  GError       **error)
{
  g_autoptr(GHashTable) stored = read_daily_list (self, list_date, error);
  GHashTableIter iter;
  gint64 *pk;

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < papers->len; i++)
    {
      int rank = i + 1;
      gpointer old_rank;
      gboolean listed = g_hash_table_lookup_extended (stored, &pks[i], NULL, &old_rank);

      /* Remove rather than steal: stealing without taking the key leaked
       * the g_memdup2()ed key of every paper already on the list. */
      if (listed)
        g_hash_table_remove (stored, &pks[i]);

      if (!listed)
        {
          if (!write_list_entry (self, "INSERT INTO daily_lists (list_date, paper_pk, rank) "
                                 "VALUES (?1, ?2, ?3)", list_date, pks[i], rank, error) ||
              !set_listed_on (self, pks[i], list_date, error))
            return FALSE;
          stats->n_listed++;
        }
      else if (GPOINTER_TO_INT (old_rank) != rank)
        {
          if (!write_list_entry (self, "UPDATE daily_lists SET rank = ?3 "
                                 "WHERE list_date = ?1 AND paper_pk = ?2",
                                 list_date, pks[i], rank, error))
            return FALSE;
          stats->n_listed++;
        }
    }

  if (papers->len == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, (gpointer *)&pk, NULL))
    {
      if (!write_list_entry (self, "DELETE FROM daily_lists "
                             "WHERE list_date = ?1 AND paper_pk = ?2",
                             list_date, *pk, 0, error) ||
          !set_listed_on (self, *pk, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
trending_unchanged (PbStore       *self,
                    const gint64  *pks,
                    guint          n,
                    gboolean      *unchanged,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint i = 0;
  int rc;

  stmt = _pb_store_prepare (self,
                            "SELECT paper_pk FROM trending_entries WHERE snapshot_id = "
                            "(SELECT max (id) FROM trending_snapshots) ORDER BY rank",
                            error);
  if (stmt == NULL)
    return FALSE;

  *unchanged = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (i >= n || sqlite3_column_int64 (stmt, 0) != pks[i])
        *unchanged = FALSE;
      i++;
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the trending list"));

  if (i != n)
    *unchanged = FALSE;

  return TRUE;
}

static gboolean
merge_trending (PbStore       *self,
                GPtrArray     *papers,
                const gint64  *pks,
                gint64         now,
                PbMergeStats  *stats,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) snapshot = NULL;
  g_autoptr(sqlite3_stmt) entry = NULL;
  gboolean unchanged;
  gint64 snapshot_id;

  if (papers->len == 0)
    return TRUE;
  if (!trending_unchanged (self, pks, papers->len, &unchanged, error))
    return FALSE;
  if (unchanged)
    return TRUE;

  snapshot = _pb_store_prepare (self,
                                "INSERT INTO trending_snapshots (fetched_at, n_papers) "
                                "VALUES (?1, ?2)",
                                error);
  if (snapshot == NULL)
    return FALSE;
  sqlite3_bind_int64 (snapshot, 1, now);
  sqlite3_bind_int (snapshot, 2, papers->len);
  if (!_pb_store_step_done (self, snapshot, error, N_("Cannot save the trending list")))
    return FALSE;
  snapshot_id = sqlite3_last_insert_rowid (self->db);

  entry = _pb_store_prepare (self,
                             "INSERT INTO trending_entries (snapshot_id, rank, paper_pk) "
                             "VALUES (?1, ?2, ?3)",
                             error);
  if (entry == NULL)
    return FALSE;

  for (guint i = 0; i < papers->len; i++)
    {
      sqlite3_reset (entry);
      sqlite3_bind_int64 (entry, 1, snapshot_id);
      sqlite3_bind_int (entry, 2, i + 1);
      sqlite3_bind_int64 (entry, 3, pks[i]);
      if (!_pb_store_step_done (self, entry, error, N_("Cannot save the trending list")))
        return FALSE;
    }

  stats->n_listed += papers->len;
  return TRUE;
}

/**
 * pb_store_merge:
 * @papers: (element-type PbPaper): parsed papers, in list order
 * @kind: the list they came from, if any
 * @list_date: (nullable): for %PB_LIST_DAILY, the date that was asked for
 * @stats: (inout): counts to add to
 *
 * Upserts @papers and records the list they form. Must run inside
 * pb_store_begin() and pb_store_commit(); on error, roll back.
 */
gboolean
pb_store_merge (PbStore       *self,
                GPtrArray     *papers,
                PbListKind     kind,
                const char    *list_date,
                PbMergeStats  *stats,
                GError       **error)
{
  g_autofree gint64 *pks = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (papers != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (kind != PB_LIST_DAILY || list_date != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  pks = g_new0 (gint64, papers->len + 1);
  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (papers, i);

      pks[i] = upsert_paper (self, paper, kind == PB_LIST_DAILY ? list_date : NULL, now,
                             stats, error);
      if (pks[i] == 0)
        return FALSE;
    }

  switch (kind)
    {
    case PB_LIST_DAILY:
      return merge_daily_list (self, list_date, papers, pks, stats, error);
    case PB_LIST_TRENDING:
      return merge_trending (self, papers, pks, now, stats, error);
    case PB_LIST_NONE:
    default:
      return TRUE;
    }
}
