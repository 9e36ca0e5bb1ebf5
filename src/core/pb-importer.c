/* pb-importer.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-importer"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-importer.h"
#include "pb-text.h"

/*
 * Importing files of papers.
 *
 * Parsing JSON costs about as much as writing the rows (json-glib builds a
 * tree of every item), so the two overlap: one parser thread per core reads
 * and parses the files, a few ahead, while this thread merges them into the
 * store in file order. All files go into one transaction. A file that is
 * not JSON (or not UTF-8) is found so before anything of it is written: it
 * is reported and leaves nothing behind, and the others are kept. A process
 * killed half-way leaves the database as it was before the import.
 *
 * A large import into a small database is a bulk transaction: rows are
 * indexed as they are written but the full-text index is merged only once,
 * at commit (see pb_store_begin() and bench/).
 */

#define PARSE_AHEAD 6
#define MAX_PARSERS 4
#define BYTES_PER_PAPER_ESTIMATE 1500
#define BULK_MIN_PAPERS 2000

typedef struct
{
  guint          index;
  PbParseResult *result;  /* (nullable) */
  GError        *error;   /* (nullable) */
} Parsed;

/* The parsers take files in order and may finish them out of order; the
 * writer waits for each in turn. Parsers stay at most PARSE_AHEAD files
 * ahead of the writer, which bounds the memory held by parsed files. */
typedef struct
{
  const char * const *paths;
  guint               n_paths;
  GMutex              mutex;
  GCond               cond;
  Parsed            **slots;     /* one per file, filled by the parsers */
  GPtrArray          *done;      /* merged files, for the parsers to free */
  guint               next;      /* the next file a parser takes */
  guint               consumed;  /* files the writer has taken */
  gboolean            cancelled;
} Pipeline;

static void
parsed_free (Parsed *parsed)
{
  pb_parse_result_free (parsed->result);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static void
import_file_free (PbImportFile *file)
{
  g_free (file->path);
  g_clear_error (&file->error);
  g_free (file->list_date);
  g_clear_pointer (&file->warnings, g_ptr_array_unref);
  g_free (file);
}

void
pb_import_report_free (PbImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->files);
  g_free (report);
}

/**
 * pb_import_guess_list:
 * @kind: (out): %PB_LIST_DAILY when the file name holds a date (as in
 *   daily_papers_2026-08-17.json), %PB_LIST_TRENDING when it says
 *   "trending", %PB_LIST_NONE otherwise
 * @list_date: (out) (transfer full) (nullable): the date for a daily list
 *
 * Returns: whether a list was recognised
 */
gboolean
pb_import_guess_list (const char  *path,
                      PbListKind  *kind,
                      char       **list_date)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GRegex) regex = g_regex_new ("(\\d{4}-\\d{2}-\\d{2})", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  *kind = PB_LIST_NONE;
  *list_date = NULL;

  if (g_regex_match (regex, name, 0, &match))
    {
      g_autofree char *date = g_match_info_fetch (match, 1);

      if (pb_text_is_valid_date (date))
        {
          *kind = PB_LIST_DAILY;
          *list_date = g_steal_pointer (&date);
          return TRUE;
        }
    }

  if (strstr (name, "trending") != NULL)
    {
      *kind = PB_LIST_TRENDING;
      return TRUE;
    }

  return FALSE;
}

static Parsed *
parse_one (const char *path,
           guint       index)
{
  Parsed *parsed = g_new0 (Parsed, 1);
  g_autofree char *data = NULL;
  gsize length = 0;

  parsed->index = index;

  if (!g_file_get_contents (path, &data, &length, &parsed->error))
    return parsed;

  parsed->result = pb_parser_parse (data, length, &parsed->error);
  return parsed;
}

