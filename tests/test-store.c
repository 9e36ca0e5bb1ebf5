/* test-store.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pb-importer.h"
#include "pb-snapshot.h"
#include "pb-test-util.h"
#include "pb-text.h"

#define AUG17 "daily_papers_2026-08-17.json"

/* Helpers */

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_size;
}

typedef struct
{
  char    *data;
  gsize    length;
  gint64   mtime_ns;
} FileState;

static void
file_state_clear (FileState *state)
{
  g_free (state->data);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileState, file_state_clear)

static void
read_file_state (const char *path,
                 FileState  *state)
{
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_file_get_contents (path, &state->data, &state->length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  state->mtime_ns = (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                    st.st_mtim.tv_nsec;
}

/* Same bytes, same modification time, and no WAL holding changes that a
 * later checkpoint would write into it. */
static void
assert_file_unchanged (const char      *path,
                       const FileState *before)
{
  g_auto(FileState) after = { 0, };
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  read_file_state (path, &after);
  g_assert_cmpmem (after.data, after.length, before->data, before->length);
  g_assert_cmpint (after.mtime_ns, ==, before->mtime_ns);
  g_assert_cmpint (file_size (wal), <=, 0);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gboolean
has_table (PbStore    *store,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'",
                                          name);

  return pb_test_query_int (store, sql) == 1;
}

static void
assert_integrity (PbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *check = pb_test_query_text (store, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
  g_assert_true (pb_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static PbStore *
reopen (PbTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PbStore *store;

  g_clear_object (&fixture->store);
  store = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static PbPaper *
get_paper (PbStore    *store,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  PbPaper *paper = pb_store_get_paper (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (paper);

  return paper;
}

static GPtrArray *
list (PbStore    *store,
      PbScope     scope,
      const char *date,
      PbSort      sort,
      PbFilter    filter,
      guint       offset,
      guint       limit)
{
  const PbListQuery query = { scope, date, sort, filter };
  g_autoptr(GError) error = NULL;
  GPtrArray *papers = pb_store_list (store, &query, offset, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (papers);

  return papers;
}

static gint64
count (PbStore    *store,
       PbScope     scope,
       const char *date,
       PbFilter    filter)
{
  const PbListQuery query = { scope, date, PB_SORT_DEFAULT, filter };
  g_autoptr(GError) error = NULL;
  gint64 n = pb_store_count (store, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);

  return n;
}

static gboolean
contains_id (GPtrArray  *papers,
             const char *id)
{
  for (guint i = 0; i < papers->len; i++)
    if (g_str_equal (pb_paper_get_id (g_ptr_array_index (papers, i)), id))
      return TRUE;

  return FALSE;
}

static void
assert_same_ids (GPtrArray *papers,
                 GPtrArray *ids)
{
  g_assert_cmpuint (papers->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (papers, i)), ==,
                     g_ptr_array_index (ids, i));
}

static void
set_flag (gboolean  (*setter) (PbStore *, const char *, gboolean, GError **),
          PbStore    *store,
          const char *id,
          gboolean    value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (setter (store, id, value, &error));
  g_assert_no_error (error);
}

/* Every table that holds papers or what the user did with them. */
static char *
dump_all (PbStore *store)
{
  static const char * const queries[] = {
    "SELECT * FROM papers ORDER BY pk",
    "SELECT * FROM paper_authors ORDER BY paper_pk, position",
    "SELECT * FROM paper_raw ORDER BY paper_pk",
    "SELECT * FROM daily_lists ORDER BY list_date, paper_pk",
    "SELECT * FROM trending_snapshots ORDER BY id",
    "SELECT * FROM trending_entries ORDER BY snapshot_id, rank",
    "SELECT * FROM count_history ORDER BY rowid",
    "SELECT * FROM user_state ORDER BY paper_id",
    "SELECT * FROM meta ORDER BY key",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = pb_test_dump (store, queries[i]);

      g_string_append_printf (out, "%s\n%s", queries[i], rows);
    }

  return g_string_free (out, FALSE);
}

/* Writes @path's list with the first item's counts raised and the second
 * item's title changed, under the same file name in @dir. */
static char *
write_day (const char *dir,
           const char *path,
           gboolean    change)
{
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonArray *items = json_node_get_array (root);
  JsonObject *first = json_array_get_object_element (items, 0);
  JsonObject *first_paper = json_object_get_object_member (first, "paper");
  JsonObject *second_paper = json_object_get_object_member (json_array_get_object_element (items, 1),
                                                            "paper");
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *text = NULL;

  if (change)
    {
      json_object_set_int_member (first_paper, "upvotes",
                                  json_object_get_int_member (first_paper, "upvotes") + 10);
      json_object_set_int_member (first, "numComments",
                                  json_object_get_int_member (first, "numComments") + 1);
      json_object_set_string_member (second_paper, "title", "Quuxification of Everything");
    }

  text = json_to_string (root, TRUE);
  return pb_test_write_file (dir, name, text, -1);
}

/* /store/open */

static void
test_open_creates_private (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autofree char *parent = g_build_filename (fixture->dir, "new", NULL);
  g_autofree char *folder = g_build_filename (parent, "paperboy", NULL);
  g_autofree char *path = g_build_filename (folder, "papers.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  /* With no umask to help, the modes must come from the store itself. */
  old_umask = umask (0);
  store = pb_store_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpuint (file_mode (parent), ==, 0700);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpstr (pb_store_get_path (store), ==, path);

  journal_mode = pb_test_query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* SQLite gives the WAL files the database's mode. */
  old_umask = umask (0);
  pb_test_import_all (store);
  umask (old_umask);
  g_assert_cmpint (file_size (wal), >, 0);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

/* Only what the store creates is made private. */
static void
test_open_existing_folder (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  store = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fixture->dir), ==, 0755);
  g_assert_cmpuint (file_mode (fixture->db_path), ==, 0600);
}

static void
test_open_unwritable (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *blocker = pb_test_write_file (fixture->dir, "file", "x", 1);
  g_autofree char *path = g_build_filename (blocker, "papers.db", NULL);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* The "folder" is a file. */
  store = pb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_OPEN);
}

static void
test_open_newer_schema (PbTestFixture *fixture,
                        gconstpointer  data)
{
  g_auto(FileState) before = { 0, };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = g_strdup_printf ("PRAGMA user_version = %d",
                                              PB_STORE_SCHEMA_VERSION + 1);

  /* A real database with papers, as a newer Paperboy would leave it. */
  fixture->store = reopen (fixture);
  pb_test_import_all (fixture->store);
  g_clear_object (&fixture->store);
  exec_raw (fixture->db_path, version);
  read_file_state (fixture->db_path, &before);

  store = pb_store_open (fixture->db_path, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of Paperboy"));
  g_assert_nonnull (strstr (error->message, "left unchanged"));
  g_assert_nonnull (strstr (error->message, fixture->db_path));

  assert_file_unchanged (fixture->db_path, &before);
}

static void
test_open_foreign_sqlite (PbTestFixture *fixture,
                          gconstpointer  data)
{
  g_auto(FileState) before = { 0, };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  exec_raw (fixture->db_path,
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
            "INSERT INTO notes (text) VALUES ('somebody else''s data');");
  read_file_state (fixture->db_path, &before);

  store = pb_store_open (fixture->db_path, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Paperboy database"));

  assert_file_unchanged (fixture->db_path, &before);
}

static void
test_open_not_sqlite (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(FileState) before = { 0, };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "These are my notes, not a database.\n");
  path = pb_test_write_file (fixture->dir, "notes.db", text->str, text->len);
  read_file_state (path, &before);

  store = pb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_DATABASE);

  assert_file_unchanged (path, &before);
}

/* An empty file is what a crash between create and first write leaves. */
static void
test_open_empty_file (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = pb_test_write_file (fixture->dir, "papers.db", "", 0);

  fixture->store = reopen (fixture);
  g_assert_cmpstr (path, ==, fixture->db_path);
  g_assert_cmpint (pb_store_get_schema_version (fixture->store), ==, PB_STORE_SCHEMA_VERSION);
}

/* Two connections on one file, as the window and the service have. */
static void
test_open_two_connections (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(PbStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  other = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  version = pb_store_get_data_version (other);

  pb_test_import_all (fixture->store);

  g_assert_cmpint (pb_store_get_data_version (other), !=, version);
  g_assert_cmpint (pb_store_count_papers (other, NULL), ==,
                   pb_store_count_papers (fixture->store, NULL));
}

/* /store/migrate */

/* The tables every current database has. */
static const char * const current_tables[] = {
  "papers", "paper_authors", "paper_raw", "daily_lists", "trending_snapshots",
  "trending_entries", "count_history", "user_state", "meta", "papers_fts", "imports",
  "sync_runs", "http_cache", "fetched_days",
  "digests", "digest_papers", "digest_recipients", "digest_attempts",
};

static void
test_migrate_from_empty (PbTestFixture *fixture,
                         gconstpointer  data)
{
  g_assert_cmpint (pb_store_get_schema_version (fixture->store), ==, PB_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (current_tables); i++)
    g_assert_true (has_table (fixture->store, current_tables[i]));
  g_assert_cmpint (pb_test_query_int (fixture->store, "PRAGMA application_id"), ==, 1346523225);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 0);
  assert_integrity (fixture->store);

  /* Opening again migrates nothing and loses nothing. */
  pb_test_import_all (fixture->store);
  fixture->store = reopen (fixture);
  g_assert_cmpint (pb_store_get_schema_version (fixture->store), ==, PB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 350);
}

static void
test_migrate_from_v1 (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PbParseResult) parsed = NULL;
  g_autoptr(PbStore) v1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *papers_before = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *papers_after = NULL;
  g_autofree char *state_after = NULL;
  g_autoptr(GPtrArray) starred = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(PbPaper) raw = NULL;
  PbMergeStats stats = { 0, };
  const char *star_1, *star_2, *read_1;

  /* A version-1 database, as Paperboy 1 left it. */
  v1 = _pb_store_open_at (fixture->db_path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_schema_version (v1), ==, 1);
  g_assert_true (has_table (v1, "papers"));
  g_assert_false (has_table (v1, "imports"));

  /* Papers through the merge code of the time (there was no import
   * history yet, so not pb_import_files()) ... */
  g_assert_true (g_file_get_contents (aug17, &contents, NULL, NULL));
  parsed = pb_parser_parse (contents, strlen (contents), &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_begin (v1, FALSE, &error));
  g_assert_true (pb_store_merge (v1, parsed->papers, PB_LIST_DAILY, "2026-08-17", &stats, &error));
  g_assert_true (pb_store_commit (v1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 23);

  /* ... and one written with plain SQL against the version-1 tables. */
  pb_test_exec (v1,
                "INSERT INTO papers (id, title, authors_text, abstract, published_on, upvotes, "
                "  first_seen, updated_at, raw_hash) "
                "VALUES ('2401.99999', 'Zymurgy for Transformers', 'Ada Lovelace', "
                "  'Brewing as attention.', '2024-01-31', 7, 1700000000, 1700000000, 0);"
                "INSERT INTO papers_fts (rowid, title, authors_text, abstract) "
                "  SELECT pk, title, authors_text, abstract FROM papers WHERE id = '2401.99999';"
                "INSERT INTO paper_authors (paper_pk, position, name) "
                "  SELECT pk, 0, 'Ada Lovelace' FROM papers WHERE id = '2401.99999';"
                "INSERT INTO paper_raw (paper_pk, json) "
                "  SELECT pk, '{\"id\":\"2401.99999\"}' FROM papers WHERE id = '2401.99999';"
                "INSERT INTO user_state (paper_id, starred, starred_at) "
                "  VALUES ('2401.99999', 1, 1700000001);");

  star_1 = pb_paper_get_id (g_ptr_array_index (parsed->papers, 0));
  star_2 = pb_paper_get_id (g_ptr_array_index (parsed->papers, 5));
  read_1 = pb_paper_get_id (g_ptr_array_index (parsed->papers, 7));
  set_flag (pb_store_set_starred, v1, star_1, TRUE);
  set_flag (pb_store_set_starred, v1, star_2, TRUE);
  set_flag (pb_store_set_read, v1, read_1, TRUE);

  papers_before = pb_test_dump (v1, "SELECT * FROM papers ORDER BY pk");
  state_before = pb_test_dump (v1, "SELECT * FROM user_state ORDER BY paper_id");
  g_clear_object (&v1);

  /* The current version upgrades it in place. */
  fixture->store = reopen (fixture);
  g_assert_cmpint (pb_store_get_schema_version (fixture->store), ==, PB_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (current_tables); i++)
    g_assert_true (has_table (fixture->store, current_tables[i]));
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM imports"), ==, 0);

  papers_after = pb_test_dump (fixture->store, "SELECT * FROM papers ORDER BY pk");
  state_after = pb_test_dump (fixture->store, "SELECT * FROM user_state ORDER BY paper_id");
  g_assert_cmpstr (papers_after, ==, papers_before);
  g_assert_cmpstr (state_after, ==, state_before);
  assert_integrity (fixture->store);

  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 24);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_FILTER_NONE), ==, 23);
  starred = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT, PB_FILTER_STARRED, 0, 100);
  g_assert_cmpuint (starred->len, ==, 3);
  g_assert_true (contains_id (starred, star_1));
  g_assert_true (contains_id (starred, star_2));
  g_assert_true (contains_id (starred, "2401.99999"));
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_UNREAD), ==, 23);

  raw = get_paper (fixture->store, "2401.99999");
  g_assert_cmpstr (pb_paper_get_title (raw), ==, "Zymurgy for Transformers");
  g_assert_true (pb_paper_get_starred (raw));
  found = pb_store_search (fixture->store, "zymurgy", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* And the new table works. */
  report = pb_test_import_one (fixture->store, aug17);
  g_assert_cmpuint (report->stats.n_unchanged, ==, 23);
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM imports"), ==, 1);
}

/* A store opened at version 1 by an older build stays openable by it
 * until the new one opens it, and the new one can then open it again. */
static void
test_migrate_step_by_step (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (int target = 1; target <= PB_STORE_SCHEMA_VERSION; target++)
    {
      g_autoptr(PbStore) store = _pb_store_open_at (fixture->db_path, target, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pb_store_get_schema_version (store), ==, target);
    }

  /* Asking for less than there is downgrades nothing. */
  {
    g_autoptr(PbStore) store = _pb_store_open_at (fixture->db_path, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pb_store_get_schema_version (store), ==, PB_STORE_SCHEMA_VERSION);
  }
}

/* /store/import */

static void
test_import_fixtures (PbTestFixture *fixture,
                      gconstpointer  data)
{
  g_auto(GStrv) paths = pb_test_all_fixtures ();
  g_autoptr(GHashTable) all_ids = pb_test_id_set ((const char * const *)paths);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(PbImportReport) report = pb_test_import_one (fixture->store, paths[i]);
      g_autoptr(GPtrArray) ids = pb_test_read_ids (paths[i]);
      g_autofree char *name = g_path_get_basename (paths[i]);
      PbImportFile *file = g_ptr_array_index (report->files, 0);
      PbListKind kind;
      g_autofree char *date = NULL;
      guint n_new = 0;

      g_test_message ("%s", name);
      g_assert_no_error (file->error);
      g_assert_cmpuint (report->n_failed, ==, 0);
      g_assert_cmpuint (file->n_items, ==, ids->len);
      g_assert_cmpuint (file->n_skipped, ==, 0);
      for (guint j = 0; j < ids->len; j++)
        if (g_hash_table_add (seen, g_strdup (g_ptr_array_index (ids, j))))
          n_new++;
      g_assert_cmpuint (file->stats.n_new, ==, n_new);
      g_assert_cmpuint (file->stats.n_new + file->stats.n_updated + file->stats.n_unchanged, ==,
                        ids->len);

      /* The list the file name names. */
      pb_import_guess_list (paths[i], &kind, &date);
      g_assert_cmpint (file->kind, ==, kind);
      if (kind == PB_LIST_DAILY)
        {
          g_autoptr(GPtrArray) day = list (fixture->store, PB_SCOPE_DAY, date, PB_SORT_RANK,
                                           PB_FILTER_NONE, 0, 1000);

          assert_same_ids (day, ids);
          for (guint j = 0; j < day->len; j++)
            {
              PbPaper *paper = g_ptr_array_index (day, j);

              g_assert_cmpint (pb_paper_get_rank (paper), ==, (int)j + 1);
              g_assert_cmpstr (pb_paper_get_listed_on (paper), ==, date);
            }
        }
      else if (kind == PB_LIST_TRENDING)
        {
          g_autoptr(GPtrArray) trending = list (fixture->store, PB_SCOPE_TRENDING, NULL,
                                                PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 1000);

          assert_same_ids (trending, ids);
        }

      /* Every paper of the file is there with its title. */
      for (guint j = 0; j < ids->len; j++)
        {
          g_autoptr(PbPaper) paper = get_paper (fixture->store, g_ptr_array_index (ids, j));

          g_assert_nonnull (pb_paper_get_title (paper));
          g_assert_nonnull (pb_paper_get_raw_json (paper));
        }

      /* The import is on record. */
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM imports WHERE source = '%s' "
                                                "AND kind = 'file' AND n_items = %u AND n_new = %u",
                                                name, ids->len, n_new);

        g_assert_cmpint (pb_test_query_int (fixture->store, sql), ==, 1);
      }
    }

  g_assert_cmpuint (g_hash_table_size (all_ids), ==, 350);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, g_hash_table_size (all_ids));
  assert_integrity (fixture->store);
}

