/* pb-bench-store.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pb-bench.h"
#include "pb-importer.h"
#include "pb-search-query.h"
#include "pb-store.h"

/*
 * The store benchmark: import, search, lists and size of a database of
 * N synthetic papers (100,000 by default) plus the 193 real seed papers,
 * each next to the floor that plain SQLite reaches in the same run on the
 * same rows and queries. It prints tables; it is not a test, and exits 0
 * even when a target is missed.
 *
 *   build/bench/pb-bench-store                       # N = 100,000, a few minutes
 *   build/bench/pb-bench-store --papers 5000 --dir /tmp/b --keep
 *   build/bench/pb-bench-store --dir /tmp/b --reuse --dump searches.tsv
 *
 * --reuse measures again on the databases a --keep run left, without
 * generating or importing; --dump writes one line per search query.
 */

#define SEARCH_LIMIT     50
#define N_QUERIES        200
#define N_QUERY_RUNS     3     /* per query, the median: the host is shared and noisy */
#define N_LIST_RUNS      50
#define N_LIST_PASSES    5
#define N_STARRED        500
#define N_READ_RANDOM    2200
#define N_READ_TOP       300

typedef struct
{
  int       n_papers;
  char     *dir;
  char     *source_dir;
  gboolean  keep;
  gboolean  reuse;
  int       seed;
  char     *dump;
} Options;

typedef struct
{
  Options    options;
  gboolean   made_dir;
  char      *json_dir;
  char      *ours_path;
  char      *floor_path;
  char      *seed_path;
  PbStore   *store;
  sqlite3   *plain;      /* a plain connection to the same database as store */
  FILE      *dump;       /* (nullable): one line per search, for analysis */
  guint      n_checks;
  GPtrArray *misses;     /* (element-type utf8) */
} Bench;

static const char * const seed_queries[] = {
  "neurons",
  "molten salt reactor",
  "assembly",
  "recurrent neural networks",
  "transatomic",
  "spiking neural networks",
  "spiking neur",
  "hopfield",
  "protein folding",
  "sparse distributed representations",
  NULL
};

/* Figures with thousands separators, whatever the locale. */
static const char *
thousands (gint64 value)
{
  static char buffers[16][32];
  static guint next;
  char *out = buffers[next++ % G_N_ELEMENTS (buffers)];
  char digits[32];
  int len, o = 0;

  len = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, ABS (value));
  if (value < 0)
    out[o++] = '-';
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        out[o++] = ',';
      out[o++] = digits[i];
    }
  out[o] = '\0';

  return out;
}

static gboolean
check (Bench      *bench,
       const char *what,
       gboolean    pass)
{
  bench->n_checks++;
  if (!pass)
    g_ptr_array_add (bench->misses, g_strdup (what));

  return pass;
}

static double
megabytes (guint64 bytes)
{
  return bytes / (1024.0 * 1024.0);
}

/* Import */

static GPtrArray *
import_paths (Bench       *bench,
              BenchCorpus *corpus)
{
  GPtrArray *paths = g_ptr_array_new ();

  /* The seed papers go first, so that they have the oldest rows: a plan
   * that favours recent papers must still find them. */
  g_ptr_array_add (paths, bench->seed_path);
  for (guint i = 0; i < corpus->paths->len; i++)
    g_ptr_array_add (paths, g_ptr_array_index (corpus->paths, i));
  g_ptr_array_add (paths, NULL);

  return paths;
}

static gboolean
import_ours (Bench        *bench,
             BenchCorpus  *corpus,
             double       *seconds,
             guint        *n_new,
             GError      **error)
{
  g_autoptr(GPtrArray) paths = import_paths (bench, corpus);
  g_autoptr(PbImportReport) report = NULL;
  PbImportOptions options = { TRUE, PB_LIST_NONE, NULL };
  double start;

  bench->store = pb_store_open (bench->ours_path, error);
  if (bench->store == NULL)
    return FALSE;

  bench_progress ("Importing %u files with pb_import_files()", paths->len - 1);
  start = bench_now_ms ();
  report = pb_import_files (bench->store, (const char * const *)paths->pdata, &options, error);
  *seconds = (bench_now_ms () - start) / 1000.0;
  if (report == NULL)
    return FALSE;

  *n_new = report->stats.n_new;
  if (report->n_failed > 0 || report->n_skipped > 0)
    g_printerr ("warning: %u files failed, %u items skipped\n",
                report->n_failed, report->n_skipped);

  return TRUE;
}

