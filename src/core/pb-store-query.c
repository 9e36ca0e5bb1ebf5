/* pb-store-query.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-store-private.h"
#include "pb-text.h"

/*
 * Reading lists of papers. Every list is a query of one of a few shapes,
 * each served by an index so that the first page costs well under a
 * millisecond whatever the size of the table; see bench/.
 */

static char *
dup_text_result (PbStore     *self,
                 const char  *sql,
                 const char  *arg,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    _pb_store_set_error (self, rc, error, N_("Cannot read the lists"));

  return NULL;
}

/**
 * pb_store_dup_latest_list_date:
 * @on_or_before: (nullable): a date, YYYY-MM-DD
 *
 * Weekends, holidays and days without network have no daily list, so the
 * views open on the latest day that has one.
 *
 * Returns: (transfer full) (nullable): the latest date with a daily list, or
 *   %NULL when there is none (also without error)
 */
char *
pb_store_dup_latest_list_date (PbStore     *self,
                               const char  *on_or_before,
                               GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  if (on_or_before == NULL)
    return dup_text_result (self, "SELECT max (list_date) FROM daily_lists", NULL, error);

  return dup_text_result (self, "SELECT max (list_date) FROM daily_lists WHERE list_date <= ?1",
                          on_or_before, error);
}

/**
 * pb_store_dup_next_list_date:
 * @direction: 1 for the next day with a list, -1 for the previous one
 *
 * Returns: (transfer full) (nullable): that date, or %NULL when there is none
 */
char *
pb_store_dup_next_list_date (PbStore     *self,
                             const char  *date,
                             int          direction,
                             GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  if (direction > 0)
    return dup_text_result (self, "SELECT min (list_date) FROM daily_lists WHERE list_date > ?1",
                            date, error);

  return dup_text_result (self, "SELECT max (list_date) FROM daily_lists WHERE list_date < ?1",
                          date, error);
}

/**
 * pb_store_resolve_scope:
 * @date: (nullable): a day inside the scope; %NULL for the latest list
 * @first_day: (out) (transfer full) (optional) (nullable)
 * @last_day: (out) (transfer full) (optional) (nullable)
 *
 * Tells which days a scope covers: the day itself, its ISO week (Monday to
 * Sunday) or its month. Both are %NULL for trending and all papers, and when
 * the store has no daily list yet.
 */
gboolean
pb_store_resolve_scope (PbStore     *self,
                         PbScope      scope,
                         const char  *date,
                         char       **first_day,
                         char       **last_day,
                         GError     **error)
{
  g_autofree char *anchor = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate d;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (date != NULL && !pb_text_is_valid_date (date))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as YYYY-MM-DD"), date);
      return FALSE;
    }

  if (scope == PB_SCOPE_TRENDING || scope == PB_SCOPE_ALL)
    goto out;

  anchor = date ? g_strdup (date) : pb_store_dup_latest_list_date (self, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (anchor == NULL)
    goto out;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, atoi (anchor + 8), atoi (anchor + 5), atoi (anchor));

  switch (scope)
    {
    case PB_SCOPE_DAY:
      first = g_strdup (anchor);
      last = g_strdup (anchor);
      break;
    case PB_SCOPE_WEEK:
      first = pb_text_date_add_days (anchor, 1 - (int)g_date_get_weekday (&d));
      last = pb_text_date_add_days (first, 6);
      break;
    case PB_SCOPE_MONTH:
      first = g_strdup_printf ("%.7s-01", anchor);
      last = g_strdup_printf ("%.7s-%02u", anchor,
                              g_date_get_days_in_month (g_date_get_month (&d),
                                                        g_date_get_year (&d)));
      break;
    case PB_SCOPE_TRENDING:
    case PB_SCOPE_ALL:
    default:
      g_assert_not_reached ();
    }

out:
  if (first_day)
    *first_day = g_steal_pointer (&first);
  if (last_day)
    *last_day = g_steal_pointer (&last);
  return TRUE;
}

