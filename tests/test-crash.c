/* test-crash.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "pb-test-util.h"

/*
 * An import killed with SIGKILL at any moment leaves a database that passes
 * the integrity checks and holds either none or all of the file.
 *
 * `paperboy-cli import` (the real program, path from $PAPERBOY_CLI) imports
 * a generated file of thousands of papers into a copy of a database, and is
 * killed at fractions of the time a full import takes, and when its WAL file
 * has reached fractions of the size it reaches in a full import: while rows
 * are written, while the page cache spills into the WAL, while the search
 * index is built, while committing.
 *
 * Two cases, because the importer has two paths: a large file into a small
 * database writes the rows first and indexes them at commit ("bulk"); a file
 * into a database already larger than it indexes row by row ("incremental").
 */

#define N_BULK        6000
#define N_INCREMENTAL 2000

typedef struct
{
  const char *name;
  const char *prefix;    /* of the generated ids, e.g. "27" for 27MM.NNNNN */
  guint       n_papers;
  char       *json;      /* (owned): the generated file */
  char       *base;      /* (owned): the database it is imported into */
  gint64      n_before;  /* papers in base */
} Case;

static char *work_dir;
static const char *cli;

/* Real titles and abstracts from the seed, made unique per paper. */
static char *
generate_file (const char *name,
               const char *prefix,
               guint       n_papers)
{
  g_autofree char *seed_path = pb_test_data_path ("seed", "search-page.json", NULL);
  g_autoptr(JsonNode) seed = pb_test_load_json (seed_path);
  JsonArray *seed_items = json_node_get_array (seed);
  guint n_seed = json_array_get_length (seed_items);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file_name = g_strconcat (name, ".json", NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_papers; i++)
    {
      JsonObject *source = json_array_get_object_element (seed_items, i % n_seed);
      g_autofree char *id = g_strdup_printf ("%s%02u.%05u", prefix, 1 + i / 10000, i % 10000);
      g_autofree char *title = g_strdup_printf ("%s (pbcrash%s %u)",
                                                json_object_get_string_member (source, "title"),
                                                prefix, i);
      g_autofree char *date = g_strdup_printf ("2027-%02u-%02uT00:00:00.000Z", 1 + i % 12,
                                               1 + i % 28);
      g_autofree char *author = g_strdup_printf ("Author Number%u", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "paper");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, json_object_get_string_member (source, "summary"));
      json_builder_set_member_name (builder, "authors");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, author);
      json_builder_end_object (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Second Author");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "publishedAt");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "upvotes");
      json_builder_add_int_value (builder, i % 500);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "numComments");
      json_builder_add_int_value (builder, i % 9);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);

  return pb_test_write_file (work_dir, file_name, text, -1);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, length, &error);
  g_assert_no_error (error);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static GPid
spawn_import (const char *db,
              const char *json)
{
  const char *argv[] = { cli, "--db", db, "import", "--no-list", json, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **)argv, NULL,
                 /* stderr stays: a sanitizer report shows in the test log. */
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  return pid;
}

/* Whether @pid has ended; reaps it if so. */
static gboolean
has_exited (GPid  pid,
            int  *status)
{
  pid_t done = waitpid (pid, status, WNOHANG);

  g_assert_cmpint (done, !=, -1);
  return done == pid;
}

typedef struct
{
  gint64 duration;  /* µs */
  gint64 max_wal;   /* bytes */
} Run;

/* A full import, watched: how long it takes and how large the WAL grows. */
static void
run_to_completion (const char *db,
                   const char *json,
                   Run        *run)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  gint64 start = g_get_monotonic_time ();
  GPid pid = spawn_import (db, json);
  int status = 0;

  run->max_wal = 0;
  while (!has_exited (pid, &status))
    {
      run->max_wal = MAX (run->max_wal, file_size (wal));
      g_usleep (1000);
    }
  run->duration = g_get_monotonic_time () - start;

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (run->max_wal, >, 0);
}