/* For scale: the JSON parsing alone, on one thread, without writing. */
static double
time_parsing (BenchCorpus *corpus)
{
  double start = bench_now_ms ();

  for (guint i = 0; i < corpus->paths->len; i++)
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(PbParseResult) result = NULL;

      if (g_file_get_contents (g_ptr_array_index (corpus->paths, i), &data, &length, NULL))
        result = pb_parser_parse (data, length, NULL);
    }

  return (bench_now_ms () - start) / 1000.0;
}

static gboolean
import_floor (Bench   *bench,
              double  *seconds,
              guint   *n_rows,
              GError **error)
{
  g_autoptr(BenchRows) rows = NULL;

  bench_progress ("Reading the imported rows into memory for the floor");
  rows = bench_rows_read (bench->plain, error);
  if (rows == NULL)
    return FALSE;

  *n_rows = bench_rows_n_papers (rows);
  bench_progress ("Floor: plain sqlite3 insert of %u papers + FTS5 rebuild", *n_rows);

  return bench_floor_import (rows, bench->floor_path, seconds, error);
}

static void
print_import (Bench       *bench,
              BenchCorpus *corpus,
              double       ours,
              double       floor_seconds,
              double       parse,
              guint        n_rows)
{
  g_autofree char *title = NULL;
  g_autoptr(BenchTable) table = NULL;
  double ratio = floor_seconds / ours;

  title = g_strdup_printf ("Import: %s papers (%s daily lists %s to %s, %u trending, seed file); "
                           "%.1f MB of JSON",
                           thousands (n_rows), thousands (corpus->n_lists), corpus->first_day,
                           corpus->last_day, corpus->n_trending, megabytes (corpus->json_bytes));
  table = bench_table_new (title, "what\t>seconds\t>rows/s\t>ratio\ttarget\tresult");
  bench_table_add (table, "ours: pb_import_files (parsing on every core, indexing as it writes)\t%.2f\t%s",
                   ours, thousands (n_rows / ours));
  bench_table_add (table, "floor: sqlite3 inserts of the same rows + FTS5 'rebuild'\t%.2f\t%s",
                   floor_seconds, thousands (n_rows / floor_seconds));
  bench_table_add (table, "ours / floor\t\t\t%.2f\t>= 0.90\t%s", ratio,
                   bench_verdict (check (bench, "import rows/s vs floor", ratio >= 0.9)));
  bench_table_add (table, "for scale: JSON parsing alone, one thread, no writes\t%.2f\t%s",
                   parse, thousands (corpus->n_papers / parse));
  bench_table_print (table);
}

static gboolean
run_import (Bench   *bench,
            GError **error)
{
  g_autoptr(BenchCorpus) corpus = NULL;
  double ours, floor_seconds, parse;
  guint n_new, n_rows;

  bench_progress ("Generating %d papers into %s", bench->options.n_papers, bench->json_dir);
  corpus = bench_corpus_generate (bench->options.source_dir, bench->json_dir,
                                  bench->options.n_papers, bench->options.seed, error);
  if (corpus == NULL || !import_ours (bench, corpus, &ours, &n_new, error))
    return FALSE;

  bench->plain = bench_db_open (bench->ours_path, error);
  if (bench->plain == NULL || !import_floor (bench, &floor_seconds, &n_rows, error))
    return FALSE;
  if (n_rows != n_new)
    g_printerr ("warning: %u papers imported but %u rows in the database\n", n_new, n_rows);

  bench_progress ("Timing the JSON parsing alone");
  parse = time_parsing (corpus);
  print_import (bench, corpus, ours, floor_seconds, parse, n_rows);

  return TRUE;
}

/* Search */

