/* pb-bench-floor.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pb-bench.h"

/*
 * The floor: what plain SQLite does with the same rows and queries, without
 * any pb-core code. Nothing here may call into src/core.
 */

/* The same settings as configure_connection() in pb-store.c. */
static const char pragmas[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = NORMAL;"
  "PRAGMA foreign_keys = ON;"
  "PRAGMA temp_store = MEMORY;"
  "PRAGMA cache_size = -32768;"
  "PRAGMA mmap_size = 268435456;"
  "PRAGMA journal_size_limit = 67108864;";

/* Copied from migration 1 in pb-store-schema.c: the tables an import
 * writes, and the full-text index. */
static const char floor_schema[] =
  "CREATE TABLE papers ("
  "  pk            INTEGER PRIMARY KEY,"
  "  id            TEXT NOT NULL UNIQUE,"
  "  title         TEXT NOT NULL,"
  "  authors_text  TEXT NOT NULL DEFAULT '',"
  "  abstract      TEXT,"
  "  ai_summary    TEXT,"
  "  keywords_text TEXT,"
  "  published_on  TEXT,"
  "  listed_on     TEXT,"
  "  submitted_at  INTEGER,"
  "  upvotes       INTEGER,"
  "  comments      INTEGER,"
  "  github_stars  INTEGER,"
  "  github_repo   TEXT,"
  "  project_page  TEXT,"
  "  thumbnail_url TEXT,"
  "  organization  TEXT,"
  "  first_seen    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  raw_hash      INTEGER NOT NULL"
  ");"
  "CREATE INDEX papers_by_upvotes ON papers (upvotes);"
  "CREATE INDEX papers_by_published ON papers (published_on);"
  "CREATE INDEX papers_by_comments ON papers (comments);"
  "CREATE INDEX papers_by_stars ON papers (github_stars);"
  "CREATE INDEX papers_by_listed ON papers (listed_on, upvotes);"
  "CREATE TABLE paper_authors ("
  "  paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  PRIMARY KEY (paper_pk, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE paper_raw ("
  "  paper_pk INTEGER PRIMARY KEY REFERENCES papers (pk) ON DELETE CASCADE,"
  "  json     TEXT NOT NULL"
  ");"
  "CREATE TABLE daily_lists ("
  "  list_date TEXT NOT NULL,"
  "  paper_pk  INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  rank      INTEGER NOT NULL,"
  "  PRIMARY KEY (list_date, paper_pk)"
  ") WITHOUT ROWID;"
  "CREATE INDEX daily_lists_by_paper ON daily_lists (paper_pk);"
  "CREATE TABLE count_history ("
  "  paper_pk     INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,"
  "  observed_at  INTEGER NOT NULL,"
  "  upvotes      INTEGER,"
  "  comments     INTEGER,"
  "  github_stars INTEGER"
  ");"
  "CREATE INDEX count_history_by_paper ON count_history (paper_pk, observed_at);"
  "CREATE VIRTUAL TABLE papers_fts USING fts5 ("
  "  title, authors_text, abstract, ai_summary, keywords_text,"
  "  content = 'papers', content_rowid = 'pk',"
  "  tokenize = 'porter unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO papers_fts (papers_fts, rank) VALUES ('rank', 'bm25 (10.0, 4.0, 1.0, 2.0, 3.0)');";

/* Parents before children, for the foreign keys. */
static const char * const floor_tables[] = {
  "papers", "paper_authors", "paper_raw", "count_history", "daily_lists", NULL
};

/* The naive ranked query: bm25 for every match, LIMIT applied after. */
static const char naive_sql[] =
  "SELECT rowid, snippet (papers_fts, 2, '\002', '\003', '…', 24),"
  "  highlight (papers_fts, 0, '\002', '\003') "
  "FROM papers_fts WHERE papers_fts MATCH ?1 "
  "ORDER BY bm25 (papers_fts, 10.0, 4.0, 1.0, 2.0, 3.0) LIMIT ?2";

typedef struct
{
  const char *name;
  int         n_columns;
  GPtrArray  *values;  /* (element-type sqlite3_value): row after row */
} TableRows;

struct _BenchRows
{
  TableRows tables[G_N_ELEMENTS (floor_tables) - 1];
  guint     n_papers;
};

static gboolean
set_sqlite_error (sqlite3     *db,
                  GError     **error,
                  const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, "SQLite");

  return TRUE;
}

/**
 * bench_db_open:
 *
 * Returns: a plain connection with the pragmas of pb-store.c, or %NULL
 */
sqlite3 *
bench_db_open (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      !exec (db, pragmas, error))
    {
      if (error != NULL && *error == NULL)
        set_sqlite_error (db, error, path);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

void
bench_db_close (sqlite3 *db)
{
  sqlite3_close (db);
}

static gboolean
read_table (sqlite3    *db,
            TableRows  *table,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", table->name);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, "Cannot read the rows");

  table->n_columns = sqlite3_column_count (stmt);
  table->values = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite3_value_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < table->n_columns; c++)
      g_ptr_array_add (table->values, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error, "Cannot read the rows");

  return TRUE;
}

/**
 * bench_rows_read:
 *
 * Reads every row an import wrote into memory, so that the floor inserts
 * exactly the same values without parsing anything.
 */