/* The seed page has ids and text only. */
static void
test_import_seed (PbTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonObject *first = json_array_get_object_element (json_node_get_array (root), 0);
  g_autoptr(PbImportReport) report = pb_test_import_one (fixture->store, path);
  g_autoptr(PbPaper) paper = get_paper (fixture->store, "seed-001");
  g_autoptr(PbPaper) last = get_paper (fixture->store, "seed-193");
  PbImportFile *file = g_ptr_array_index (report->files, 0);

  g_assert_no_error (file->error);
  g_assert_cmpint (file->kind, ==, PB_LIST_NONE);
  g_assert_cmpuint (file->stats.n_new, ==, 193);
  g_assert_cmpuint (file->n_warnings, ==, 0);

  g_assert_cmpstr (pb_paper_get_title (paper), ==, json_object_get_string_member (first, "title"));
  g_assert_cmpstr (pb_paper_get_abstract (paper), ==,
                   json_object_get_string_member (first, "summary"));
  g_assert_null (pb_paper_get_authors (paper)[0]);
  g_assert_null (pb_paper_get_published_on (paper));
  g_assert_null (pb_paper_get_listed_on (paper));
  g_assert_cmpint (pb_paper_get_upvotes (paper), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_comments (paper), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_github_stars (paper), ==, PB_COUNT_UNKNOWN);
  g_assert_null (pb_paper_dup_arxiv_url (paper));
  g_assert_nonnull (last);

  /* Not in any daily list, but in the list of all papers. */
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, NULL, PB_FILTER_NONE), ==, 0);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_NONE), ==, 193);
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history"), ==, 0);
  assert_integrity (fixture->store);
}