typedef struct
{
  const char *name;
  GPtrArray  *queries;   /* (element-type utf8) */
  GPtrArray  *matches;   /* (element-type utf8): FTS5 expressions */
  GArray     *ours;      /* double, ms */
  GArray     *naive;     /* double, ms */
  GArray     *n_matches; /* double */
  double      overlap;   /* summed share of naive's top 50 that ours returned */
  guint       n_same;    /* queries whose top-50 sets are equal */
} QuerySet;

static void
query_set_clear (QuerySet *set)
{
  g_clear_pointer (&set->queries, g_ptr_array_unref);
  g_clear_pointer (&set->matches, g_ptr_array_unref);
  g_clear_pointer (&set->ours, g_array_unref);
  g_clear_pointer (&set->naive, g_array_unref);
  g_clear_pointer (&set->n_matches, g_array_unref);
}

static void
query_set_init (QuerySet   *set,
                const char *name,
                GPtrArray  *queries)
{
  set->name = name;
  set->queries = queries;
  set->matches = g_ptr_array_new_with_free_func (g_free);
  set->ours = g_array_new (FALSE, FALSE, sizeof (double));
  set->naive = g_array_new (FALSE, FALSE, sizeof (double));
  set->n_matches = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (set->matches, pb_search_query_build (g_ptr_array_index (queries, i),
                                                          PB_SEARCH_QUERY_PREFIX_LAST));
}

static GPtrArray *
search_ours (Bench      *bench,
             const char *text,
             double     *ms)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *papers;
  double start = bench_now_ms ();

  papers = pb_store_search (bench->store, text, SEARCH_LIMIT, &error);
  *ms = bench_now_ms () - start;
  if (papers == NULL)
    {
      g_printerr ("warning: search for “%s” failed: %s\n", text, error->message);
      return g_ptr_array_new ();
    }

  return papers;
}

static GPtrArray *
search_naive (Bench      *bench,
              const char *match,
              double     *ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pks = NULL;
  double start = bench_now_ms ();

  pks = match ? bench_naive_search (bench->plain, match, SEARCH_LIMIT, &error) : NULL;
  *ms = bench_now_ms () - start;
  if (pks == NULL)
    {
      if (error != NULL)
        g_printerr ("warning: naive search for %s failed: %s\n", match, error->message);
      return g_ptr_array_new ();
    }

  return bench_ids_of (bench->plain, pks);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median_of_runs (double *ms)
{
  qsort (ms, N_QUERY_RUNS, sizeof (double), compare_doubles);
  return ms[N_QUERY_RUNS / 2];
}

/* Each search N_QUERY_RUNS times; the results of the last run. */
static GPtrArray *
time_ours (Bench      *bench,
           const char *text,
           double     *ms)
{
  double runs[N_QUERY_RUNS];
  GPtrArray *papers = NULL;

  for (guint r = 0; r < N_QUERY_RUNS; r++)
    {
      g_clear_pointer (&papers, g_ptr_array_unref);
      papers = search_ours (bench, text, &runs[r]);
    }
  *ms = median_of_runs (runs);

  return papers;
}

static GPtrArray *
time_naive (Bench      *bench,
            const char *match,
            double     *ms)
{
  double runs[N_QUERY_RUNS];
  GPtrArray *ids = NULL;

  for (guint r = 0; r < N_QUERY_RUNS; r++)
    {
      g_clear_pointer (&ids, g_ptr_array_unref);
      ids = search_naive (bench, match, &runs[r]);
    }
  *ms = median_of_runs (runs);

  return ids;
}

/* How many of @expected are among @papers. */
static guint
count_found (GPtrArray *papers,
             GPtrArray *expected)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint found = 0;

  for (guint i = 0; i < papers->len; i++)
    g_hash_table_add (ids, (gpointer)pb_paper_get_id (g_ptr_array_index (papers, i)));
  for (guint i = 0; i < expected->len; i++)
    found += g_hash_table_contains (ids, g_ptr_array_index (expected, i));

  return found;
}

