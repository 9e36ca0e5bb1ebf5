/* pb-store-search.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pb-search-query.h"
#include "pb-store-private.h"

/*
 * Full-text search with a plan.
 *
 * Results are ranked by bm25 over all columns, the title weighing most,
 * and bm25 scores every row that matches: a query of common words that
 * matches half of 100,000 papers took a hundred milliseconds and more with
 * FTS5's own ranking, far too slow for search as you type. Three things
 * make it fast enough (bench/pb-bench-store measures them):
 *
 * - Our own rank function, pb_rank(), computes exactly FTS5's bm25 (equal
 *   to the bit), but reads the length of each row from a copy in memory
 *   rather than with one SQL statement per row, which was three quarters
 *   of the cost, and counts each phrase's rows once per plan rather than
 *   twice per query: for a prefix ("neur"), counting expands it again.
 *
 * - Up to PB_SEARCH_EXACT_BOUND matches, all are ranked: exact results.
 *   Past that, the query is broad and only its candidates are ranked: the
 *   matches with at least one of the query's words in the title. With the
 *   title weighing ten times the abstract, they hold the best results
 *   almost always (99.5 % of the exact top 50 over the benchmark's broad
 *   queries), with the same scores. If even the candidates are too many,
 *   or too few for a page, the newest ones (or matches) are ranked: for a
 *   feed reader, the newer of two equally good matches is the more useful.
 *
 * - A lone word of three letters still being typed expands to a good part
 *   of the vocabulary ("pro": hundreds of words), which costs tens of
 *   milliseconds per query over all columns and a fraction of that over
 *   titles. It is matched in titles first, and everywhere only when the
 *   titles do not fill the page: a different top 50 (a third of it differs
 *   from ranking every match), found in a few milliseconds.
 */

#define PB_SEARCH_EXACT_BOUND     5000
#define PB_SEARCH_CANDIDATE_BOUND 20000
#define SNIPPET_TOKENS "24"

/* The weights of the rank configured in migration 1, for pb_rank(). */
#define RANK_WEIGHTS "10.0, 4.0, 1.0, 2.0, 3.0"

/* A larger rowid means a damaged or odd database: no copy of the lengths. */
#define MAX_CACHED_ROWID (16 * 1024 * 1024)

/*
 * What pb_rank() shares with the plan, one per store. The lengths are
 * checked against FTS5's totals (row 1 of papers_fts_data, which every
 * change to the index rewrites) before each search, and read again when
 * those moved.
 */
typedef struct
{
  GBytes   *averages;   /* (nullable): the totals the lengths were read with */
  guint32  *sizes;      /* (nullable): tokens per row, by rowid; 0: unknown */
  gsize     n_sizes;

  GArray   *idf;        /* (element-type double): of the current plan's phrases */
  gboolean  idf_valid;  /* idf holds them */
  gboolean  too_many;   /* the last query had more rows than it could rank */
} RankContext;

static void
rank_context_free (gpointer user_data)
{
  RankContext *rank_context = user_data;

  g_clear_pointer (&rank_context->averages, g_bytes_unref);
  g_free (rank_context->sizes);
  g_array_unref (rank_context->idf);
  g_free (rank_context);
}

/* The lengths of the rows */

/* The sum of the varints (SQLite's format) of a docsize row. */
static guint32
sum_varints (const guint8 *blob,
             int           len)
{
  guint32 sum = 0, value = 0;

  for (int i = 0; i < len; i++)
    {
      value = (value << 7) | (blob[i] & 0x7f);
      if (!(blob[i] & 0x80))
        {
          sum += value;
          value = 0;
        }
    }

  return sum;
}