BenchRows *
bench_rows_read (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(BenchRows) rows = g_new0 (BenchRows, 1);

  for (guint t = 0; floor_tables[t] != NULL; t++)
    {
      rows->tables[t].name = floor_tables[t];
      if (!read_table (db, &rows->tables[t], error))
        return NULL;
    }
  rows->n_papers = rows->tables[0].values->len / rows->tables[0].n_columns;

  return g_steal_pointer (&rows);
}

void
bench_rows_free (BenchRows *rows)
{
  if (rows == NULL)
    return;

  for (guint t = 0; t < G_N_ELEMENTS (rows->tables); t++)
    g_clear_pointer (&rows->tables[t].values, g_ptr_array_unref);
  g_free (rows);
}

guint
bench_rows_n_papers (BenchRows *rows)
{
  return rows->n_papers;
}

static gboolean
insert_table (sqlite3    *db,
              TableRows  *table,
              GError    **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  g_string_printf (sql, "INSERT INTO %s VALUES (?", table->name);
  for (int c = 1; c < table->n_columns; c++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, "Cannot insert the rows");

  for (guint i = 0; ok && i < table->values->len; i += table->n_columns)
    {
      for (int c = 0; c < table->n_columns; c++)
        sqlite3_bind_value (stmt, c + 1, g_ptr_array_index (table->values, i + c));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  return ok || set_sqlite_error (db, error, "Cannot insert the rows");
}

/**
 * bench_floor_import:
 * @path: a new database file
 * @seconds: (out): time from BEGIN to the end of COMMIT
 *
 * Inserts @rows table by table into the schema of migration 1 in one
 * transaction, then builds the full-text index with one 'rebuild'.
 */
gboolean
bench_floor_import (BenchRows   *rows,
                    const char  *path,
                    double      *seconds,
                    GError     **error)
{
  sqlite3 *db = bench_db_open (path, error);
  gboolean ok;
  double start;

  if (db == NULL)
    return FALSE;

  if (!exec (db, floor_schema, error))
    {
      sqlite3_close (db);
      return FALSE;
    }

  start = bench_now_ms ();
  ok = exec (db, "BEGIN IMMEDIATE", error);
  for (guint t = 0; ok && t < G_N_ELEMENTS (rows->tables); t++)
    ok = insert_table (db, &rows->tables[t], error);
  ok = ok && exec (db, "INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')", error) &&
       exec (db, "COMMIT", error);
  *seconds = (bench_now_ms () - start) / 1000.0;

  sqlite3_close (db);
  return ok;
}

/**
 * bench_naive_search:
 *
 * Runs the naive ranked query with snippets and reads every column.
 *
 * Returns: (transfer full) (element-type gint64): the rows, best first
 */
GArray *
bench_naive_search (sqlite3     *db,
                    const char  *match,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gsize text_bytes = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, naive_sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, "Cannot search"), NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pk = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (pks, pk);
      text_bytes += sqlite3_column_bytes (stmt, 1) + sqlite3_column_bytes (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error, "Cannot search"), NULL;

  g_assert (pks->len == 0 || text_bytes > 0);
  return g_steal_pointer (&pks);
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql,
             const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

gint64
bench_count_matches (sqlite3    *db,
                     const char *match)
{
  return query_int64 (db, "SELECT count (*) FROM papers_fts WHERE papers_fts MATCH ?1", match);
}

/**
 * bench_ids_of:
 * @pks: (element-type gint64)
 *
 * Returns: (transfer full) (element-type utf8): the paper ids of @pks
 */
GPtrArray *
bench_ids_of (sqlite3 *db,
              GArray  *pks)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM papers WHERE pk = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return ids;

  for (guint i = 0; i < pks->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (pks, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  return ids;
}

/**
 * bench_read_strings:
 * @sql: a query of one text column
 *
 * Returns: (transfer full) (element-type utf8): the column, row after row
 */
GPtrArray *
bench_read_strings (sqlite3    *db,
                    const char *sql)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return strings;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (strings, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return strings;
}

static guint64 *
size_bucket (BenchSizes *sizes,
             const char *name)
{
  if (strcmp (name, "papers") == 0)
    return &sizes->papers;
  if (strcmp (name, "sqlite_autoindex_papers_1") == 0 || g_str_has_prefix (name, "papers_by_"))
    return &sizes->papers_indexes;
  if (strcmp (name, "paper_raw") == 0)
    return &sizes->raw;
  if (g_str_has_prefix (name, "papers_fts_"))
    return &sizes->fts;
  return &sizes->other;
}

/**
 * bench_measure_sizes:
 *
 * Sizes by part, from the pages each table and index uses (dbstat).
 */
gboolean
bench_measure_sizes (sqlite3     *db,
                     BenchSizes  *sizes,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (sizes, 0, sizeof *sizes);
  if (sqlite3_prepare_v2 (db, "SELECT name, sum (pgsize) FROM dbstat GROUP BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, "Cannot measure the database (no dbstat?)");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 bytes = sqlite3_column_int64 (stmt, 1);

      *size_bucket (sizes, (const char *)sqlite3_column_text (stmt, 0)) += bytes;
      sizes->total += bytes;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error, "Cannot measure the database");

  sizes->text = query_int64 (db,
                             "SELECT sum (length (CAST (title AS BLOB)) + "
                             "length (CAST (authors_text AS BLOB)) + "
                             "coalesce (length (CAST (abstract AS BLOB)), 0) + "
                             "coalesce (length (CAST (ai_summary AS BLOB)), 0) + "
                             "coalesce (length (CAST (keywords_text AS BLOB)), 0)) FROM papers",
                             NULL);
  return TRUE;
}