/* Titles and abstracts lose arXiv's hard line breaks; the raw item keeps
 * them. */
static void
test_import_squashes_text (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("hf", "daily_papers_2024-05-27.json", NULL);
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  JsonArray *items = json_node_get_array (root);
  g_autoptr(PbImportReport) report = pb_test_import_one (fixture->store, path);
  guint n_wrapped = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *fields = json_object_get_object_member (json_array_get_object_element (items, i),
                                                          "paper");
      const char *raw_title = json_object_get_string_member (fields, "title");
      g_autofree char *expected = pb_test_squash_ascii (raw_title);
      g_autoptr(PbPaper) paper = get_paper (fixture->store,
                                            json_object_get_string_member (fields, "id"));

      if (strchr (raw_title, '\n') == NULL)
        continue;
      n_wrapped++;

      g_assert_cmpstr (pb_paper_get_title (paper), ==, expected);
      g_assert_null (strchr (pb_paper_get_title (paper), '\n'));
      g_assert_null (strstr (pb_paper_get_title (paper), "  "));
      g_assert_nonnull (strstr (pb_paper_get_raw_json (paper), "\\n"));

      /* Abstracts: no line break but between paragraphs. */
      for (const char *p = pb_paper_get_abstract (paper); *p; p++)
        if (*p == '\n')
          {
            g_assert_true (p[1] == '\n' || p[-1] == '\n');
            g_assert_true (p[1] != ' ' && p[-1] != ' ');
          }
    }

  g_assert_cmpuint (n_wrapped, >=, 5);
}

/* Every field but id and title may be missing, in any combination. */
static void
test_import_optional_fields (PbTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(PbPaper) bare = NULL;
  g_autoptr(PbPaper) item = NULL;
  PbMergeStats stats = { 0, };

  pb_test_merge_json (fixture->store,
                      "[{\"id\": \"2401.00001\", \"title\": \"Only a title\"},"
                      " {\"paper\": {\"id\": \"2401.00002\", \"title\": \"An item\"}}]",
                      PB_LIST_DAILY, "2024-01-15", &stats);
  g_assert_cmpuint (stats.n_new, ==, 2);

  bare = get_paper (fixture->store, "2401.00001");
  g_assert_cmpstr (pb_paper_get_title (bare), ==, "Only a title");
  g_assert_null (pb_paper_get_abstract (bare));
  g_assert_null (pb_paper_get_authors (bare)[0]);
  g_assert_null (pb_paper_get_published_on (bare));
  g_assert_cmpstr (pb_paper_get_listed_on (bare), ==, "2024-01-15");
  g_assert_cmpint (pb_paper_get_upvotes (bare), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_comments (bare), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_github_stars (bare), ==, PB_COUNT_UNKNOWN);
  g_assert_null (pb_paper_get_github_repo (bare));
  g_assert_null (pb_paper_get_ai_summary (bare));
  g_assert_null (pb_paper_get_ai_keywords (bare)[0]);
  g_assert_null (pb_paper_get_organization (bare));
  g_assert_cmpint (pb_paper_get_submitted_at (bare), ==, 0);
  g_assert_true (pb_paper_is_arxiv (bare));

  item = get_paper (fixture->store, "2401.00002");
  g_assert_cmpstr (pb_paper_get_title (item), ==, "An item");

  /* Unknown counts sort last, and nothing is written to the history. */
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history"), ==, 0);
  assert_integrity (fixture->store);
}

/* Importing the same files again changes nothing at all. */
static void
test_import_idempotent (PbTestFixture *fixture,
                        gconstpointer  data)
{
  g_auto(GStrv) paths = pb_test_all_fixtures ();
  g_autoptr(PbImportReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 history, imports;

  /* Old timestamps, so that any rewrite of a row would show. */
  pb_test_exec (fixture->store, "UPDATE papers SET updated_at = 1, first_seen = 2");
  set_flag (pb_store_set_starred, fixture->store, "2608.09888", TRUE);
  before = dump_all (fixture->store);
  history = pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history");
  imports = pb_test_query_int (fixture->store, "SELECT count(*) FROM imports");
  g_assert_cmpint (history, >, 0);

  report = pb_test_import (fixture->store, (const char * const *)paths);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (report->n_items, ==, 350);
  g_assert_cmpuint (report->stats.n_new, ==, 0);
  g_assert_cmpuint (report->stats.n_updated, ==, 0);
  g_assert_cmpuint (report->stats.n_unchanged, ==, 350);
  g_assert_cmpuint (report->stats.n_listed, ==, 0);

  after = dump_all (fixture->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history"), ==,
                   history);
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT max(updated_at) FROM papers"), ==, 1);
  /* Only the history of imports grows. */
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM imports"), ==,
                   imports + g_strv_length (paths));
  assert_integrity (fixture->store);
}

/* Newer counts update the row and the history; a changed title the index. */
static void
test_import_newer_counts (PbTestFixture *fixture,
                          gconstpointer  data)
{
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autofree char *changed = NULL;
  g_autofree char *same_dir = g_build_filename (fixture->dir, "same", NULL);
  g_autofree char *same = NULL;
  g_autoptr(GPtrArray) ids = pb_test_read_ids (aug17);
  const char *first = g_ptr_array_index (ids, 0);
  const char *second = g_ptr_array_index (ids, 1);
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(PbPaper) before = NULL;
  g_autoptr(PbPaper) after = NULL;
  g_autoptr(PbPaper) retitled = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *history_sql = NULL;
  g_autofree char *latest_sql = NULL;
  gint64 history;

  /* Items are kept byte for byte, so the day is imported as written by the
   * same serializer as the changed day: only the two changed items differ. */
  g_assert_cmpint (g_mkdir (same_dir, 0700), ==, 0);
  same = write_day (same_dir, aug17, FALSE);
  report = pb_test_import_one (fixture->store, same);
  g_clear_pointer (&report, pb_import_report_free);
  pb_test_exec (fixture->store, "UPDATE papers SET updated_at = 1");
  before = get_paper (fixture->store, first);
  history = pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history");
  history_sql = g_strdup_printf ("SELECT count(*) FROM count_history h JOIN papers p "
                                 "ON p.pk = h.paper_pk WHERE p.id = '%s'", first);
  latest_sql = g_strdup_printf ("SELECT h.upvotes FROM count_history h JOIN papers p "
                                "ON p.pk = h.paper_pk WHERE p.id = '%s' "
                                "ORDER BY h.rowid DESC LIMIT 1", first);
  g_assert_cmpint (pb_test_query_int (fixture->store, history_sql), ==, 1);

  changed = write_day (fixture->dir, aug17, TRUE);
  report = pb_test_import_one (fixture->store, changed);
  g_assert_cmpuint (report->stats.n_new, ==, 0);
  g_assert_cmpuint (report->stats.n_updated, ==, 2);
  g_assert_cmpuint (report->stats.n_unchanged, ==, 21);

  after = get_paper (fixture->store, first);
  g_assert_cmpint (pb_paper_get_upvotes (after), ==, pb_paper_get_upvotes (before) + 10);
  g_assert_cmpint (pb_paper_get_comments (after), ==, pb_paper_get_comments (before) + 1);
  g_assert_cmpint (pb_paper_get_updated_at (after), >, 1);
  g_assert_cmpint (pb_paper_get_first_seen (after), ==, pb_paper_get_first_seen (before));
  g_assert_cmpint (pb_test_query_int (fixture->store, history_sql), ==, 2);
  g_assert_cmpint (pb_test_query_int (fixture->store, latest_sql), ==,
                   pb_paper_get_upvotes (before) + 10);
  /* The retitled paper's counts did not change: no history row for it. */
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM count_history"), ==,
                   history + 1);
  /* Papers that did not change kept their row untouched. */
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT count(*) FROM papers WHERE updated_at = 1"), ==, 21);

  retitled = get_paper (fixture->store, second);
  g_assert_cmpstr (pb_paper_get_title (retitled), ==, "Quuxification of Everything");
  found = pb_store_search (fixture->store, "quuxification", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (pb_paper_get_id (g_ptr_array_index (found, 0)), ==, second);
  assert_integrity (fixture->store);
}

