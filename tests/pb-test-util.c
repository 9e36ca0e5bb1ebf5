/* pb-test-util.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pb-test-util.h"

static char *home_dir;  /* (owned) (nullable): the fake home of this test program */

/**
 * pb_test_init:
 *
 * g_test_init(), with $HOME and the XDG folders moved into a temporary
 * folder first, so that no test can touch the real ~/.local/share/paperboy.
 *
 * This rather than G_TEST_OPTION_ISOLATE_DIRS: that option calls
 * g_set_user_dirs() for every test case, and GLib deliberately never frees
 * the strings it replaces, which LeakSanitizer reports in a sanitizer build.
 */
void
pb_test_init (int    *argc,
              char ***argv)
{
  static const char * const variables[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };

  setlocale (LC_ALL, "");
  home_dir = pb_test_make_tmp_dir ();
  g_setenv ("HOME", home_dir, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (home_dir, variables[i], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_setenv (variables[i], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
}

/* g_test_run(), then the fake home goes. */
int
pb_test_run (void)
{
  int status = g_test_run ();

  pb_test_remove_tree (home_dir);
  g_clear_pointer (&home_dir, g_free);

  return status;
}

/* The source tree's tests/data: from the environment when meson runs the
 * tests, else the path compiled in. */
const char *
pb_test_data_dir (void)
{
  const char *dir = g_getenv ("PB_TEST_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;

  return TEST_DATA_DIR;
}

char *
pb_test_data_path (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer)pb_test_data_dir ());
  g_ptr_array_add (parts, (gpointer)first);
  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL;
       part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **)parts->pdata);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every .json file in tests/data/hf, sorted by name. */
GStrv
pb_test_hf_fixtures (void)
{
  g_autofree char *dir_path = pb_test_data_path ("hf", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));

  g_ptr_array_sort (paths, compare_strings);
  g_assert_cmpuint (paths->len, >=, 10);
  g_ptr_array_add (paths, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

/* The HF fixtures and the seed search page. */
GStrv
pb_test_all_fixtures (void)
{
  g_auto(GStrv) hf = pb_test_hf_fixtures ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *seed = pb_test_data_path ("seed", "search-page.json", NULL);

  g_strv_builder_addv (builder, (const char **)hf);
  g_strv_builder_add (builder, seed);

  return g_strv_builder_end (builder);
}

char *
pb_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("paperboy-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

void
pb_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      pb_test_remove_tree (child);
    }

  g_rmdir (path);
}

char *
pb_test_write_file (const char *dir,
                    const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

void
pb_test_fixture_setup (PbTestFixture *fixture,
                       gconstpointer  data)
{
  fixture->dir = pb_test_make_tmp_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "papers.db", NULL);
  fixture->store = NULL;
}

void
pb_test_fixture_setup_open (PbTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_test_fixture_setup (fixture, data);
  fixture->store = pb_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

/* An open store holding every fixture. */
void
pb_test_fixture_setup_full (PbTestFixture *fixture,
                            gconstpointer  data)
{
  pb_test_fixture_setup_open (fixture, data);
  pb_test_import_all (fixture->store);
}

void
pb_test_fixture_teardown (PbTestFixture *fixture,
                          gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pb_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

PbImportReport *
pb_test_import (PbStore            *store,
                const char * const *paths)
{
  const PbImportOptions options = { TRUE, PB_LIST_NONE, NULL };
  g_autoptr(GError) error = NULL;
  PbImportReport *report;

  report = pb_import_files (store, paths, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->files->len, ==, g_strv_length ((GStrv)paths));

  return report;
}

PbImportReport *
pb_test_import_one (PbStore    *store,
                    const char *path)
{
  const char *paths[] = { path, NULL };

  return pb_test_import (store, paths);
}

/* Imports every fixture and checks that none failed. */
void
pb_test_import_all (PbStore *store)
{
  g_auto(GStrv) paths = pb_test_all_fixtures ();
  g_autoptr(PbImportReport) report = pb_test_import (store, (const char * const *)paths);

  for (guint i = 0; i < report->files->len; i++)
    {
      PbImportFile *file = g_ptr_array_index (report->files, i);

      g_assert_no_error (file->error);
    }
  g_assert_cmpuint (report->n_failed, ==, 0);
}

/* Parses @json with the real parser and merges it in one transaction. */
void
pb_test_merge_json (PbStore      *store,
                    const char   *json,
                    PbListKind    kind,
                    const char   *list_date,
                    PbMergeStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbParseResult) result = pb_parser_parse (json, strlen (json), &error);
  PbMergeStats local = { 0, };

  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_true (pb_store_begin (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_merge (store, result->papers, kind, list_date,
                                 stats ? stats : &local, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_commit (store, &error));
  g_assert_no_error (error);
}

static sqlite3_stmt *
prepare_or_fail (PbStore    *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (store->db));

  return stmt;
}

/* The first column of the first row; the test fails if there is none. */
gint64
pb_test_query_int (PbStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = prepare_or_fail (store, sql);
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

char *
pb_test_query_text (PbStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = prepare_or_fail (store, sql);
  char *value = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* Every row of @sql as text, for comparing a table before and after. */
char *
pb_test_dump (PbStore    *store,
              const char *sql)
{
  sqlite3_stmt *stmt = prepare_or_fail (store, sql);
  GString *out = g_string_new (NULL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          g_string_append (out, text ? text : "<null>");
          g_string_append_c (out, '\x1f');
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

void
pb_test_exec (PbStore    *store,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);
}

/* json-glib directly, not our parser: an independent reading of a fixture. */
JsonNode *
pb_test_load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

static const char *
item_id (JsonNode *item)
{
  JsonObject *object = json_node_get_object (item);

  if (json_object_has_member (object, "paper"))
    object = json_object_get_object_member (object, "paper");

  return json_object_get_string_member (object, "id");
}

/* The paper ids of a fixture, in file order. */
GPtrArray *
pb_test_read_ids (const char *path)
{
  g_autoptr(JsonNode) root = pb_test_load_json (path);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (ids, g_strdup (item_id (json_array_get_element (array, i))));
    }
  else
    g_ptr_array_add (ids, g_strdup (item_id (root)));

  return ids;
}

/* The set of paper ids over several fixtures. */
GHashTable *
pb_test_id_set (const char * const *paths)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) ids = pb_test_read_ids (paths[i]);

      for (guint j = 0; j < ids->len; j++)
        g_hash_table_add (set, g_strdup (g_ptr_array_index (ids, j)));
    }

  return set;
}

/* What arXiv's wrapping looks like once squashed, computed without
 * pb_text_squash(): the fixtures only hold ASCII white space. */
char *
pb_test_squash_ascii (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, parts[i]);
    }

  return g_string_free (out, FALSE);
}