static PbSort
effective_sort (const PbListQuery *query)
{
  gboolean ranked = query->scope == PB_SCOPE_DAY || query->scope == PB_SCOPE_TRENDING;

  if (query->sort == PB_SORT_DEFAULT)
    return query->scope == PB_SCOPE_TRENDING ? PB_SORT_RANK : PB_SORT_UPVOTES;
  if (query->sort == PB_SORT_RANK && !ranked)
    return PB_SORT_UPVOTES;

  return query->sort;
}

/* Lists are read key first: an inner query picks the page's keys, mostly
 * from indexes alone (a month is sorted from (listed_on, upvotes) without
 * reading 1,000 rows), and the outer query reads the columns of those rows
 * only. */

static gboolean
starred_drives (const PbListQuery *query)
{
  /* A few hundred stars among 100,000 papers: walk the stars, not the
   * papers, unless the scope is a single short list anyway. */
  return (query->filter & PB_FILTER_STARRED) &&
         query->scope != PB_SCOPE_DAY && query->scope != PB_SCOPE_TRENDING;
}

/* FROM and WHERE of the inner query; ?1 and ?2 are the first and last day. */
static void
append_source (GString           *sql,
               const PbListQuery *query)
{
  if (starred_drives (query))
    g_string_append (sql, " FROM user_state u CROSS JOIN papers p ON p.id = u.paper_id");
  else if (query->scope == PB_SCOPE_DAY)
    g_string_append (sql, " FROM daily_lists d JOIN papers p ON p.pk = d.paper_pk");
  else if (query->scope == PB_SCOPE_TRENDING)
    g_string_append (sql, " FROM trending_entries t JOIN papers p ON p.pk = t.paper_pk");
  else
    g_string_append (sql, " FROM papers p");

  if ((query->filter & PB_FILTER_UNREAD) && !starred_drives (query))
    g_string_append (sql, " LEFT JOIN user_state u ON u.paper_id = p.id");

  switch (query->scope)
    {
    case PB_SCOPE_DAY:
      g_string_append (sql, " WHERE d.list_date = ?1 AND ?2 = ?2");
      break;
    case PB_SCOPE_WEEK:
    case PB_SCOPE_MONTH:
      g_string_append (sql, " WHERE p.listed_on BETWEEN ?1 AND ?2");
      break;
    case PB_SCOPE_TRENDING:
      g_string_append (sql, " WHERE t.snapshot_id = (SELECT max (id) FROM trending_snapshots)");
      break;
    case PB_SCOPE_ALL:
    default:
      g_string_append (sql, " WHERE 1");
      break;
    }

  if (starred_drives (query))
    g_string_append (sql, " AND u.starred = 1");
  else if (query->filter & PB_FILTER_STARRED)
    g_string_append (sql, " AND p.id IN (SELECT paper_id FROM user_state WHERE starred = 1)");
  if (query->filter & PB_FILTER_UNREAD)
    g_string_append (sql, " AND COALESCE (u.read, 0) = 0");
  /* Few papers are hidden: their rows, collected once per query, keep the
   * test on the row number, which the indexes hold. */
  if (!(query->filter & PB_FILTER_INCLUDE_HIDDEN))
    g_string_append (sql, " AND p.pk NOT IN (SELECT hp.pk FROM user_state hu"
                          " JOIN papers hp ON hp.id = hu.paper_id WHERE hu.hidden = 1)");
}

static const char *
rank_column (const PbListQuery *query)
{
  switch (query->scope)
    {
    case PB_SCOPE_DAY:
      return "d.rank";
    case PB_SCOPE_TRENDING:
      return "t.rank";
    case PB_SCOPE_WEEK:
    case PB_SCOPE_MONTH:
    case PB_SCOPE_ALL:
    default:
      return "0";
    }
}

/* @rank names the rank column: "d.rank" inside, "k.rank" outside. */
static void
append_order (GString           *sql,
              const PbListQuery *query,
              const char        *rank)
{
  switch (effective_sort (query))
    {
    case PB_SORT_DATE:
      g_string_append (sql, " ORDER BY p.published_on DESC, p.pk DESC");
      break;
    case PB_SORT_COMMENTS:
      g_string_append (sql, " ORDER BY p.comments DESC, p.pk DESC");
      break;
    case PB_SORT_STARS:
      g_string_append (sql, " ORDER BY p.github_stars DESC, p.pk DESC");
      break;
    case PB_SORT_RANK:
      g_string_append_printf (sql, " ORDER BY %s", rank);
      break;
    case PB_SORT_UPVOTES:
    case PB_SORT_DEFAULT:
    default:
      g_string_append (sql, " ORDER BY p.upvotes DESC, p.pk DESC");
      break;
    }
}