/* A shorter shape of a known paper (the bare paper object has no comment
 * count) keeps what it does not say. */
static void
test_import_partial_update (PbTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(PbPaper) before = NULL;
  g_autoptr(PbPaper) after = NULL;
  PbMergeStats stats = { 0, };

  pb_test_merge_json (fixture->store,
                      "[{\"paper\": {\"id\": \"2401.00001\", \"title\": \"T\", \"summary\": \"About "
                      "gluons.\", \"upvotes\": 3, \"githubRepo\": \"https://github.com/a/b\", "
                      "\"authors\": [{\"name\": \"A B\"}]}, \"numComments\": 4}]",
                      PB_LIST_DAILY, "2024-01-15", NULL);
  before = get_paper (fixture->store, "2401.00001");

  pb_test_merge_json (fixture->store, "{\"id\": \"2401.00001\", \"title\": \"T\", \"upvotes\": 9}",
                      PB_LIST_NONE, NULL, &stats);
  g_assert_cmpuint (stats.n_updated, ==, 1);

  after = get_paper (fixture->store, "2401.00001");
  g_assert_cmpint (pb_paper_get_upvotes (after), ==, 9);
  g_assert_cmpint (pb_paper_get_comments (after), ==, 4);
  g_assert_cmpstr (pb_paper_get_abstract (after), ==, "About gluons.");
  g_assert_cmpstr (pb_paper_get_github_repo (after), ==, "https://github.com/a/b");
  g_assert_cmpstr (pb_paper_get_authors (after)[0], ==, "A B");
  g_assert_cmpstr (pb_paper_get_listed_on (after), ==, "2024-01-15");
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2024-01-15", PB_FILTER_NONE), ==, 1);
  assert_integrity (fixture->store);
}

/* Stars, read marks and hiding belong to the user: no import touches them. */
static void
test_import_keeps_user_state (PbTestFixture *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) paths = pb_test_all_fixtures ();
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autoptr(GPtrArray) ids = pb_test_read_ids (aug17);
  g_autofree char *changed = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *state_after = NULL;
  g_autoptr(PbImportReport) again = NULL;
  g_autoptr(PbImportReport) update = NULL;
  g_autoptr(PbPaper) first = NULL;
  g_autoptr(PbPaper) second = NULL;
  g_autoptr(PbPaper) hidden = NULL;

  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 0), TRUE);
  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 1), TRUE);
  set_flag (pb_store_set_starred, fixture->store, "seed-042", TRUE);
  set_flag (pb_store_set_read, fixture->store, g_ptr_array_index (ids, 0), TRUE);
  set_flag (pb_store_set_read, fixture->store, "2608.09888", TRUE);
  set_flag (pb_store_set_hidden, fixture->store, g_ptr_array_index (ids, 2), TRUE);
  /* Starred and unstarred again: a row with starred = 0 must stay so. */
  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 3), TRUE);
  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 3), FALSE);
  state_before = pb_test_dump (fixture->store, "SELECT * FROM user_state ORDER BY paper_id");

  again = pb_test_import (fixture->store, (const char * const *)paths);
  /* Written by another serializer, every item of the day differs in its
   * bytes (two also in content): all 23 are updated, the stars stay. */
  changed = write_day (fixture->dir, aug17, TRUE);
  update = pb_test_import_one (fixture->store, changed);
  g_assert_cmpuint (update->stats.n_new, ==, 0);
  g_assert_cmpuint (update->stats.n_updated, ==, 23);

  state_after = pb_test_dump (fixture->store, "SELECT * FROM user_state ORDER BY paper_id");
  g_assert_cmpstr (state_after, ==, state_before);

  first = get_paper (fixture->store, g_ptr_array_index (ids, 0));
  second = get_paper (fixture->store, g_ptr_array_index (ids, 1));
  hidden = get_paper (fixture->store, g_ptr_array_index (ids, 2));
  g_assert_true (pb_paper_get_starred (first));
  g_assert_true (pb_paper_get_read (first));
  g_assert_true (pb_paper_get_starred (second));
  g_assert_true (pb_paper_get_hidden (hidden));
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_STARRED), ==, 3);
}

/* A NUL byte in the middle of a document. */
#define NUL_JSON "[{\"id\": \"2401.00001\", \"title\": \"T\0\"}]"

typedef struct
{
  const char *name;
  const char *contents;
  gssize      length;
  int         code;
  const char *position;
} BadFile;

/* A file that is not JSON, not UTF-8 or not papers changes nothing; the
 * error says where the problem is. The other files of the import are kept. */
static void
test_import_bad_file (PbTestFixture *fixture,
                      gconstpointer  data)
{
  static const BadFile bad[] = {
    { "latin1.json", "[{\"id\": \"2401.00001\",\n \"title\": \"Caf\xe9\"}]", -1,
      PB_PARSER_ERROR_ENCODING, "line 2, column 15" },
    { "broken.json", "[{\"id\": \"2401.00001\", \"title\": \"T\"},\n {\"id\": \"2401.00002\",,}]", -1,
      PB_PARSER_ERROR_SYNTAX, "line 2" },
    { "nul.json", NUL_JSON, sizeof NUL_JSON - 1, PB_PARSER_ERROR_ENCODING, "line 1, column 34" },
    { "error.json", "{\"error\": \"Invalid date\"}", -1, PB_PARSER_ERROR_API, "Invalid date" },
    { "html.html", "<!DOCTYPE html>\n<html>Rate limited</html>", -1, PB_PARSER_ERROR_SYNTAX,
      "line 1, column 1" },
  };
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autofree char *seed = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(PbImportReport) mixed = NULL;
  g_autoptr(PbStore) observer = NULL;
  g_autoptr(GError) error = NULL;
  const char *mixed_paths[4] = { NULL, };
  gint64 data_version;

  report = pb_test_import_one (fixture->store, aug17);
  g_clear_pointer (&report, pb_import_report_free);
  before = dump_all (fixture->store);
  observer = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  data_version = pb_store_get_data_version (observer);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_ptr_array_add (paths, pb_test_write_file (fixture->dir, bad[i].name, bad[i].contents,
                                                bad[i].length));
  g_ptr_array_add (paths, g_build_filename (fixture->dir, "missing.json", NULL));
  g_ptr_array_add (paths, NULL);

  report = pb_test_import (fixture->store, (const char * const *)paths->pdata);
  g_assert_cmpuint (report->n_failed, ==, G_N_ELEMENTS (bad) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PbImportFile *file = g_ptr_array_index (report->files, i);

      g_test_message ("%s: %s", bad[i].name, file->error ? file->error->message : "no error");
      g_assert_error (file->error, PB_PARSER_ERROR, bad[i].code);
      g_assert_nonnull (strstr (file->error->message, bad[i].position));
      g_assert_cmpuint (file->stats.n_new + file->stats.n_updated, ==, 0);
    }
  g_assert_error (((PbImportFile *)g_ptr_array_index (report->files, G_N_ELEMENTS (bad)))->error,
                  G_FILE_ERROR, G_FILE_ERROR_NOENT);

  /* Not a byte written: no other connection sees a commit. */
  after = dump_all (fixture->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pb_store_get_data_version (observer), ==, data_version);

  /* Good files around a bad one still go in. */
  mixed_paths[0] = seed;
  mixed_paths[1] = g_ptr_array_index (paths, 0);
  mixed_paths[2] = aug17;
  mixed = pb_test_import (fixture->store, mixed_paths);
  g_assert_cmpuint (mixed->n_failed, ==, 1);
  g_assert_null (((PbImportFile *)g_ptr_array_index (mixed->files, 0))->error);
  g_assert_nonnull (((PbImportFile *)g_ptr_array_index (mixed->files, 1))->error);
  g_assert_cmpuint (mixed->stats.n_new, ==, 193);
  g_assert_cmpuint (mixed->stats.n_unchanged, ==, 23);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 23 + 193);
  assert_integrity (fixture->store);
}