static void
run_one_query (Bench    *bench,
               QuerySet *set,
               guint     i)
{
  const char *match = g_ptr_array_index (set->matches, i);
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) naive = NULL;
  double ours_ms, naive_ms, n;
  guint found;

  ours = time_ours (bench, g_ptr_array_index (set->queries, i), &ours_ms);
  naive = time_naive (bench, match, &naive_ms);
  n = match ? bench_count_matches (bench->plain, match) : 0;

  found = count_found (ours, naive);
  set->overlap += naive->len > 0 ? (double)found / naive->len : 1.0;
  set->n_same += found == naive->len && ours->len == naive->len;

  if (bench->dump != NULL)
    fprintf (bench->dump, "%s\t%s\t%s\t%.0f\t%.3f\t%.3f\t%u\t%u\n", set->name,
             (char *)g_ptr_array_index (set->queries, i), match ? match : "", n, ours_ms,
             naive_ms, found, naive->len);

  g_array_append_val (set->ours, ours_ms);
  g_array_append_val (set->naive, naive_ms);
  g_array_append_val (set->n_matches, n);
}

static void
warm_up (Bench    *bench,
         QuerySet *set)
{
  for (guint i = 0; i < set->queries->len; i++)
    {
      double ms;
      g_autoptr(GPtrArray) papers = search_ours (bench, g_ptr_array_index (set->queries, i), &ms);
    }
  for (guint i = 0; i < 10; i++)
    {
      double ms;
      g_autoptr(GPtrArray) ids = search_naive (bench, g_ptr_array_index (set->matches, i), &ms);
    }
}

static void
add_search_rows (Bench      *bench,
                 BenchTable *table,
                 QuerySet   *set)
{
  BenchStats ours = bench_stats (set->ours);
  BenchStats naive = bench_stats (set->naive);
  BenchStats matches = bench_stats (set->n_matches);
  g_autofree char *what = g_strdup_printf ("search %s p50 <= 10 ms, p95 <= 50 ms", set->name);
  gboolean pass = check (bench, what, ours.p50 <= 10 && ours.p95 <= 50);

  bench_table_add (table, "%s (%u)\tours\t%.2f\t%.2f\t%.1f\t%s\t%s\t%.3f\t%u/%u\t"
                   "p50 <= 10, p95 <= 50\t%s",
                   set->name, set->queries->len, ours.p50, ours.p95, ours.max,
                   thousands (matches.p50), thousands (matches.p95),
                   set->overlap / set->queries->len, set->n_same, set->queries->len,
                   bench_verdict (pass));
  bench_table_add (table, "\tnaive\t%.2f\t%.2f\t%.1f\t\t\t\t\t(floor)", naive.p50, naive.p95,
                   naive.max);
}

static void
run_search (Bench     *bench,
            GPtrArray *titles)
{
  QuerySet sets[2] = { { 0, }, { 0, } };
  g_autoptr(BenchTable) table = NULL;

  query_set_init (&sets[0], "1-3 words",
                  bench_queries_draw (titles, N_QUERIES, FALSE, bench->options.seed));
  query_set_init (&sets[1], "type-ahead prefix",
                  bench_queries_draw (titles, N_QUERIES, TRUE, bench->options.seed));

  table = bench_table_new ("Search: pb_store_search (q, 50) with snippets vs the naive "
                           "bm25 ORDER BY ... LIMIT 50 (ms)",
                           "queries\twho\t>p50\t>p95\t>max\t>matches p50\t>matches p95\t"
                           ">recall@50\t>same set\ttarget\tresult");
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      bench_progress ("Search: %s queries, e.g. “%s”", sets[s].name,
                      (char *)g_ptr_array_index (sets[s].queries, 0));
      warm_up (bench, &sets[s]);
      for (guint i = 0; i < sets[s].queries->len; i++)
        run_one_query (bench, &sets[s], i);
      add_search_rows (bench, table, &sets[s]);
      query_set_clear (&sets[s]);
    }

  bench_table_print (table);
  printf ("Times: the median of %d runs of each query, after a warm-up run. recall@50: the "
          "share of the naive\nquery's top 50 that ours returns (1 = exact; ties at the cut "
          "may differ).\n", N_QUERY_RUNS);
}

/* Seed recall */

static GPtrArray *
seed_ids_in (GPtrArray *ids)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (ids, i), "seed-"))
      g_ptr_array_add (seeds, g_strdup (g_ptr_array_index (ids, i)));

  return seeds;
}