static gboolean
bind_scope (PbStore            *self,
             sqlite3_stmt       *stmt,
             const PbListQuery  *query,
             gboolean           *empty,
             GError            **error)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (!pb_store_resolve_scope (self, query->scope, query->date, &first, &last, error))
    return FALSE;

  *empty = (query->scope != PB_SCOPE_ALL && query->scope != PB_SCOPE_TRENDING &&
            first == NULL);

  _pb_store_bind_text (stmt, 1, first);
  _pb_store_bind_text (stmt, 2, last);
  return TRUE;
}

/**
 * pb_store_list:
 * @offset: rows to skip
 * @limit: rows to return at most
 *
 * Returns: (transfer container) (element-type PbPaper): one page of a list,
 *   without abstracts and raw JSON (pb_store_get_paper() reads those)
 */
GPtrArray *
pb_store_list (PbStore            *self,
               const PbListQuery  *query,
               guint               offset,
               guint               limit,
               GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " PB_PAPER_COLUMNS ", k.rank FROM (");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean empty;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  g_string_append_printf (sql, "SELECT p.pk AS pk, %s AS rank", rank_column (query));
  append_source (sql, query);
  append_order (sql, query, rank_column (query));
  g_string_append (sql, " LIMIT ?3 OFFSET ?4) k"
                        " JOIN papers p ON p.pk = k.pk"
                        " LEFT JOIN user_state u ON u.paper_id = p.id");
  append_order (sql, query, "k.rank");

  stmt = _pb_store_prepare (self, sql->str, error);
  if (stmt == NULL || !bind_scope (self, stmt, query, &empty, error))
    return NULL;
  if (empty)
    return g_steal_pointer (&papers);

  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbPaper *paper = _pb_store_read_paper_row (stmt, 0);

      paper->rank = sqlite3_column_int (stmt, PB_PAPER_N_COLUMNS);
      g_ptr_array_add (papers, paper);
    }
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the list")), NULL;

  return g_steal_pointer (&papers);
}

/**
 * pb_store_count:
 *
 * Returns: how many papers pb_store_list() can return for @query, or -1 on
 *   error
 */
gint64
pb_store_count (PbStore            *self,
                const PbListQuery  *query,
                GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean empty;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  append_source (sql, query);

  stmt = _pb_store_prepare (self, sql->str, error);
  if (stmt == NULL || !bind_scope (self, stmt, query, &empty, error))
    return -1;
  if (empty)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, N_("Cannot count the list")), -1;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pb_store_get_paper:
 *
 * Returns: (transfer full): the paper with everything the store knows,
 *   abstract and raw JSON included, or %NULL with %PB_STORE_ERROR_NOT_FOUND
 */
PbPaper *
pb_store_get_paper (PbStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PbPaper *paper;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _pb_store_prepare (self,
                            "SELECT " PB_PAPER_COLUMNS ", p.abstract, r.json "
                            "FROM papers p LEFT JOIN user_state u ON u.paper_id = p.id "
                            "LEFT JOIN paper_raw r ON r.paper_pk = p.pk WHERE p.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("No paper with id “%s”"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, N_("Cannot read the paper")), NULL;

  paper = _pb_store_read_paper_row (stmt, 0);
  paper->abstract = g_strdup ((const char *)sqlite3_column_text (stmt, PB_PAPER_N_COLUMNS));
  paper->raw_json = g_strdup ((const char *)sqlite3_column_text (stmt, PB_PAPER_N_COLUMNS + 1));

  return paper;
}

/**
 * pb_store_get_trending_fetched_at:
 *
 * Returns: when the current trending list was fetched (unix seconds), or 0
 */
gint64
pb_store_get_trending_fetched_at (PbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  stmt = _pb_store_prepare (self,
                            "SELECT fetched_at FROM trending_snapshots ORDER BY id DESC LIMIT 1",
                            NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}