typedef struct
{
  const char *name;
  int         code;       /* -1: imported */
  guint       n_papers;   /* papers it adds */
  guint       n_skipped;
} HostileFile;

static const HostileFile hostile_files[] = {
  { "wrong-types.json", -1, 2, 12 },
  { "duplicates.json", -1, 3, 3 },
  { "markup.json", -1, 2, 0 },
  { "escapes.json", -1, 2, 2 },
  { "counts.json", -1, 4, 0 },
  { "latin1.json", PB_PARSER_ERROR_ENCODING, 0, 0 },
  { "truncated.json", PB_PARSER_ERROR_SYNTAX, 0, 0 },
  { "error-object.json", PB_PARSER_ERROR_API, 0, 0 },
  { "empty.json", PB_PARSER_ERROR_SYNTAX, 0, 0 },
  { "not-papers.json", PB_PARSER_ERROR_SHAPE, 0, 0 },
  { "nested.json", PB_PARSER_ERROR_TOO_DEEP, 0, 0 },
};

static void
test_import_hostile_files (PbTestFixture *fixture,
                           gconstpointer  data)
{
  g_autofree char *dir = pb_test_data_path ("hostile", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(PbPaper) markup = NULL;
  g_autoptr(PbPaper) escapes = NULL;
  g_autoptr(PbPaper) counts = NULL;
  g_autoptr(PbPaper) fine = NULL;
  g_autoptr(PbPaper) duplicate = NULL;
  guint n_files = 0;
  const char *name;
  gint64 total = 0;

  /* Every file in the folder has an expected outcome here. */
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      gboolean known = FALSE;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
        known |= g_str_equal (hostile_files[i].name, name);
      if (!known)
        g_error ("tests/data/hostile/%s has no expected outcome in test-store.c", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (hostile_files));

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      const HostileFile *expected = &hostile_files[i];
      g_autofree char *path = g_build_filename (dir, expected->name, NULL);
      g_autoptr(PbImportReport) report = pb_test_import_one (fixture->store, path);
      PbImportFile *file = g_ptr_array_index (report->files, 0);

      g_test_message ("%s", expected->name);
      if (expected->code >= 0)
        {
          g_assert_error (file->error, PB_PARSER_ERROR, expected->code);
          g_assert_cmpuint (report->n_failed, ==, 1);
        }
      else
        {
          g_assert_no_error (file->error);
          g_assert_cmpuint (file->stats.n_new, ==, expected->n_papers);
          g_assert_cmpuint (file->n_skipped, ==, expected->n_skipped);
          g_assert_cmpuint (file->n_warnings, >=, file->n_skipped);
        }
      total += expected->n_papers;
      g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, total);
      assert_integrity (fixture->store);
    }

  markup = get_paper (fixture->store, "2401.00021");
  g_assert_cmpstr (pb_paper_get_title (markup), ==,
                   "<b>Bold</b> & <script>alert('x')</script> AT&T &amp; a < b > c");
  g_assert_cmpstr (pb_paper_get_authors (markup)[0], ==, "<img src=x onerror=alert(1)>");

  escapes = get_paper (fixture->store, "2401.00031");
  g_assert_cmpstr (pb_paper_get_title (escapes), ==, "Wrapped title with controls and RLO");
  g_assert_true (g_str_has_prefix (pb_paper_get_abstract (escapes),
                                   "First paragraph still first.\n\nSecond line"));

  counts = get_paper (fixture->store, "2401.00042");
  g_assert_cmpint (pb_paper_get_upvotes (counts), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_comments (counts), ==, PB_COUNT_UNKNOWN);
  g_assert_cmpint (pb_paper_get_github_stars (counts), ==, PB_COUNT_UNKNOWN);
  fine = get_paper (fixture->store, "2401.00044");
  g_assert_cmpint (pb_paper_get_upvotes (fine), ==, 1000000000);
  g_assert_cmpint (pb_paper_get_github_stars (fine), ==, 0);
  g_assert_cmpint (pb_paper_get_comments (fine), ==, 3);

  duplicate = get_paper (fixture->store, "2401.00011");
  g_assert_cmpstr (pb_paper_get_title (duplicate), ==, "First copy");
}

/* What a file generated to be nasty does to the whole pipeline. */
static void
test_import_hostile_generated (PbTestFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *nested_path = NULL;
  g_autoptr(PbImportReport) report = NULL;
  g_autoptr(PbImportReport) deep = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  PbImportFile *file;

  /* A 2 MB abstract, then 50 KB ones, then plenty of duplicates. */
  g_string_append (json, "{\"id\": \"2401.00001\", \"title\": \"Huge\", \"summary\": \"");
  for (guint i = 0; i < 2 * 1024 * 1024 / 8; i++)
    g_string_append (json, "neurons ");
  g_string_append (json, "\"}");
  for (guint i = 0; i < 20; i++)
    {
      g_string_append_printf (json, ",{\"id\": \"2401.1%04u\", \"title\": \"Large %u\", "
                              "\"summary\": \"", i, i);
      for (guint j = 0; j < 5000; j++)
        g_string_append (json, "glial cells ");
      g_string_append (json, "\"}");
    }
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (json, ",{\"id\": \"2401.2%04u\", \"title\": \"Copy %u\"}", i % 10, i);
  g_string_append (json, "]");
  path = pb_test_write_file (fixture->dir, "hostile.json", json->str, json->len);

  report = pb_test_import_one (fixture->store, path);
  file = g_ptr_array_index (report->files, 0);
  g_assert_no_error (file->error);
  g_assert_cmpuint (file->n_items, ==, 1021);
  g_assert_cmpuint (file->stats.n_new, ==, 30);
  g_assert_cmpuint (file->n_skipped, ==, 1 + 990);
  g_assert_nonnull (file->warnings);
  g_assert_cmpuint (file->warnings->len, <=, PB_PARSER_MAX_WARNINGS);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 30);

  found = pb_store_search (fixture->store, "glial", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 20);
  assert_integrity (fixture->store);

  /* 100,000 levels of nesting: refused, not a stack overflow. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  nested_path = pb_test_write_file (fixture->dir, "nested.json", nested->str, nested->len);
  deep = pb_test_import_one (fixture->store, nested_path);
  g_assert_error (((PbImportFile *)g_ptr_array_index (deep->files, 0))->error,
                  PB_PARSER_ERROR, PB_PARSER_ERROR_TOO_DEEP);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 30);
}

/* The bulk path: rows indexed as they are written, with FTS5's incremental
 * merging off during the transaction and one full merge at commit. */
static void
test_import_bulk (PbTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *seed = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PbParseResult) parsed = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  PbMergeStats stats = { 0, };

  g_assert_true (g_file_get_contents (seed, &contents, NULL, NULL));
  parsed = pb_parser_parse (contents, strlen (contents), &error);
  g_assert_no_error (error);

  g_assert_true (pb_store_begin (fixture->store, TRUE, &error));
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT v FROM papers_fts_config WHERE k = 'automerge'"),
                   ==, 0);
  g_assert_true (pb_store_merge (fixture->store, parsed->papers, PB_LIST_NONE, NULL, &stats,
                                 &error));
  g_assert_no_error (error);
  /* Indexed inside the transaction already... */
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'neuron'"),
                   >, 30);
  g_assert_true (pb_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* ... and merged at commit, with FTS5's default merging back on. */
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT v FROM papers_fts_config WHERE k = 'automerge'"),
                   ==, 4);
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT v FROM papers_fts_config WHERE k = 'crisismerge'"),
                   ==, 16);
  found = pb_store_search (fixture->store, "neurons", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 30);
  assert_integrity (fixture->store);
}

static void
test_transaction_rollback (PbTestFixture *fixture,
                           gconstpointer  data)
{
  static const char one_json[] = "{\"id\": \"2401.00001\", \"title\": \"One\"}";
  static const char two_json[] = "{\"id\": \"2401.00002\", \"title\": \"Two\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbParseResult) one = pb_parser_parse (one_json, strlen (one_json), &error);
  g_autoptr(PbParseResult) two = pb_parser_parse (two_json, strlen (two_json), &error);
  PbMergeStats stats = { 0, };

  g_assert_no_error (error);

  /* An inner rollback keeps the outer work. */
  g_assert_true (pb_store_begin (fixture->store, FALSE, &error));
  g_assert_true (pb_store_merge (fixture->store, one->papers, PB_LIST_NONE, NULL, &stats, &error));
  g_assert_true (pb_store_begin (fixture->store, FALSE, &error));
  g_assert_true (pb_store_merge (fixture->store, two->papers, PB_LIST_NONE, NULL, &stats, &error));
  pb_store_rollback (fixture->store);
  g_assert_true (pb_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 1);

  /* An outer rollback keeps nothing. */
  g_assert_true (pb_store_begin (fixture->store, FALSE, &error));
  g_assert_true (pb_store_merge (fixture->store, two->papers, PB_LIST_NONE, NULL, &stats, &error));
  pb_store_rollback (fixture->store);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 1);
  assert_integrity (fixture->store);
}