static GBytes *
read_averages (PbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare (self,
                                                    "SELECT block FROM papers_fts_data "
                                                    "WHERE id = 1",
                                                    NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static void
read_sizes (PbStore     *self,
            RankContext *rank_context)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_clear_pointer (&rank_context->sizes, g_free);
  rank_context->n_sizes = 0;

  /* Largest rowid first, to size the array. */
  stmt = _pb_store_prepare (self, "SELECT id, sz FROM papers_fts_docsize ORDER BY id DESC",
                            NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (rank_context->sizes == NULL)
        {
          if (id < 1 || id > MAX_CACHED_ROWID)
            return;
          rank_context->n_sizes = id + 1;
          rank_context->sizes = g_new0 (guint32, rank_context->n_sizes);
        }
      if (id > 0)
        rank_context->sizes[id] = sum_varints (sqlite3_column_blob (stmt, 1),
                                               sqlite3_column_bytes (stmt, 1));
    }
}

static void
refresh_sizes (PbStore     *self,
               RankContext *rank_context)
{
  g_autoptr(GBytes) averages = read_averages (self);

  if (averages != NULL && rank_context->averages != NULL &&
      g_bytes_equal (averages, rank_context->averages))
    return;

  g_debug ("Reading the length of every paper for ranking");
  read_sizes (self, rank_context);
  g_clear_pointer (&rank_context->averages, g_bytes_unref);
  rank_context->averages = g_steal_pointer (&averages);
}

/* pb_rank() */

typedef struct
{
  int     n_phrases;
  int     max_rows;   /* 0: any number */
  int     n_rows;
  double  avgdl;
  double *idf;
  double *freq;
} RankData;

static void
rank_data_free (gpointer user_data)
{
  RankData *data = user_data;

  g_free (data->idf);
  g_free (data->freq);
  g_free (data);
}

typedef struct
{
  sqlite3_int64 n_hits;
  sqlite3_int64 enough;
} HitCount;

/* A phrase in half the rows or more gets the smallest idf, whatever its
 * count: no need to count further. */
static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  HitCount *count = user_data;

  return ++count->n_hits >= count->enough ? SQLITE_DONE : SQLITE_OK;
}

/* Counting the rows of a phrase reads its doclists again, and expands a
 * prefix again: as much work as the query itself. FTS5 calls the rank
 * function of a query ordered by rank twice per row (for its sorter and
 * for the rank column), each with its own aux data, and a plan may run
 * several queries of the same phrases: all use the first count. */
static int
compute_idf (const Fts5ExtensionApi *api,
             Fts5Context            *fts,
             sqlite3_int64           n_rows,
             RankData               *data)
{
  RankContext *rank_context = api->xUserData (fts);
  GArray *known = rank_context->idf;
  int rc = SQLITE_OK;

  if (rank_context->idf_valid && known->len == (guint)data->n_phrases)
    {
      memcpy (data->idf, known->data, known->len * sizeof (double));
      return SQLITE_OK;
    }

  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    {
      HitCount count = { 0, (n_rows + 1) / 2 };
      double idf;

      rc = api->xQueryPhrase (fts, i, &count, count_row_cb);
      idf = log ((n_rows - count.n_hits + 0.5) / (count.n_hits + 0.5));
      data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }

  g_array_set_size (known, 0);
  if (rc == SQLITE_OK)
    g_array_append_vals (known, data->idf, data->n_phrases);
  rank_context->idf_valid = rc == SQLITE_OK;

  return rc;
}

/* Once per query, as FTS5's bm25() does it (fts5_aux.c). */
static int
compute_rank_data (const Fts5ExtensionApi  *api,
                   Fts5Context             *fts,
                   int                      n_phrases,
                   int                      max_rows,
                   RankData               **out)
{
  RankData *data = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc;

  data->n_phrases = CLAMP (n_phrases, 0, api->xPhraseCount (fts));
  data->max_rows = max_rows;
  data->idf = g_new0 (double, data->n_phrases + 1);
  data->freq = g_new0 (double, data->n_phrases + 1);

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc == SQLITE_OK)
    data->avgdl = (double)n_tokens / (double)n_rows;
  if (rc == SQLITE_OK)
    rc = compute_idf (api, fts, n_rows, data);

  if (rc != SQLITE_OK)
    {
      rank_data_free (data);
      return rc;
    }

  /* On failure, xSetAuxdata() frees the data itself. */
  *out = data;
  return api->xSetAuxdata (fts, data, rank_data_free);
}

static int
sum_weights (const Fts5ExtensionApi  *api,
             Fts5Context             *fts,
             int                      phrase,
             int                      n_weights,
             sqlite3_value          **weights,
             double                  *freq)
{
  Fts5PhraseIter iter;
  int column, offset;
  int rc;

  *freq = 0.0;
  rc = api->xPhraseFirst (fts, phrase, &iter, &column, &offset);
  for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
    *freq += column < n_weights ? sqlite3_value_double (weights[column]) : 1.0;

  return rc;
}

static int
get_row_size (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              int                    *n_tokens)
{
  RankContext *rank_context = api->xUserData (fts);
  sqlite3_int64 rowid = api->xRowid (fts);

  if (rowid > 0 && (guint64)rowid < rank_context->n_sizes && rank_context->sizes[rowid] > 0)
    {
      *n_tokens = rank_context->sizes[rowid];
      return SQLITE_OK;
    }

  return api->xColumnSize (fts, -1, n_tokens);
}