static gpointer
parse_thread (gpointer user_data)
{
  Pipeline *pipeline = user_data;

  for (;;)
    {
      g_autoptr(GPtrArray) done = NULL;
      Parsed *parsed;
      guint index;

      g_mutex_lock (&pipeline->mutex);
      /* Freeing the merged files here keeps the writer, the busiest
       * thread, from doing it. */
      if (pipeline->done->len > 0)
        {
          done = g_steal_pointer (&pipeline->done);
          pipeline->done = g_ptr_array_new_with_free_func ((GDestroyNotify)parsed_free);
        }
      while (!pipeline->cancelled && pipeline->next < pipeline->n_paths &&
             pipeline->next >= pipeline->consumed + PARSE_AHEAD)
        g_cond_wait (&pipeline->cond, &pipeline->mutex);
      if (pipeline->cancelled || pipeline->next >= pipeline->n_paths)
        {
          g_mutex_unlock (&pipeline->mutex);
          return NULL;
        }
      index = pipeline->next++;
      g_mutex_unlock (&pipeline->mutex);

      g_clear_pointer (&done, g_ptr_array_unref);
      parsed = parse_one (pipeline->paths[index], index);

      g_mutex_lock (&pipeline->mutex);
      pipeline->slots[index] = parsed;
      g_cond_broadcast (&pipeline->cond);
      g_mutex_unlock (&pipeline->mutex);
    }
}

/* Waits for file @index to be parsed and takes it. */
static Parsed *
take_parsed (Pipeline *pipeline,
             guint     index)
{
  Parsed *parsed;

  g_mutex_lock (&pipeline->mutex);
  while (pipeline->slots[index] == NULL)
    g_cond_wait (&pipeline->cond, &pipeline->mutex);
  parsed = g_steal_pointer (&pipeline->slots[index]);
  pipeline->consumed = index + 1;
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->mutex);

  return parsed;
}

static gboolean
choose_bulk (PbStore             *store,
             const char * const  *paths,
             GError             **error)
{
  guint64 total = 0;
  gint64 existing;
  guint64 estimate;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      GStatBuf st;

      if (g_stat (paths[i], &st) == 0)
        total += st.st_size;
    }

  existing = pb_store_count_papers (store, error);
  if (existing < 0)
    return FALSE;

  estimate = total / BYTES_PER_PAPER_ESTIMATE;
  return estimate >= BULK_MIN_PAPERS && (guint64)existing < estimate / 2;
}

static void
take_warnings (PbImportFile  *file,
               PbParseResult *result)
{
  file->n_items = result->n_items;
  file->n_skipped = result->n_skipped;
  file->n_warnings = result->n_warnings;
  file->warnings = g_ptr_array_ref (result->warnings);
}

/* Returns FALSE only for errors of the database, which end the import and
 * roll all of it back. A file that did not parse never gets here, so no
 * savepoint per file is needed for a bad file to leave nothing behind. */
static gboolean
merge_file (PbStore        *store,
            PbImportFile   *file,
            PbParseResult  *result,
            GError        **error)
{
  g_autofree char *source = g_path_get_basename (file->path);

  take_warnings (file, result);

  if (!pb_store_merge (store, result->papers, file->kind, file->list_date, &file->stats, error) ||
      !pb_store_record_import (store, source, "file", result->n_items, result->n_skipped,
                               &file->stats, error))
    {
      g_prefix_error (error, "%s: ", file->path);
      return FALSE;
    }

  return TRUE;
}

static PbImportFile *
new_import_file (const char            *path,
                 const PbImportOptions *options)
{
  PbImportFile *file = g_new0 (PbImportFile, 1);

  file->path = g_strdup (path);
  if (options->infer_list)
    pb_import_guess_list (path, &file->kind, &file->list_date);
  else
    {
      file->kind = options->kind;
      file->list_date = g_strdup (options->list_date);
    }

  return file;
}

static void
add_to_totals (PbImportReport *report,
               PbImportFile   *file)
{
  if (file->error != NULL)
    report->n_failed++;
  report->n_items += file->n_items;
  report->n_skipped += file->n_skipped;
  report->n_warnings += file->n_warnings;
  report->stats.n_new += file->stats.n_new;
  report->stats.n_updated += file->stats.n_updated;
  report->stats.n_unchanged += file->stats.n_unchanged;
  report->stats.n_listed += file->stats.n_listed;
}