/* The integrity check is not a formality: it finds an index out of step. */
static void
test_integrity_detects_damage (PbTestFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  assert_integrity (fixture->store);
  pb_test_exec (fixture->store, "UPDATE papers SET title = 'Something else' WHERE id = 'seed-001'");

  g_assert_false (pb_store_check_integrity (fixture->store, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "search index"));
}

/* /store/user-state */

static void
test_user_state (PbTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPaper) paper = NULL;
  gint64 starred_at;

  g_assert_false (pb_store_set_starred (fixture->store, "2401.99999", TRUE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pb_store_set_read (fixture->store, "x' OR '1'='1", TRUE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM user_state"), ==, 0);

  set_flag (pb_store_set_starred, fixture->store, "seed-001", TRUE);
  pb_test_exec (fixture->store, "UPDATE user_state SET starred_at = 5");
  /* Starring again is no change, so the time stays. */
  set_flag (pb_store_set_starred, fixture->store, "seed-001", TRUE);
  starred_at = pb_test_query_int (fixture->store, "SELECT starred_at FROM user_state");
  g_assert_cmpint (starred_at, ==, 5);

  set_flag (pb_store_set_read, fixture->store, "seed-001", TRUE);
  paper = get_paper (fixture->store, "seed-001");
  g_assert_true (pb_paper_get_starred (paper));
  g_assert_true (pb_paper_get_read (paper));
  g_assert_false (pb_paper_get_hidden (paper));
  g_clear_object (&paper);

  set_flag (pb_store_set_starred, fixture->store, "seed-001", FALSE);
  set_flag (pb_store_set_read, fixture->store, "seed-001", FALSE);
  paper = get_paper (fixture->store, "seed-001");
  g_assert_false (pb_paper_get_starred (paper));
  g_assert_false (pb_paper_get_read (paper));
}

/* /store/list */

static void
test_list_day (PbTestFixture *fixture,
               gconstpointer  data)
{
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autoptr(GPtrArray) ids = pb_test_read_ids (aug17);
  g_autoptr(GPtrArray) by_upvotes = list (fixture->store, PB_SCOPE_DAY, "2026-08-17",
                                          PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 100);
  g_autoptr(GPtrArray) by_rank = list (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_SORT_RANK,
                                       PB_FILTER_NONE, 0, 100);
  g_autoptr(GPtrArray) none = list (fixture->store, PB_SCOPE_DAY, "2026-08-16", PB_SORT_DEFAULT,
                                    PB_FILTER_NONE, 0, 100);

  g_assert_cmpuint (by_upvotes->len, ==, 23);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_FILTER_NONE), ==, 23);
  for (guint i = 1; i < by_upvotes->len; i++)
    g_assert_cmpint (pb_paper_get_upvotes (g_ptr_array_index (by_upvotes, i - 1)), >=,
                     pb_paper_get_upvotes (g_ptr_array_index (by_upvotes, i)));
  assert_same_ids (by_rank, ids);

  /* A weekend: no list, no error. */
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2026-08-16", PB_FILTER_NONE), ==, 0);
}

static void
test_list_latest (PbTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *aug20 = pb_test_data_path ("hf", "daily_papers_2026-08-20.json", NULL);
  g_autoptr(GPtrArray) ids = pb_test_read_ids (aug20);
  g_autoptr(GPtrArray) latest = list (fixture->store, PB_SCOPE_DAY, NULL, PB_SORT_RANK,
                                      PB_FILTER_NONE, 0, 100);
  g_autoptr(GError) error = NULL;
  struct { const char *before; const char *latest; } cases[] = {
    { NULL, "2026-08-20" },
    { "2026-08-30", "2026-08-20" },
    { "2026-08-19", "2026-08-19" },
    { "2025-01-01", "2024-10-25" },
    { "2024-05-27", "2024-05-27" },
    { "2000-01-01", NULL },
  };

  assert_same_ids (latest, ids);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = pb_store_dup_latest_list_date (fixture->store, cases[i].before,
                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpstr (date, ==, cases[i].latest);
    }

  {
    g_autofree char *next = pb_store_dup_next_list_date (fixture->store, "2024-10-25", 1, &error);
    g_autofree char *prev = pb_store_dup_next_list_date (fixture->store, "2026-08-17", -1, &error);
    g_autofree char *end = pb_store_dup_next_list_date (fixture->store, "2026-08-20", 1, &error);
    g_autofree char *start = pb_store_dup_next_list_date (fixture->store, "2024-05-27", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "2025-06-02");
    g_assert_cmpstr (prev, ==, "2025-06-02");
    g_assert_null (end);
    g_assert_null (start);
  }
}

static GHashTable *
ids_of_days (const char * const *names)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (paths, pb_test_data_path ("hf", names[i], NULL));
  g_ptr_array_add (paths, NULL);

  return pb_test_id_set ((const char * const *)paths->pdata);
}

static void
assert_ids_are (GPtrArray  *papers,
                GHashTable *ids)
{
  g_assert_cmpuint (papers->len, ==, g_hash_table_size (ids));
  for (guint i = 0; i < papers->len; i++)
    g_assert_true (g_hash_table_contains (ids, pb_paper_get_id (g_ptr_array_index (papers, i))));
}

static void
assert_window (PbStore    *store,
               PbScope     scope,
               const char *date,
               const char *first,
               const char *last)
{
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_resolve_scope (store, scope, date, &first_day, &last_day, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_day, ==, first);
  g_assert_cmpstr (last_day, ==, last);
}

static void
test_list_week_month (PbTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const august[] = {
    "daily_papers_2026-08-17.json", "daily_papers_2026-08-18.json",
    "daily_papers_2026-08-19.json", "daily_papers_2026-08-20.json", NULL,
  };
  static const char * const may[] = { "daily_papers_2024-05-27.json", NULL };
  g_autoptr(GHashTable) august_ids = ids_of_days (august);
  g_autoptr(GHashTable) may_ids = ids_of_days (may);
  g_autoptr(GPtrArray) week = list (fixture->store, PB_SCOPE_WEEK, "2026-08-19", PB_SORT_DEFAULT,
                                    PB_FILTER_NONE, 0, 1000);
  g_autoptr(GPtrArray) latest_week = list (fixture->store, PB_SCOPE_WEEK, NULL, PB_SORT_DEFAULT,
                                           PB_FILTER_NONE, 0, 1000);
  g_autoptr(GPtrArray) month = list (fixture->store, PB_SCOPE_MONTH, "2026-08-31", PB_SORT_DEFAULT,
                                     PB_FILTER_NONE, 0, 1000);
  g_autoptr(GPtrArray) may_week = list (fixture->store, PB_SCOPE_WEEK, "2024-06-02",
                                        PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 1000);
  g_autoptr(GPtrArray) empty_month = list (fixture->store, PB_SCOPE_MONTH, "2024-02-10",
                                           PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 1000);

  /* ISO weeks run Monday to Sunday; months have their real length. */
  assert_window (fixture->store, PB_SCOPE_WEEK, "2026-08-19", "2026-08-17", "2026-08-23");
  assert_window (fixture->store, PB_SCOPE_WEEK, "2026-08-23", "2026-08-17", "2026-08-23");
  assert_window (fixture->store, PB_SCOPE_WEEK, "2024-06-02", "2024-05-27", "2024-06-02");
  assert_window (fixture->store, PB_SCOPE_WEEK, "2025-01-01", "2024-12-30", "2025-01-05");
  assert_window (fixture->store, PB_SCOPE_MONTH, "2024-02-10", "2024-02-01", "2024-02-29");
  assert_window (fixture->store, PB_SCOPE_MONTH, "2026-08-31", "2026-08-01", "2026-08-31");
  assert_window (fixture->store, PB_SCOPE_DAY, NULL, "2026-08-20", "2026-08-20");
  assert_window (fixture->store, PB_SCOPE_TRENDING, "2026-08-20", NULL, NULL);
  assert_window (fixture->store, PB_SCOPE_ALL, NULL, NULL, NULL);

  g_assert_cmpuint (g_hash_table_size (august_ids), ==, 93);
  assert_ids_are (week, august_ids);
  assert_ids_are (latest_week, august_ids);
  assert_ids_are (month, august_ids);
  assert_ids_are (may_week, may_ids);
  g_assert_cmpuint (empty_month->len, ==, 0);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_WEEK, "2026-08-19", PB_FILTER_NONE), ==, 93);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_MONTH, "2024-10-01", PB_FILTER_NONE), ==, 25);
}