typedef enum
{
  OUTCOME_NONE,
  OUTCOME_ALL,
} Outcome;

/* Opens the database left behind (recovering the WAL) and checks it. */
static Outcome
check_database (const Case *c,
                const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (db, &error);
  g_autofree char *check = NULL;
  g_autofree char *generated_sql = g_strdup_printf ("SELECT count(*) FROM papers WHERE id LIKE '%s%%'",
                                                    c->prefix);
  g_autofree char *source_sql = g_strdup_printf ("SELECT count(*) FROM imports WHERE source = '%s.json'",
                                                 c->name);
  gint64 n, n_generated, n_records;

  g_assert_no_error (error);
  g_assert_nonnull (store);

  check = pb_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_true (pb_store_check_integrity (store, &error));
  g_assert_no_error (error);

  n = pb_store_count_papers (store, &error);
  g_assert_no_error (error);
  n_generated = pb_test_query_int (store, generated_sql);
  n_records = pb_test_query_int (store, source_sql);

  if (n == c->n_before)
    {
      g_assert_cmpint (n_generated, ==, 0);
      g_assert_cmpint (n_records, ==, 0);
      return OUTCOME_NONE;
    }

  g_assert_cmpint (n, ==, c->n_before + c->n_papers);
  g_assert_cmpint (n_generated, ==, c->n_papers);
  g_assert_cmpint (n_records, ==, 1);
  /* All of it, searchable: the index was committed with the rows. */
  {
    g_autofree char *word = g_strdup_printf ("pbcrash%s", c->prefix);
    g_autoptr(GPtrArray) found = pb_store_search (store, word, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (pb_store_search_count (store, word, &error), ==, c->n_papers);
  }
  return OUTCOME_ALL;
}

typedef struct
{
  guint n_killed_none;  /* killed while running, nothing imported */
  guint n_killed_all;   /* killed, but it had already committed */
  guint n_finished;     /* ended before the signal */
} Tally;

/* Starts an import into a copy of the case's database, kills it after @after_us
 * microseconds or once the WAL holds @after_wal bytes (-1: not this way),
 * then checks what is left. */
static void
kill_import (const Case *c,
             guint       round,
             gint64      after_us,
             gint64      after_wal,
             Tally      *tally)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.db", c->name, round);
  g_autofree char *db = g_build_filename (work_dir, name, NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  gint64 start, elapsed, wal_size;
  gboolean finished = FALSE;
  int status = 0;
  GPid pid;
  Outcome outcome;

  copy_file (c->base, db);
  start = g_get_monotonic_time ();
  pid = spawn_import (db, c->json);

  for (;;)
    {
      if (has_exited (pid, &status))
        {
          finished = TRUE;
          break;
        }
      if (after_us >= 0 && g_get_monotonic_time () - start >= after_us)
        break;
      if (after_wal >= 0 && file_size (wal) >= after_wal)
        break;
      g_usleep (500);
    }

  elapsed = g_get_monotonic_time () - start;
  wal_size = file_size (wal);
  if (!finished)
    {
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* The import may have finished between the last look and the kill:
       * a zombie takes the signal without dying of it. */
      finished = WIFEXITED (status);
      if (!finished)
        g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
    }
  if (finished)
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  start = g_get_monotonic_time ();
  outcome = check_database (c, db);
  g_test_message ("%s round %u: %s after %" G_GINT64_FORMAT " ms (WAL %" G_GINT64_FORMAT
                  " bytes): %s (checked in %" G_GINT64_FORMAT " ms)",
                  c->name, round, finished ? "finished" : "killed", elapsed / 1000, wal_size,
                  outcome == OUTCOME_ALL ? "all" : "none",
                  (g_get_monotonic_time () - start) / 1000);

  if (finished)
    {
      g_assert_cmpint (outcome, ==, OUTCOME_ALL);
      tally->n_finished++;
    }
  else if (outcome == OUTCOME_ALL)
    tally->n_killed_all++;
  else
    tally->n_killed_none++;

  /* A database that survived a kill takes the same import again. */
  if (round == 1 && outcome == OUTCOME_NONE)
    {
      Run again;

      run_to_completion (db, c->json, &again);
      g_assert_cmpint (check_database (c, db), ==, OUTCOME_ALL);
    }

  remove_database (db);
}

static void
test_killed (gconstpointer data)
{
  const Case *c = data;
  static const double time_fractions[] = { 0.2, 0.5, 0.8 };
  static const double wal_fractions[] = { 0.05, 0.5, 0.9 };
  g_autofree char *calibration = g_build_filename (work_dir, "calibration.db", NULL);
  Tally tally = { 0, };
  guint round = 0;
  Run full;

  /* How long a full import takes here, under this build's sanitizers. */
  copy_file (c->base, calibration);
  run_to_completion (calibration, c->json, &full);
  g_assert_cmpint (check_database (c, calibration), ==, OUTCOME_ALL);
  remove_database (calibration);
  g_test_message ("%s: full import of %u papers in %" G_GINT64_FORMAT " ms, WAL up to %"
                  G_GINT64_FORMAT " bytes", c->name, c->n_papers, full.duration / 1000,
                  full.max_wal);

  for (guint i = 0; i < G_N_ELEMENTS (wal_fractions); i++)
    kill_import (c, round++, -1, (gint64)(full.max_wal * wal_fractions[i]), &tally);
  for (guint i = 0; i < G_N_ELEMENTS (time_fractions); i++)
    kill_import (c, round++, (gint64)(full.duration * time_fractions[i]), -1, &tally);

  g_test_message ("%s: %u killed with nothing imported, %u killed after the commit, "
                  "%u finished first", c->name, tally.n_killed_none, tally.n_killed_all,
                  tally.n_finished);

  /* The test did kill imports half-way, more than once. */
  g_assert_cmpuint (tally.n_killed_none, >=, 2);
}

static void
prepare (Case *bulk,
         Case *incremental)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *wal = NULL;
  Run run;

  /* Bulk: 6,000 papers into the fixtures (350 papers). */
  bulk->json = generate_file (bulk->name, bulk->prefix, bulk->n_papers);
  bulk->base = g_build_filename (work_dir, "base.db", NULL);
  store = pb_store_open (bulk->base, &error);
  g_assert_no_error (error);
  pb_test_import_all (store);
  bulk->n_before = pb_store_count_papers (store, NULL);
  g_clear_object (&store);

  /* Closed cleanly: one file, nothing in a WAL, safe to copy. */
  wal = g_strconcat (bulk->base, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Incremental: 2,000 more into a database that already has the 6,000. */
  incremental->json = generate_file (incremental->name, incremental->prefix,
                                     incremental->n_papers);
  incremental->base = g_build_filename (work_dir, "base-large.db", NULL);
  copy_file (bulk->base, incremental->base);
  run_to_completion (incremental->base, bulk->json, &run);
  incremental->n_before = bulk->n_before + bulk->n_papers;
  g_clear_pointer (&wal, g_free);
  wal = g_strconcat (incremental->base, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  Case bulk = { "bulk", "27", N_BULK, NULL, NULL, 0 };
  Case incremental = { "incremental", "28", N_INCREMENTAL, NULL, NULL, 0 };
  int status;

  pb_test_init (&argc, &argv);

  cli = g_getenv ("PAPERBOY_CLI");
  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("Set PAPERBOY_CLI to the paperboy-cli to test (meson test does)\n");
      return 1;
    }

  work_dir = pb_test_make_tmp_dir ();
  prepare (&bulk, &incremental);

  g_test_add_data_func ("/crash/import-killed/bulk", &bulk, test_killed);
  g_test_add_data_func ("/crash/import-killed/incremental", &incremental, test_killed);

  status = pb_test_run ();

  pb_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (bulk.json);
  g_free (bulk.base);
  g_free (incremental.json);
  g_free (incremental.base);

  return status;
}
