/* pb-store.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-store-private.h"

/**
 * PbStore:
 *
 * The paper database: one SQLite connection, the only code that speaks SQL.
 *
 * A store is used by one thread at a time; a thread that needs the database
 * concurrently opens its own store on the same file (WAL lets readers and one
 * writer work at once). Every write happens in a transaction, and the
 * full-text index is changed in the same transaction as the rows it indexes.
 */

#define PB_APPLICATION_ID 1346523225 /* "PBPY" */

G_DEFINE_QUARK (pb-store-error-quark, pb_store_error)

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = (PbStore *)object;

  if (self->depth > 0)
    {
      g_warning ("Closing %s with a transaction open; rolling back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
pb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_class_init (PbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_store_finalize;
  object_class->get_property = pb_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pb_store_init (PbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/**
 * pb_store_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/paperboy/papers.db`
 */
char *
pb_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "paperboy", "papers.db", NULL);
}

/* @what: what failed, marked with N_(): it is translated here, only when
 * something failed (the steps of a merge are many). */
gboolean
_pb_store_set_error (PbStore     *self,
                     int          rc,
                     GError     **error,
                     const char  *what)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  what = _(what);
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY,
                   /* Translators: %s says what failed, such as "Cannot save a paper" */
                   _("%s: the database is busy (another Paperboy process is writing to it)"),
                   what);
      break;
    case SQLITE_FULL:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FULL,
                   /* Translators: %s says what failed, such as "Cannot save a paper" */
                   _("%s: the disk is full"), what);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   /* Translators: what failed, the database file, then SQLite's words */
                   _("%1$s: %2$s is not a Paperboy database or is damaged (%3$s)"),
                   what, self->path, detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_OPEN,
                   /* Translators: what failed, the database file, then SQLite's words */
                   _("%1$s: cannot write %2$s (%3$s)"), what, self->path, detail);
      break;
    default:
      /* Translators: what failed, then SQLite's words */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FAILED, _("%1$s: %2$s"), what, detail);
    }

  return FALSE;
}

gboolean
_pb_store_exec (PbStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _pb_store_set_error (self, rc, error, N_("Database error"));

  return TRUE;
}

/**
 * _pb_store_prepare:
 *
 * Returns a cached statement for @sql, reset and ready to bind. Pair it with
 * `g_autoptr(sqlite3_stmt)`, which resets it again when done.
 */