static void
test_list_trending_all (PbTestFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = pb_test_data_path ("hf", "daily_papers_sort_trending.json", NULL);
  g_autoptr(GPtrArray) ids = pb_test_read_ids (path);
  g_autoptr(GPtrArray) trending = list (fixture->store, PB_SCOPE_TRENDING, NULL, PB_SORT_DEFAULT,
                                        PB_FILTER_NONE, 0, 100);
  g_autoptr(GPtrArray) all = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT,
                                   PB_FILTER_NONE, 0, 1000);

  assert_same_ids (trending, ids);
  g_assert_cmpint (pb_paper_get_rank (g_ptr_array_index (trending, 0)), ==, 1);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_TRENDING, NULL, PB_FILTER_NONE), ==, 2);
  g_assert_cmpint (pb_store_get_trending_fetched_at (fixture->store), >, 0);

  g_assert_cmpuint (all->len, ==, 350);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_NONE), ==, 350);
}

static int
sort_key (PbPaper *paper,
          PbSort   sort)
{
  switch (sort)
    {
    case PB_SORT_COMMENTS:
      return pb_paper_get_comments (paper);
    case PB_SORT_STARS:
      return pb_paper_get_github_stars (paper);
    case PB_SORT_UPVOTES:
    default:
      return pb_paper_get_upvotes (paper);
    }
}

static void
test_list_sorts (PbTestFixture *fixture,
                 gconstpointer  data)
{
  static const PbSort counts[] = { PB_SORT_UPVOTES, PB_SORT_COMMENTS, PB_SORT_STARS };
  g_autoptr(GPtrArray) by_date = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DATE,
                                       PB_FILTER_NONE, 0, 1000);
  gboolean seen_null = FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    {
      g_autoptr(GPtrArray) papers = list (fixture->store, PB_SCOPE_ALL, NULL, counts[s],
                                          PB_FILTER_NONE, 0, 1000);
      guint n_known = 0;

      g_assert_cmpuint (papers->len, ==, 350);
      for (guint i = 1; i < papers->len; i++)
        g_assert_cmpint (sort_key (g_ptr_array_index (papers, i - 1), counts[s]), >=,
                         sort_key (g_ptr_array_index (papers, i), counts[s]));
      for (guint i = 0; i < papers->len; i++)
        n_known += sort_key (g_ptr_array_index (papers, i), counts[s]) >= 0;
      /* The sort has something to sort: several distinct known values. */
      g_assert_cmpuint (n_known, >, 2);
      g_assert_cmpint (sort_key (g_ptr_array_index (papers, 0), counts[s]), >,
                       sort_key (g_ptr_array_index (papers, n_known - 1), counts[s]));
    }

  /* Newest first; papers without a date last. */
  g_assert_cmpuint (by_date->len, ==, 350);
  for (guint i = 1; i < by_date->len; i++)
    {
      const char *a = pb_paper_get_published_on (g_ptr_array_index (by_date, i - 1));
      const char *b = pb_paper_get_published_on (g_ptr_array_index (by_date, i));

      if (a == NULL)
        seen_null = TRUE;
      if (seen_null)
        g_assert_null (b);
      else if (b != NULL)
        g_assert_cmpstr (a, >=, b);
    }
  g_assert_true (seen_null);
  g_assert_cmpstr (pb_paper_get_published_on (g_ptr_array_index (by_date, 0)), >=, "2026-08-01");

  /* Rank means nothing for a week: it sorts by upvotes there. */
  {
    g_autoptr(GPtrArray) week = list (fixture->store, PB_SCOPE_WEEK, "2026-08-19", PB_SORT_RANK,
                                      PB_FILTER_NONE, 0, 1000);

    for (guint i = 1; i < week->len; i++)
      g_assert_cmpint (pb_paper_get_upvotes (g_ptr_array_index (week, i - 1)), >=,
                       pb_paper_get_upvotes (g_ptr_array_index (week, i)));
  }
}

static void
test_list_paging (PbTestFixture *fixture,
                  gconstpointer  data)
{
  static const PbScope scopes[] = { PB_SCOPE_ALL, PB_SCOPE_DAY, PB_SCOPE_WEEK };
  static const PbSort sorts[] = { PB_SORT_DEFAULT, PB_SORT_DATE, PB_SORT_COMMENTS };

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      g_autoptr(GPtrArray) full = list (fixture->store, scopes[s], NULL, sorts[s], PB_FILTER_NONE,
                                        0, 1000);
      g_autoptr(GPtrArray) beyond = list (fixture->store, scopes[s], NULL, sorts[s],
                                          PB_FILTER_NONE, full->len, 10);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint position = 0;

      g_assert_cmpuint (full->len, >, 7);
      for (guint offset = 0; offset < full->len; offset += 7)
        {
          g_autoptr(GPtrArray) page = list (fixture->store, scopes[s], NULL, sorts[s],
                                            PB_FILTER_NONE, offset, 7);

          g_assert_cmpuint (page->len, ==, MIN (7, full->len - offset));
          for (guint i = 0; i < page->len; i++)
            {
              const char *id = pb_paper_get_id (g_ptr_array_index (page, i));

              g_assert_cmpstr (id, ==, pb_paper_get_id (g_ptr_array_index (full, position++)));
              g_assert_true (g_hash_table_add (seen, (gpointer)id));
            }
        }
      g_assert_cmpuint (position, ==, full->len);
      g_assert_cmpuint (beyond->len, ==, 0);
    }

  {
    g_autoptr(GPtrArray) zero = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT,
                                      PB_FILTER_NONE, 0, 0);

    g_assert_cmpuint (zero->len, ==, 0);
  }
}

static void
test_list_filters (PbTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *aug17 = pb_test_data_path ("hf", AUG17, NULL);
  g_autoptr(GPtrArray) ids = pb_test_read_ids (aug17);
  const char *hidden = g_ptr_array_index (ids, 4);
  g_autoptr(GPtrArray) starred = NULL;
  g_autoptr(GPtrArray) starred_day = NULL;
  g_autoptr(GPtrArray) unread_starred = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) day_all = NULL;
  g_autoptr(PbPaper) hidden_paper = NULL;

  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 0), TRUE);
  set_flag (pb_store_set_starred, fixture->store, g_ptr_array_index (ids, 1), TRUE);
  set_flag (pb_store_set_starred, fixture->store, "seed-010", TRUE);
  set_flag (pb_store_set_read, fixture->store, g_ptr_array_index (ids, 0), TRUE);
  set_flag (pb_store_set_read, fixture->store, "seed-011", TRUE);
  set_flag (pb_store_set_hidden, fixture->store, hidden, TRUE);

  starred = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT, PB_FILTER_STARRED, 0, 100);
  g_assert_cmpuint (starred->len, ==, 3);
  for (guint i = 0; i < starred->len; i++)
    g_assert_true (pb_paper_get_starred (g_ptr_array_index (starred, i)));

  starred_day = list (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_SORT_DEFAULT,
                      PB_FILTER_STARRED, 0, 100);
  g_assert_cmpuint (starred_day->len, ==, 2);

  unread_starred = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT,
                         PB_FILTER_STARRED | PB_FILTER_UNREAD, 0, 100);
  g_assert_cmpuint (unread_starred->len, ==, 2);
  g_assert_false (contains_id (unread_starred, g_ptr_array_index (ids, 0)));

  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_UNREAD), ==, 350 - 1 - 2);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_STARRED), ==, 3);

  /* Hidden papers are left out everywhere unless asked for. */
  day = list (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 100);
  g_assert_cmpuint (day->len, ==, 22);
  g_assert_false (contains_id (day, hidden));
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_FILTER_NONE), ==, 22);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_ALL, NULL, PB_FILTER_NONE), ==, 349);
  g_assert_cmpint (count (fixture->store, PB_SCOPE_WEEK, "2026-08-17", PB_FILTER_NONE), ==, 92);
  day_all = list (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_SORT_DEFAULT,
                  PB_FILTER_INCLUDE_HIDDEN, 0, 100);
  g_assert_cmpuint (day_all->len, ==, 23);
  g_assert_true (contains_id (day_all, hidden));
  hidden_paper = get_paper (fixture->store, hidden);
  g_assert_true (pb_paper_get_hidden (hidden_paper));
}

static void
test_list_invalid_date (PbTestFixture *fixture,
                        gconstpointer  data)
{
  static const char * const dates[] = { "2026-13-01", "2025-02-29", "yesterday", "2026-8-1",
                                        "2026-08-17' OR 1=1 --" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const PbListQuery query = { PB_SCOPE_DAY, dates[i], PB_SORT_DEFAULT, PB_FILTER_NONE };
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) count_error = NULL;
      g_autoptr(GPtrArray) papers = pb_store_list (fixture->store, &query, 0, 10, &error);

      g_assert_null (papers);
      g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
      g_assert_cmpint (pb_store_count (fixture->store, &query, &count_error), ==, -1);
      g_assert_error (count_error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    }
}