static void
run_seed_query (Bench      *bench,
                BenchTable *table,
                const char *query)
{
  g_autofree char *match = pb_search_query_build (query, PB_SEARCH_QUERY_PREFIX_LAST);
  g_autofree char *what = g_strdup_printf ("seed recall “%s”", query);
  g_autoptr(GPtrArray) naive = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  double ms;
  guint found;

  naive = search_naive (bench, match, &ms);
  expected = seed_ids_in (naive);
  ours = search_ours (bench, query, &ms);
  found = count_found (ours, expected);

  bench_table_add (table, "%s\t%s\t%u\t%u\t%.2f\t%.2f\t100%%\t%s", query,
                   thousands (bench_count_matches (bench->plain, match)), expected->len, found,
                   expected->len ? 100.0 * found / expected->len : 100.0, ms,
                   bench_verdict (check (bench, what, found == expected->len)));
}

static void
run_seed_checks (Bench *bench)
{
  g_autoptr(BenchTable) table = NULL;

  bench_progress ("Seed recall checks");
  table = bench_table_new ("Seed recall: seed papers in the exact top 50 (naive bm25 over "
                           "all papers) that ours returns",
                           "query\t>matches\t>seeds in exact top 50\t>found by ours\t>recall %\t"
                           ">ours ms\ttarget\tresult");
  for (guint i = 0; seed_queries[i] != NULL; i++)
    run_seed_query (bench, table, seed_queries[i]);

  bench_table_print (table);
}

/* Lists */

typedef struct
{
  const char *name;
  PbScope     scope;
  PbFilter    filter;
} ListSpec;

static const ListSpec list_specs[] = {
  { "latest day", PB_SCOPE_DAY, PB_FILTER_NONE },
  { "week", PB_SCOPE_WEEK, PB_FILTER_NONE },
  { "month", PB_SCOPE_MONTH, PB_FILTER_NONE },
  { "trending", PB_SCOPE_TRENDING, PB_FILTER_NONE },
  { "all", PB_SCOPE_ALL, PB_FILTER_NONE },
  { "all, starred", PB_SCOPE_ALL, PB_FILTER_STARRED },
  { "all, unread", PB_SCOPE_ALL, PB_FILTER_UNREAD },
};

static const struct
{
  const char *name;
  PbSort      sort;
} list_sorts[] = {
  { "rank", PB_SORT_RANK },
  { "upvotes", PB_SORT_UPVOTES },
  { "date", PB_SORT_DATE },
  { "comments", PB_SORT_COMMENTS },
  { "stars", PB_SORT_STARS },
};