sqlite3_stmt *
_pb_store_prepare (PbStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pb_store_set_error (self, rc, error, N_("Cannot prepare a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_pb_store_step_done (PbStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error,
                     const char    *what)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _pb_store_set_error (self, rc, error, what);

  return TRUE;
}

void
_pb_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_pb_store_bind_count (sqlite3_stmt *stmt,
                      int           index,
                      int           count)
{
  if (count >= 0)
    sqlite3_bind_int (stmt, index, count);
  else
    sqlite3_bind_null (stmt, index);
}

GStrv
_pb_store_split_lines (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;

  return g_strsplit (text, "\n", -1);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static int
column_count (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PB_COUNT_UNKNOWN;
  return sqlite3_column_int (stmt, column);
}

/* Reads PB_PAPER_COLUMNS starting at @first. */
PbPaper *
_pb_store_read_paper_row (sqlite3_stmt *stmt,
                          int           first)
{
  PbPaper *paper = _pb_paper_new ();
  int c = first + 1; /* skip pk */

  paper->id = dup_column_text (stmt, c++);
  paper->title = dup_column_text (stmt, c++);
  paper->authors = _pb_store_split_lines ((const char *)sqlite3_column_text (stmt, c++));
  paper->published_on = dup_column_text (stmt, c++);
  paper->listed_on = dup_column_text (stmt, c++);
  paper->upvotes = column_count (stmt, c++);
  paper->comments = column_count (stmt, c++);
  paper->github_stars = column_count (stmt, c++);
  paper->github_repo = dup_column_text (stmt, c++);
  paper->project_page = dup_column_text (stmt, c++);
  paper->ai_summary = dup_column_text (stmt, c++);
  paper->ai_keywords = _pb_store_split_lines ((const char *)sqlite3_column_text (stmt, c++));
  paper->organization = dup_column_text (stmt, c++);
  paper->thumbnail_url = dup_column_text (stmt, c++);
  paper->submitted_at = sqlite3_column_int64 (stmt, c++);
  paper->first_seen = sqlite3_column_int64 (stmt, c++);
  paper->updated_at = sqlite3_column_int64 (stmt, c++);
  paper->starred = sqlite3_column_int (stmt, c++) != 0;
  paper->read = sqlite3_column_int (stmt, c++) != 0;
  paper->hidden = sqlite3_column_int (stmt, c++) != 0;

  g_assert (c == first + PB_PAPER_N_COLUMNS);

  return paper;
}

/* Creates the file (and its folder) owner-only before SQLite does, since
 * SQLite would create it with the umask and copies the file's mode to the
 * -wal and -shm files. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_OPEN,
                   _("Cannot create the folder %1$s: %2$s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_OPEN,
                   _("Cannot create %1$s: %2$s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);

  return TRUE;
}

static int
query_int (PbStore    *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* A file that SQLite can read but that holds somebody else's tables must not
 * be migrated into ours. */
static gboolean
check_is_ours (PbStore  *self,
               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  int n_objects = -1;

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_objects = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (n_objects < 0)
    return _pb_store_set_error (self, rc, error, N_("Cannot open the database"));

  if (n_objects > 0 && query_int (self, "PRAGMA application_id") != PB_APPLICATION_ID)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Paperboy database; it was left unchanged"), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (PbStore  *self,
                      GError  **error)
{
  /* WAL: the window reads while the service writes. NORMAL is safe in WAL
   * mode against crashes of the process; only a power cut can lose the last
   * commits. */
  return _pb_store_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         "PRAGMA cache_size = -32768;"
                         "PRAGMA mmap_size = 268435456;"
                         "PRAGMA journal_size_limit = 67108864;",
                         error);
}

PbStore *
_pb_store_open_at (const char  *path,
                   int          target_version,
                   GError     **error)
{
  g_autoptr(PbStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (PB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_OPEN,
                   _("Cannot open %1$s: %2$s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_is_ours (self, error) ||
      !_pb_store_migrate (self, 0, error) || /* refuses a newer schema, writes nothing */
      !configure_connection (self, error) ||
      !_pb_store_migrate (self, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * pb_store_open:
 * @path: the database file; created owner-only, with its folder, if missing
 *
 * Opens the database and brings its schema up to date. A file that is not a
 * Paperboy database, or that a newer Paperboy wrote, is refused unchanged.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PbStore *
pb_store_open (const char  *path,
               GError     **error)
{
  return _pb_store_open_at (path, PB_STORE_SCHEMA_VERSION, error);
}

const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->path;
}

int
pb_store_get_schema_version (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), -1);
  return query_int (self, "PRAGMA user_version");
}

/* Bulk imports index row by row like any other write, but with FTS5's
 * incremental merging off: FTS5 would otherwise merge its segments again
 * and again while the import runs, which is most of the cost of indexing.
 * One full merge ("optimize") at commit leaves the same index as before, and
 * since the rows are indexed as they are written, indexing overlaps with the
 * parsing of the next files (see pb-importer.c and bench/). */
static gboolean
begin_bulk_index (PbStore  *self,
                  GError  **error)
{
  return _pb_store_exec (self,
                         "INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 0);"
                         "INSERT INTO papers_fts (papers_fts, rank) VALUES ('crisismerge', 1000);",
                         error);
}

static gboolean
end_bulk_index (PbStore  *self,
                GError  **error)
{
  if (self->fts_dirty)
    {
      g_debug ("Merging the search index after a bulk import");
      if (!_pb_store_exec (self, "INSERT INTO papers_fts (papers_fts) VALUES ('optimize')", error))
        return FALSE;
    }

  /* FTS5's defaults. */
  return _pb_store_exec (self,
                         "INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 4);"
                         "INSERT INTO papers_fts (papers_fts, rank) VALUES ('crisismerge', 16);",
                         error);
}

/**
 * pb_store_begin:
 * @bulk: for large imports: the full-text index is not merged while
 *   writing, only once at commit, which makes indexing several times
 *   cheaper. Only the outermost transaction decides.
 *
 * Opens a transaction, or a savepoint inside the open one. Each begin is
 * matched by pb_store_commit() or pb_store_rollback().
 */
gboolean
pb_store_begin (PbStore   *self,
                gboolean   bulk,
                GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!_pb_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->bulk = !!bulk;
      self->fts_dirty = FALSE;
      if (self->bulk && !begin_bulk_index (self, error))
        {
          _pb_store_exec (self, "ROLLBACK", NULL);
          self->bulk = FALSE;
          return FALSE;
        }
    }
  else
    {
      sql = g_strdup_printf ("SAVEPOINT pb_%u", self->depth);
      if (!_pb_store_exec (self, sql, error))
        return FALSE;
    }

  self->depth++;
  return TRUE;
}

gboolean
pb_store_commit (PbStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      sql = g_strdup_printf ("RELEASE pb_%u", self->depth - 1);
      if (!_pb_store_exec (self, sql, error))
        return FALSE;
      self->depth--;
      return TRUE;
    }

  if (self->bulk && !end_bulk_index (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }

  if (!_pb_store_exec (self, "COMMIT", error))
    {
      pb_store_rollback (self);
      return FALSE;
    }

  self->depth = 0;
  self->bulk = FALSE;
  return TRUE;
}

void
pb_store_rollback (PbStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (self->depth > 0)
    {
      sql = g_strdup_printf ("ROLLBACK TO pb_%u; RELEASE pb_%u", self->depth, self->depth);
      _pb_store_exec (self, sql, NULL);
      return;
    }

  /* After some errors (a full disk) SQLite has already rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    _pb_store_exec (self, "ROLLBACK", NULL);
  self->bulk = FALSE;
}

/**
 * pb_store_record_import:
 * @source: a file name, or a description such as "bundled snapshot"
 * @kind: "file" or "snapshot"
 *
 * Notes an import in the history that `paperboy-cli status` shows.
 */
gboolean
pb_store_record_import (PbStore             *self,
                        const char          *source,
                        const char          *kind,
                        guint                n_items,
                        guint                n_skipped,
                        const PbMergeStats  *stats,
                        GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && kind != NULL && stats != NULL, FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT INTO imports (source, kind, imported_at, n_items, n_new, "
                            "n_updated, n_skipped) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (stmt, 4, n_items);
  sqlite3_bind_int (stmt, 5, stats->n_new);
  sqlite3_bind_int (stmt, 6, stats->n_updated);
  sqlite3_bind_int (stmt, 7, n_skipped);

  return _pb_store_step_done (self, stmt, error, N_("Cannot record the import"));
}

gint64
pb_store_count_papers (PbStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), -1);

  stmt = _pb_store_prepare (self, "SELECT count(*) FROM papers", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _pb_store_set_error (self, sqlite3_errcode (self->db), error, N_("Cannot count papers")), -1;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * pb_store_dup_meta:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
pb_store_dup_meta (PbStore    *self,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = _pb_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return dup_column_text (stmt, 0);
}

gboolean
pb_store_set_meta (PbStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  stmt = _pb_store_prepare (self,
                            "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  _pb_store_bind_text (stmt, 2, value);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save a setting in the database"));
}

static gboolean
check_paper_exists (PbStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare (self, "SELECT 1 FROM papers WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return _pb_store_set_error (self, rc, error, N_("Cannot look up the paper"));

  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("No paper with id “%s”"), id);
  return FALSE;
}

/* The column names come from the callers below, never from outside. */
static gboolean
set_user_flag (PbStore     *self,
               const char  *id,
               const char  *flag,
               gboolean     value,
               GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_paper_exists (self, id, error))
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO user_state (paper_id, %s, %s_at) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT (paper_id) DO UPDATE "
                         "SET %s = excluded.%s, %s_at = excluded.%s_at "
                         "WHERE %s != excluded.%s",
                         flag, flag, flag, flag, flag, flag, flag, flag);
  stmt = _pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, value ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);

  return _pb_store_step_done (self, stmt, error, N_("Cannot save the paper's state"));
}