static void
test_list_empty_store (PbTestFixture *fixture,
                       gconstpointer  data)
{
  static const PbScope scopes[] = {
    PB_SCOPE_DAY, PB_SCOPE_WEEK, PB_SCOPE_MONTH, PB_SCOPE_TRENDING, PB_SCOPE_ALL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *latest = pb_store_dup_latest_list_date (fixture->store, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (latest);
  g_assert_cmpint (pb_store_get_trending_fetched_at (fixture->store), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(GPtrArray) papers = list (fixture->store, scopes[i], NULL, PB_SORT_DEFAULT,
                                          PB_FILTER_NONE, 0, 10);

      g_assert_cmpuint (papers->len, ==, 0);
      g_assert_cmpint (count (fixture->store, scopes[i], NULL, PB_FILTER_NONE), ==, 0);
    }
}

/* /store/snapshot */

static void
test_snapshot_empty (PbTestFixture *fixture,
                     gconstpointer  data)
{
  static const char * const sources[] = {
    "daily_papers_2024-05-27.json", "daily_papers_2024-10-25.json",
    "daily_papers_2025-06-02.json", "daily_papers_2026-08-17.json",
    "daily_papers_2026-08-18.json", "daily_papers_2026-08-19.json",
    "daily_papers_2026-08-20.json", "daily_papers_sort_trending.json", NULL,
  };
  g_autoptr(GHashTable) ids = ids_of_days (sources);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) trending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *latest = NULL;
  gboolean imported = FALSE;

  g_assert_false (pb_snapshot_is_current (fixture->store));
  g_assert_true (pb_snapshot_ensure (fixture->store, &imported, &error));
  g_assert_no_error (error);
  g_assert_true (imported);

  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, g_hash_table_size (ids));
  all = list (fixture->store, PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 1000);
  assert_ids_are (all, ids);
  g_assert_true (pb_snapshot_is_current (fixture->store));
  created = pb_snapshot_dup_created (fixture->store);
  g_assert_cmpstr (created, ==, "2026-08-20");
  latest = pb_store_dup_latest_list_date (fixture->store, NULL, &error);
  g_assert_cmpstr (latest, ==, "2026-08-20");
  g_assert_cmpint (count (fixture->store, PB_SCOPE_DAY, "2026-08-17", PB_FILTER_NONE), ==, 23);
  trending = list (fixture->store, PB_SCOPE_TRENDING, NULL, PB_SORT_DEFAULT, PB_FILTER_NONE, 0, 10);
  g_assert_cmpuint (trending->len, ==, 2);
  g_assert_cmpint (pb_test_query_int (fixture->store,
                                      "SELECT count(*) FROM imports WHERE kind = 'snapshot'"), ==, 1);
  assert_integrity (fixture->store);

  /* A second time: nothing to do. */
  g_assert_true (pb_snapshot_ensure (fixture->store, &imported, &error));
  g_assert_no_error (error);
  g_assert_false (imported);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, g_hash_table_size (ids));
  g_assert_cmpint (pb_test_query_int (fixture->store, "SELECT count(*) FROM imports"), ==, 1);

  /* Until a sync says otherwise. */
  g_assert_true (pb_snapshot_is_current (fixture->store));
  g_assert_true (pb_store_set_meta (fixture->store, "data-origin", "sync", &error));
  g_assert_no_error (error);
  g_assert_false (pb_snapshot_is_current (fixture->store));
}

static void
test_snapshot_not_empty (PbTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *seed = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autoptr(PbImportReport) report = pb_test_import_one (fixture->store, seed);
  g_autoptr(GError) error = NULL;
  gboolean imported = TRUE;

  g_assert_true (pb_snapshot_ensure (fixture->store, &imported, &error));
  g_assert_no_error (error);
  g_assert_false (imported);
  g_assert_cmpint (pb_store_count_papers (fixture->store, NULL), ==, 193);
  g_assert_false (pb_snapshot_is_current (fixture->store));
  g_assert_null (pb_snapshot_dup_created (fixture->store));
}

static void
test_meta (PbTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *replaced = NULL;

  g_assert_null (pb_store_dup_meta (fixture->store, "missing"));
  g_assert_true (pb_store_set_meta (fixture->store, "key", "one", &error));
  value = pb_store_dup_meta (fixture->store, "key");
  g_assert_cmpstr (value, ==, "one");
  g_assert_true (pb_store_set_meta (fixture->store, "key", "two", &error));
  replaced = pb_store_dup_meta (fixture->store, "key");
  g_assert_cmpstr (replaced, ==, "two");
  g_assert_no_error (error);
}

#define ADD(path, setup, func) \
  g_test_add (path, PbTestFixture, NULL, setup, func, pb_test_fixture_teardown)

int
main (int    argc,
      char **argv)
{
  pb_test_init (&argc, &argv);

  ADD ("/store/open/creates-private", pb_test_fixture_setup, test_open_creates_private);
  ADD ("/store/open/existing-folder", pb_test_fixture_setup, test_open_existing_folder);
  ADD ("/store/open/unwritable", pb_test_fixture_setup, test_open_unwritable);
  ADD ("/store/open/newer-schema", pb_test_fixture_setup, test_open_newer_schema);
  ADD ("/store/open/foreign-sqlite", pb_test_fixture_setup, test_open_foreign_sqlite);
  ADD ("/store/open/not-sqlite", pb_test_fixture_setup, test_open_not_sqlite);
  ADD ("/store/open/empty-file", pb_test_fixture_setup, test_open_empty_file);
  ADD ("/store/open/two-connections", pb_test_fixture_setup_open, test_open_two_connections);

  ADD ("/store/migrate/from-empty", pb_test_fixture_setup_open, test_migrate_from_empty);
  ADD ("/store/migrate/from-v1", pb_test_fixture_setup, test_migrate_from_v1);
  ADD ("/store/migrate/step-by-step", pb_test_fixture_setup, test_migrate_step_by_step);

  ADD ("/store/import/fixtures", pb_test_fixture_setup_open, test_import_fixtures);
  ADD ("/store/import/seed", pb_test_fixture_setup_open, test_import_seed);
  ADD ("/store/import/squashes-text", pb_test_fixture_setup_open, test_import_squashes_text);
  ADD ("/store/import/optional-fields", pb_test_fixture_setup_open, test_import_optional_fields);
  ADD ("/store/import/idempotent", pb_test_fixture_setup_full, test_import_idempotent);
  ADD ("/store/import/newer-counts", pb_test_fixture_setup_open, test_import_newer_counts);
  ADD ("/store/import/partial-update", pb_test_fixture_setup_open, test_import_partial_update);
  ADD ("/store/import/keeps-user-state", pb_test_fixture_setup_full, test_import_keeps_user_state);
  ADD ("/store/import/bad-file", pb_test_fixture_setup_open, test_import_bad_file);
  ADD ("/store/import/hostile-files", pb_test_fixture_setup_open, test_import_hostile_files);
  ADD ("/store/import/hostile-generated", pb_test_fixture_setup_open,
       test_import_hostile_generated);
  ADD ("/store/import/bulk", pb_test_fixture_setup_open, test_import_bulk);
  ADD ("/store/transaction/rollback", pb_test_fixture_setup_open, test_transaction_rollback);
  ADD ("/store/integrity/detects-damage", pb_test_fixture_setup_full,
       test_integrity_detects_damage);
  ADD ("/store/user-state", pb_test_fixture_setup_full, test_user_state);

  ADD ("/store/list/day", pb_test_fixture_setup_full, test_list_day);
  ADD ("/store/list/latest", pb_test_fixture_setup_full, test_list_latest);
  ADD ("/store/list/week-month", pb_test_fixture_setup_full, test_list_week_month);
  ADD ("/store/list/trending-all", pb_test_fixture_setup_full, test_list_trending_all);
  ADD ("/store/list/sorts", pb_test_fixture_setup_full, test_list_sorts);
  ADD ("/store/list/paging", pb_test_fixture_setup_full, test_list_paging);
  ADD ("/store/list/filters", pb_test_fixture_setup_full, test_list_filters);
  ADD ("/store/list/invalid-date", pb_test_fixture_setup_full, test_list_invalid_date);
  ADD ("/store/list/empty-store", pb_test_fixture_setup_open, test_list_empty_store);

  ADD ("/store/snapshot/empty", pb_test_fixture_setup_open, test_snapshot_empty);
  ADD ("/store/snapshot/not-empty", pb_test_fixture_setup_open, test_snapshot_not_empty);
  ADD ("/store/meta", pb_test_fixture_setup_open, test_meta);

  return pb_test_run ();
}