/* Stops a query with more rows than it may rank: the plan tries another. */
static gboolean
check_too_many (const Fts5ExtensionApi *api,
                Fts5Context            *fts,
                sqlite3_context        *context,
                RankData               *data)
{
  RankContext *rank_context = api->xUserData (fts);

  if (data->max_rows == 0 || ++data->n_rows <= data->max_rows)
    return FALSE;

  rank_context->too_many = TRUE;
  sqlite3_result_error (context, "Too many matches to rank", -1);
  return TRUE;
}

/*
 * pb_rank (N, M, weight, …): bm25 (weight, …) counting only the first N
 * phrases of the query, and an error past M rows unless M is 0. Same
 * formula, constants and order of operations as FTS5's bm25(), so that
 * the scores are equal to the bit.
 */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_args,
               sqlite3_value          **args)
{
  const double k1 = 1.2;
  const double b = 0.75;
  RankData *data = api->xGetAuxdata (fts, 0);
  double score = 0.0;
  double D;
  int n_tokens = 0;
  int rc = SQLITE_OK;

  if (n_args < 2)
    {
      sqlite3_result_error (context, "pb_rank() needs two arguments", -1);
      return;
    }

  if (data == NULL)
    rc = compute_rank_data (api, fts, sqlite3_value_int (args[0]), sqlite3_value_int (args[1]),
                            &data);
  if (rc == SQLITE_OK && check_too_many (api, fts, context, data))
    return;
  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    rc = sum_weights (api, fts, i, n_args - 2, args + 2, &data->freq[i]);
  if (rc == SQLITE_OK)
    rc = get_row_size (api, fts, &n_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  D = (double)n_tokens;
  for (int i = 0; i < data->n_phrases; i++)
    score += data->idf[i] * ((data->freq[i] * (k1 + 1.0)) /
                             (data->freq[i] + k1 * (1 - b + b * D / data->avgdl)));

  sqlite3_result_double (context, -1.0 * score);
}

/* Registers pb_rank() on the store's connection, once, and brings the
 * lengths it reads up to date. */
static RankContext *
prepare_ranking (PbStore  *self,
                 GError  **error)
{
  RankContext *rank_context = g_object_get_data (G_OBJECT (self), "pb-rank-context");
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (rank_context != NULL)
    {
      refresh_sizes (self, rank_context);
      return rank_context;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  /* The store owns the context and frees it after finalize() has closed
   * the connection that uses it. */
  rank_context = g_new0 (RankContext, 1);
  rank_context->idf = g_array_new (FALSE, FALSE, sizeof (double));
  if (api == NULL || api->iVersion < 2 ||
      api->xCreateFunction (api, "pb_rank", rank_context, rank_function, NULL) != SQLITE_OK)
    {
      rank_context_free (rank_context);
      g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_FAILED,
                           _("Cannot search: this SQLite has no usable FTS5"));
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (self), "pb-rank-context", rank_context, rank_context_free);
  refresh_sizes (self, rank_context);
  return rank_context;
}

/* Ranked queries */

/* One query of a plan. */
typedef struct
{
  const char *match;
  guint       n_phrases;  /* the user's query's, first in @match */
  int         max_rows;   /* past this many matches, stop: too many; 0: no limit */
  gint64      floor_pk;   /* only rows above this one */
  gboolean    reuse_idf;  /* same phrases as the plan's previous query */
} RankQuery;

/* The row above which at most @bound matches remain, or 0 when there are
 * not more than @bound matches. Unranked, it costs little. */
static gboolean
find_rank_floor (PbStore     *self,
                 const char  *match,
                 int          bound,
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
  sqlite3_bind_int (stmt, 2, bound);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *floor_pk = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *floor_pk = 0;
  else
    return _pb_store_set_error (self, rc, error, N_("Cannot search"));

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

static PbPaper *
read_paper (PbStore  *self,
            gint64    pk,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare (self,
                            "SELECT " PB_PAPER_COLUMNS " FROM papers p "
                            "LEFT JOIN user_state u ON u.paper_id = p.id WHERE p.pk = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pk);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error,
                                N_("Cannot read a search result")), NULL;

  return _pb_store_read_paper_row (stmt, 0);
}

static gboolean
add_result (PbStore       *self,
            sqlite3_stmt  *stmt,
            GPtrArray     *papers,
            GError       **error)
{
  PbPaper *paper = read_paper (self, sqlite3_column_int64 (stmt, 0), error);

  if (paper == NULL)
    return FALSE;

  paper->score = -sqlite3_column_double (stmt, 1);
  paper->title_highlight = dup_snippet (stmt, 2);
  paper->snippet = dup_snippet (stmt, 3);
  g_ptr_array_add (papers, paper);

  return TRUE;
}

/*
 * The best ?3 matches of ?1 above row ?4, ranked by ?2. The query orders
 * by FTS5's rank column, which FTS5 sorts itself, so that highlight() and
 * snippet() run only for the rows returned (ordered by pb_rank() in SQL,
 * SQLite would run them for every row that enters its sorter). The rows of
 * the papers are read after. Hidden papers are left out before the LIMIT:
 * filtered only after it, each hidden paper among the best ones cost the
 * page a result.
 */
#define RANKED_SQL \
  "SELECT rowid, rank," \
  "  highlight (papers_fts, 0, '" PB_HIGHLIGHT_START "', '" PB_HIGHLIGHT_END "')," \
  "  snippet (papers_fts, 2, '" PB_HIGHLIGHT_START "', '" PB_HIGHLIGHT_END "', '…', " \
  SNIPPET_TOKENS ") " \
  "FROM papers_fts WHERE papers_fts MATCH ?1 AND rank MATCH ?2 AND rowid > ?4" \
  "  AND rowid NOT IN (SELECT hp.pk FROM user_state hu" \
  "    JOIN papers hp ON hp.id = hu.paper_id WHERE hu.hidden = 1) " \
  "ORDER BY rank LIMIT ?3"

/* Returns %NULL with @too_many set, and no error, when the query had more
 * than max_rows matches. */
static GPtrArray *
run_ranked (PbStore          *self,
            const RankQuery  *query,
            guint             limit,
            gboolean         *too_many,
            GError          **error)
{
  RankContext *rank_context = prepare_ranking (self, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *rank = NULL;
  int rc;

  *too_many = FALSE;
  if (rank_context == NULL || (stmt = _pb_store_prepare (self, RANKED_SQL, error)) == NULL)
    return NULL;

  rank = g_strdup_printf ("pb_rank(%u, %d, " RANK_WEIGHTS ")", query->n_phrases,
                          query->max_rows);
  sqlite3_bind_text (stmt, 1, query->match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rank, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, query->floor_pk);

  rank_context->too_many = FALSE;
  rank_context->idf_valid = query->reuse_idf;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!add_result (self, stmt, papers, error))
      return NULL;

  *too_many = rank_context->too_many;
  if (*too_many)
    return NULL;
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot search")), NULL;

  return g_steal_pointer (&papers);
}

/* The plan */

/*
 * What pb_search_query_build() writes: terms joined by " AND " (or " OR "),
 * each a quoted string, maybe followed by " *", or a parenthesized group of
 * those, maybe after "{authors_text} : ". Quoted strings hold letters,
 * digits and spaces only.
 */

static guint
count_phrases (const char *match)
{
  guint n = 0;

  for (const char *p = match; *p; p++)
    n += *p == '"';

  return n / 2;
}

/* The top-level terms of @match. */
static GPtrArray *
split_terms (const char *match)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *start = match;
  gboolean quoted = FALSE;
  int depth = 0;

  for (const char *p = match; *p; p++)
    {
      gsize skip = 0;

      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        depth += (*p == '(') - (*p == ')');

      if (!quoted && depth == 0)
        skip = g_str_has_prefix (p, " AND ") ? 5 : g_str_has_prefix (p, " OR ") ? 4 : 0;
      if (skip > 0)
        {
          g_ptr_array_add (terms, g_strndup (start, p - start));
          start = p + skip;
          p += skip - 1;
        }
    }
  g_ptr_array_add (terms, g_strdup (start));

  return terms;
}

/* "(query) AND {title} : (term OR term …)": the same matches, narrowed to
 * those with one of the terms in the title. The query's phrases come
 * first, so pb_rank() can count only those. Author terms have no copy. */
static char *
dup_title_candidates (const char *match)
{
  g_autoptr(GPtrArray) terms = split_terms (match);
  g_autoptr(GString) title = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      if (!g_str_has_prefix (term, "{"))
        g_string_append_printf (title, "%s%s", title->len > 0 ? " OR " : "", term);
    }

  if (title->len == 0)
    return NULL;

  return g_strdup_printf ("(%s) AND {title} : (%s)", match, title->str);
}