static gboolean
run_pipeline (PbStore               *store,
              Pipeline              *pipeline,
              const PbImportOptions *options,
              PbImportReport        *report,
              GError               **error)
{
  gint64 start = g_get_monotonic_time ();
  gint64 waited = 0;

  for (guint i = 0; pipeline->paths[i] != NULL; i++)
    {
      gint64 before = g_get_monotonic_time ();
      Parsed *parsed = take_parsed (pipeline, i);
      PbImportFile *file = new_import_file (pipeline->paths[i], options);
      gboolean ok = TRUE;

      waited += g_get_monotonic_time () - before;
      g_assert (parsed->index == i);

      g_ptr_array_add (report->files, file);
      if (parsed->error != NULL)
        file->error = g_steal_pointer (&parsed->error);
      else
        ok = merge_file (store, file, parsed->result, error);

      g_mutex_lock (&pipeline->mutex);
      g_ptr_array_add (pipeline->done, parsed);
      g_mutex_unlock (&pipeline->mutex);
      add_to_totals (report, file);
      if (!ok)
        return FALSE;
    }

  g_debug ("Merged %u files in %.2f s, %.2f s of it waiting for the parsers",
           pipeline->n_paths, (g_get_monotonic_time () - start) / 1e6, waited / 1e6);
  return TRUE;
}

/**
 * pb_import_files:
 * @paths: (array zero-terminated=1): JSON files of the papers API
 *
 * Imports @paths into @store. A file that cannot be read or parsed is
 * reported in the result and changes nothing; see the report's n_failed.
 *
 * Returns: (transfer full): what happened to each file, or %NULL with
 *   @error set when the database failed, in which case nothing was imported
 */
PbImportReport *
pb_import_files (PbStore                *store,
                 const char * const     *paths,
                 const PbImportOptions  *options,
                 GError                **error)
{
  g_autoptr(PbImportReport) report = g_new0 (PbImportReport, 1);
  Pipeline pipeline = { paths, 0, };
  GThread *threads[MAX_PARSERS];
  guint n_threads;
  gboolean bulk;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  report->files = g_ptr_array_new_with_free_func ((GDestroyNotify)import_file_free);

  bulk = choose_bulk (store, paths, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (!pb_store_begin (store, bulk, error))
    return NULL;

  pipeline.n_paths = g_strv_length ((GStrv)paths);
  pipeline.slots = g_new0 (Parsed *, pipeline.n_paths + 1);
  pipeline.done = g_ptr_array_new_with_free_func ((GDestroyNotify)parsed_free);
  g_mutex_init (&pipeline.mutex);
  g_cond_init (&pipeline.cond);

  /* As many parsers as cores: the writer mostly waits for them. */
  n_threads = CLAMP (g_get_num_processors (), 1, MIN (MAX_PARSERS, MAX (pipeline.n_paths, 1)));
  g_debug ("Importing %u files with %u parser threads%s", pipeline.n_paths, n_threads,
           bulk ? ", indexing once at the end" : "");
  for (guint i = 0; i < n_threads; i++)
    threads[i] = g_thread_new ("pb-import-parse", parse_thread, &pipeline);

  ok = run_pipeline (store, &pipeline, options, report, error);

  g_mutex_lock (&pipeline.mutex);
  pipeline.cancelled = TRUE;
  g_cond_broadcast (&pipeline.cond);
  g_mutex_unlock (&pipeline.mutex);
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < pipeline.n_paths; i++)
    g_clear_pointer (&pipeline.slots[i], parsed_free);
  g_free (pipeline.slots);
  g_ptr_array_unref (pipeline.done);
  g_mutex_clear (&pipeline.mutex);
  g_cond_clear (&pipeline.cond);

  if (!ok)
    {
      pb_store_rollback (store);
      return NULL;
    }

  if (!pb_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&report);
}