static gboolean
set_flags (Bench      *bench,
           GPtrArray  *ids,
           guint       n,
           gboolean    star,
           GRand      *rand,
           GError    **error)
{
  for (guint i = 0; i < n; i++)
    {
      const char *id = g_ptr_array_index (ids, rand ? (guint)g_rand_int_range (rand, 0, ids->len)
                                                    : i);

      if (star ? !pb_store_set_starred (bench->store, id, TRUE, error)
               : !pb_store_set_read (bench->store, id, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/* Stars on random papers; read marks on the most upvoted ones (people read
 * those first) and on random others. */
static gboolean
mark_user_state (Bench   *bench,
                 GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (bench->options.seed ^ 0x57a2);
  g_autoptr(GPtrArray) ids = bench_read_strings (bench->plain, "SELECT id FROM papers ORDER BY pk");
  g_autoptr(GPtrArray) top = bench_read_strings (bench->plain,
                                                 "SELECT id FROM papers ORDER BY upvotes DESC "
                                                 "LIMIT " G_STRINGIFY (N_READ_TOP));

  if (!pb_store_begin (bench->store, FALSE, error))
    return FALSE;

  if (!set_flags (bench, ids, N_STARRED, TRUE, rand, error) ||
      !set_flags (bench, top, top->len, FALSE, NULL, error) ||
      !set_flags (bench, ids, N_READ_RANDOM, FALSE, rand, error) ||
      !pb_store_commit (bench->store, error))
    {
      pb_store_rollback (bench->store);
      return FALSE;
    }

  return TRUE;
}

/* The lists the table shows: each scope by each sort, rank only for the
 * ranked ones. */
static GArray *
collect_list_queries (void)
{
  GArray *queries = g_array_new (FALSE, FALSE, sizeof (PbListQuery));

  for (guint l = 0; l < G_N_ELEMENTS (list_specs); l++)
    {
      gboolean ranked = list_specs[l].scope == PB_SCOPE_DAY ||
                        list_specs[l].scope == PB_SCOPE_TRENDING;

      for (guint s = ranked ? 0 : 1; s < G_N_ELEMENTS (list_sorts); s++)
        {
          PbListQuery query = { list_specs[l].scope, NULL, list_sorts[s].sort,
                                list_specs[l].filter };

          g_array_append_val (queries, query);
        }
    }

  return queries;
}

static double
time_list (Bench             *bench,
           const PbListQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  double start = bench_now_ms ();

  papers = pb_store_list (bench->store, query, 0, 50, &error);
  if (papers == NULL)
    g_printerr ("warning: list failed: %s\n", error->message);

  return bench_now_ms () - start;
}

/* Five passes over all the lists, ten runs of each list in a pass after
 * one to warm it up: each figure is of a list already in use, and a burst
 * of load from elsewhere on the host spoils a few runs of many lists rather
 * than most runs of one. */
static GPtrArray *
time_lists (Bench  *bench,
            GArray *queries)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  for (guint q = 0; q < queries->len; q++)
    g_ptr_array_add (samples, g_array_new (FALSE, FALSE, sizeof (double)));

  for (guint pass = 0; pass < N_LIST_PASSES; pass++)
    for (guint q = 0; q < queries->len; q++)
      for (guint run = 0; run <= N_LIST_RUNS / N_LIST_PASSES; run++)
        {
          double ms = time_list (bench, &g_array_index (queries, PbListQuery, q));

          if (run > 0)
            g_array_append_val (g_ptr_array_index (samples, q), ms);
        }

  return samples;
}

static const char *
sort_name (PbSort sort)
{
  for (guint s = 0; s < G_N_ELEMENTS (list_sorts); s++)
    if (list_sorts[s].sort == sort)
      return list_sorts[s].name;

  return "?";
}

static const char *
list_name (const PbListQuery *query)
{
  for (guint l = 0; l < G_N_ELEMENTS (list_specs); l++)
    if (list_specs[l].scope == query->scope && list_specs[l].filter == query->filter)
      return list_specs[l].name;

  return "?";
}

static void
add_list_row (Bench             *bench,
              BenchTable        *table,
              const PbListQuery *query,
              GArray            *samples)
{
  g_autofree char *what = g_strdup_printf ("first page of %s by %s", list_name (query),
                                           sort_name (query->sort));
  BenchStats stats = bench_stats (samples);
  gint64 rows = pb_store_count (bench->store, query, NULL);

  bench_table_add (table, "%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t<= 2 ms\t%s", list_name (query),
                   sort_name (query->sort), thousands (rows), stats.p50, stats.p95, stats.max,
                   bench_verdict (check (bench, what, stats.p95 <= 2.0)));
}

static gboolean
run_lists (Bench   *bench,
           GError **error)
{
  g_autoptr(BenchTable) table = NULL;
  g_autoptr(GArray) queries = collect_list_queries ();
  g_autoptr(GPtrArray) samples = NULL;

  bench_progress ("Lists: starring %d papers, marking %d read", N_STARRED,
                  N_READ_TOP + N_READ_RANDOM);
  if (!mark_user_state (bench, error))
    return FALSE;

  samples = time_lists (bench, queries);
  table = bench_table_new ("First page: pb_store_list (query, 0, 50), "
                           G_STRINGIFY (N_LIST_RUNS) " runs each in "
                           G_STRINGIFY (N_LIST_PASSES) " passes over all lists (ms)",
                           "list\tsort\t>rows\t>p50\t>p95\t>max\ttarget (p95)\tresult");
  for (guint q = 0; q < queries->len; q++)
    add_list_row (bench, table, &g_array_index (queries, PbListQuery, q),
                  g_ptr_array_index (samples, q));

  bench_table_print (table);
  return TRUE;
}

/* Sizes */

static gboolean
measure_file (const char  *path,
              BenchSizes  *sizes,
              GError     **error)
{
  sqlite3 *db = bench_db_open (path, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;

  sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
  ok = bench_measure_sizes (db, sizes, error);
  sqlite3_close (db);

  return ok;
}

static void
add_size_row (BenchTable *table,
              const char *part,
              guint64     ours,
              guint64     floor_bytes)
{
  bench_table_add (table, "%s\t%.1f\t%.1f", part, megabytes (ours), megabytes (floor_bytes));
}

static gboolean
run_sizes (Bench   *bench,
           GError **error)
{
  BenchSizes ours, floor_sizes;
  g_autoptr(BenchTable) table = NULL;
  double ratio;

  bench_progress ("Measuring the databases with dbstat");
  if (!measure_file (bench->ours_path, &ours, error) ||
      !measure_file (bench->floor_path, &floor_sizes, error))
    return FALSE;

  ratio = (double)ours.fts / floor_sizes.fts;
  table = bench_table_new ("Database size by part (MB, dbstat)",
                           "part\t>ours\t>floor\t>ours / floor\ttarget\tresult");
  add_size_row (table, "papers table (metadata, titles, abstracts)", ours.papers,
                floor_sizes.papers);
  add_size_row (table, "papers indexes", ours.papers_indexes, floor_sizes.papers_indexes);
  add_size_row (table, "raw JSON (paper_raw)", ours.raw, floor_sizes.raw);
  bench_table_add (table, "FTS index (papers_fts_*)\t%.1f\t%.1f\t%.2f\t<= 1.20\t%s",
                   megabytes (ours.fts), megabytes (floor_sizes.fts), ratio,
                   bench_verdict (check (bench, "FTS index size vs floor", ratio <= 1.2)));
  add_size_row (table, "other tables and indexes", ours.other, floor_sizes.other);
  add_size_row (table, "total", ours.total, floor_sizes.total);
  bench_table_add (table, "for scale: indexed text (titles, authors, abstracts, AI fields)\t%.1f",
                   megabytes (ours.text));
  bench_table_print (table);

  return TRUE;
}

/* Set-up */

static gboolean
parse_options (Options  *options,
               int      *argc,
               char   ***argv,
               GError  **error)
{
  GOptionEntry entries[] = {
    { "papers", 'n', 0, G_OPTION_ARG_INT, &options->n_papers,
      "Synthetic papers to generate (default 100000)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &options->dir,
      "Work folder (default: a new temporary folder)", "DIR" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &options->seed, "Random seed (default 1)", "S" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &options->keep, "Keep the corpus and databases", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &options->reuse,
      "Reuse the databases a --keep run left in --dir: skip generation and import", NULL },
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &options->dump,
      "Write each search (query, FTS5 expression, matches, times, recall) to FILE", "FILE" },
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &options->source_dir,
      "Source tree holding tests/data (default: the one this was built from)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the paper store");

  options->n_papers = 100000;
  options->seed = 1;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (options->source_dir == NULL)
    options->source_dir = g_strdup (PB_BENCH_SOURCE_DIR);
  if (options->n_papers < 1 || (options->reuse && options->dir == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--papers must be positive, and --reuse needs --dir");
      return FALSE;
    }

  return TRUE;
}

static const char * const db_suffixes[] = { "", "-wal", "-shm", NULL };

static void remove_json_files (Bench *bench);

static void
remove_database (const char *path)
{
  for (guint i = 0; db_suffixes[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (path, db_suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
prepare_dir (Bench   *bench,
             GError **error)
{
  Options *options = &bench->options;

  if (options->dir == NULL)
    {
      options->dir = g_dir_make_tmp ("pb-bench-XXXXXX", error);
      if (options->dir == NULL)
        return FALSE;
      bench->made_dir = TRUE;
    }
  else if (g_mkdir_with_parents (options->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create %s", options->dir);
      return FALSE;
    }

  bench->json_dir = g_build_filename (options->dir, "json", NULL);
  bench->ours_path = g_build_filename (options->dir, "ours.db", NULL);
  bench->floor_path = g_build_filename (options->dir, "floor.db", NULL);
  bench->seed_path = g_build_filename (options->source_dir, "tests", "data", "seed",
                                       "search-page.json", NULL);
  if (!options->reuse)
    {
      remove_json_files (bench);
      remove_database (bench->ours_path);
      remove_database (bench->floor_path);
    }

  return TRUE;
}

/* Removes only what this program wrote. */
static void
remove_json_files (Bench *bench)
{
  g_autoptr(GDir) dir = g_dir_open (bench->json_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (bench->json_dir, name, NULL);

      if (g_str_has_prefix (name, "daily_papers_") && g_str_has_suffix (name, ".json"))
        g_unlink (path);
    }
}

static void
remove_work (Bench *bench)
{
  remove_json_files (bench);
  g_rmdir (bench->json_dir);
  remove_database (bench->ours_path);
  remove_database (bench->floor_path);
  g_rmdir (bench->options.dir);
}

static gboolean
open_existing (Bench   *bench,
               GError **error)
{
  bench->store = pb_store_open (bench->ours_path, error);
  if (bench->store == NULL)
    return FALSE;

  bench->plain = bench_db_open (bench->ours_path, error);
  printf ("\n(import skipped: --reuse)\n");

  return bench->plain != NULL;
}

static void
print_summary (Bench *bench)
{
  g_autofree char *misses = NULL;

  if (bench->misses->len == 0)
    {
      printf ("\nSUMMARY: all %u checks PASS\n", bench->n_checks);
      return;
    }

  g_ptr_array_add (bench->misses, NULL);
  misses = g_strjoinv ("; ", (GStrv)bench->misses->pdata);
  g_ptr_array_remove_index (bench->misses, bench->misses->len - 1);
  printf ("\nSUMMARY: %u checks, %u PASS, %u MISS <<<<<< (%s)\n", bench->n_checks,
          bench->n_checks - bench->misses->len, bench->misses->len, misses);
}

static gboolean
run (Bench   *bench,
     GError **error)
{
  g_autoptr(GPtrArray) titles = NULL;

  printf ("Paperboy store benchmark: %s synthetic papers + the seed papers, seed %d, "
          "SQLite %s, work folder %s\n", thousands (bench->options.n_papers),
          bench->options.seed, sqlite3_libversion (), bench->options.dir);

  if (!(bench->options.reuse ? open_existing (bench, error) : run_import (bench, error)))
    return FALSE;

  if (bench->options.dump != NULL && (bench->dump = fopen (bench->options.dump, "w")) == NULL)
    g_printerr ("warning: cannot write %s\n", bench->options.dump);

  titles = bench_read_strings (bench->plain,
                               "SELECT title FROM papers WHERE id NOT LIKE 'seed-%' ORDER BY pk");
  if (titles->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No papers to draw queries from");
      return FALSE;
    }

  run_search (bench, titles);
  run_seed_checks (bench);

  return run_lists (bench, error) && run_sizes (bench, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Bench bench = { { 0, }, };
  gboolean ok;

  bench.misses = g_ptr_array_new_with_free_func (g_free);
  ok = parse_options (&bench.options, &argc, &argv, &error) && prepare_dir (&bench, &error) &&
       run (&bench, &error);
  if (ok)
    print_summary (&bench);
  else
    g_printerr ("pb-bench-store: %s\n", error->message);

  g_clear_object (&bench.store);
  g_clear_pointer (&bench.plain, bench_db_close);
  g_clear_pointer (&bench.dump, fclose);
  if (bench.options.dir != NULL && !bench.options.keep && !bench.options.reuse)
    remove_work (&bench);
  else if (bench.options.dir != NULL)
    printf ("Kept %s\n", bench.options.dir);

  g_ptr_array_unref (bench.misses);
  g_free (bench.options.dir);
  g_free (bench.options.source_dir);
  g_free (bench.options.dump);
  g_free (bench.json_dir);
  g_free (bench.ours_path);
  g_free (bench.floor_path);
  g_free (bench.seed_path);

  return ok ? 0 : 1;
}