gboolean
pb_store_set_starred (PbStore     *self,
                      const char  *id,
                      gboolean     starred,
                      GError     **error)
{
  return set_user_flag (self, id, "starred", starred, error);
}

gboolean
pb_store_set_read (PbStore     *self,
                   const char  *id,
                   gboolean     read,
                   GError     **error)
{
  return set_user_flag (self, id, "read", read, error);
}

gboolean
pb_store_set_hidden (PbStore     *self,
                     const char  *id,
                     gboolean     hidden,
                     GError     **error)
{
  return set_user_flag (self, id, "hidden", hidden, error);
}

/**
 * pb_store_get_data_version:
 *
 * Returns: a number that changes whenever another connection commits to the
 *   database, so that a window can notice what the service wrote
 */
gint64
pb_store_get_data_version (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), -1);
  return query_int (self, "PRAGMA data_version");
}

/**
 * pb_store_check_integrity:
 *
 * Runs SQLite's integrity check and FTS5's own check of the index against
 * the rows.
 */
gboolean
pb_store_check_integrity (PbStore  *self,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = dup_column_text (stmt, 0);
  sqlite3_finalize (stmt);

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE,
                   _("The database is damaged: %s"), result ? result : sqlite3_errmsg (self->db));
      return FALSE;
    }

  if (!_pb_store_exec (self, "INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)",
                       error))
    {
      g_prefix_error (error, _("The search index does not match the papers: "));
      return FALSE;
    }

  return TRUE;
}