/* For a lone prefix of three letters, "abc" *, the same in titles only. */
static char *
dup_short_prefix_in_titles (const char *match)
{
  gsize len = strlen (match);
  g_autofree char *word = NULL;

  if (len < 5 || match[0] != '"' || !g_str_has_suffix (match, "\" *"))
    return NULL;

  word = g_strndup (match + 1, len - 4);
  if (strpbrk (word, "\" ") != NULL || g_utf8_strlen (word, -1) != 3)
    return NULL;

  return g_strdup_printf ("{title} : %s", match);
}

/* The newest @bound matches of @match, ranked. */
static GPtrArray *
rank_newest (PbStore     *self,
             const char  *match,
             guint        n_phrases,
             int          bound,
             guint        limit,
             GError     **error)
{
  RankQuery query = { match, n_phrases, 0, 0, TRUE };
  gboolean too_many;

  if (!find_rank_floor (self, match, bound, &query.floor_pk, error))
    return NULL;

  g_debug ("Ranking the matches above row %" G_GINT64_FORMAT, query.floor_pk);
  return run_ranked (self, &query, limit, &too_many, error);
}

/* The matches with a query word in the title, by their score over all
 * columns. */
static GPtrArray *
rank_title_candidates (PbStore     *self,
                       const char  *match,
                       guint        n_phrases,
                       guint        limit,
                       GError     **error)
{
  g_autofree char *candidates = dup_title_candidates (match);
  RankQuery query = { candidates, n_phrases, PB_SEARCH_CANDIDATE_BOUND, 0, TRUE };
  g_autoptr(GPtrArray) papers = NULL;
  gboolean too_many;

  if (candidates == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  papers = run_ranked (self, &query, limit, &too_many, error);
  if (!too_many)
    return g_steal_pointer (&papers);

  g_debug ("More than %d title candidates", PB_SEARCH_CANDIDATE_BOUND);
  return rank_newest (self, candidates, n_phrases, PB_SEARCH_CANDIDATE_BOUND, limit, error);
}

/* A query that matches in titles only: all its matches are candidates. */
static GPtrArray *
rank_in_titles (PbStore     *self,
                const char  *match,
                guint        limit,
                GError     **error)
{
  RankQuery query = { match, count_phrases (match), PB_SEARCH_CANDIDATE_BOUND, 0, FALSE };
  g_autoptr(GPtrArray) papers = NULL;
  gboolean too_many;

  papers = run_ranked (self, &query, limit, &too_many, error);
  if (!too_many)
    return g_steal_pointer (&papers);

  return rank_newest (self, match, query.n_phrases, PB_SEARCH_CANDIDATE_BOUND, limit, error);
}

static GPtrArray *
search_planned (PbStore     *self,
                const char  *match,
                guint        limit,
                GError     **error)
{
  RankQuery query = { match, count_phrases (match), PB_SEARCH_EXACT_BOUND, 0, FALSE };
  g_autoptr(GPtrArray) papers = NULL;
  gboolean too_many;

  g_debug ("Searching for %s", match);

  papers = run_ranked (self, &query, limit, &too_many, error);
  if (!too_many)
    return g_steal_pointer (&papers);

  g_debug ("More than %d matches: ranking those with a word in the title",
           PB_SEARCH_EXACT_BOUND);
  papers = rank_title_candidates (self, match, query.n_phrases, limit, error);
  if (papers == NULL || papers->len >= limit)
    return g_steal_pointer (&papers);

  g_debug ("Fewer title candidates than results wanted");
  g_clear_pointer (&papers, g_ptr_array_unref);
  return rank_newest (self, match, query.n_phrases, PB_SEARCH_EXACT_BOUND, limit, error);
}

static GPtrArray *
search_with (PbStore             *self,
             const char          *text,
             PbSearchQueryFlags   flags,
             guint                limit,
             GError             **error)
{
  g_autofree char *match = pb_search_query_build (text, flags);
  g_autofree char *in_titles = NULL;
  g_autoptr(GPtrArray) papers = NULL;

  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* A lone word of three letters, still being typed: titles first. */
  in_titles = dup_short_prefix_in_titles (match);
  if (in_titles != NULL)
    {
      papers = rank_in_titles (self, in_titles, limit, error);
      if (papers == NULL || papers->len >= limit)
        return g_steal_pointer (&papers);
      g_clear_pointer (&papers, g_ptr_array_unref);
    }

  return search_planned (self, match, limit, error);
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
    return _pb_store_set_error (self, rc, error, N_("Cannot count the results")), -1;

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
            return _pb_store_set_error (self, rc, error, N_("Cannot search")), NULL;
        }
    }

  return g_steal_pointer (&matches);
}
