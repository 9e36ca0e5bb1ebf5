/* pb-bench.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* pb-bench-text.c: words learnt from the real data, and random draws. */
typedef struct _BenchVocabulary BenchVocabulary;

typedef struct
{
  char      *name;        /* (nullable): the system the paper introduces */
  char      *title;
  char      *abstract;
  char      *ai_summary;  /* (nullable) */
  GPtrArray *keywords;    /* (nullable) (element-type utf8) */
  GPtrArray *authors;     /* (element-type utf8) */
} BenchText;

BenchVocabulary *bench_vocabulary_load  (const char       *source_dir,
                                         GError          **error);
void         bench_vocabulary_free      (BenchVocabulary  *vocab);
char        *bench_vocabulary_dup_person (BenchVocabulary *vocab,
                                         GRand            *rand,
                                         char            **first,
                                         char            **last);
GPtrArray   *bench_vocabulary_get_organizations (BenchVocabulary *vocab);
void         bench_text_generate        (BenchText        *text,
                                         BenchVocabulary  *vocab,
                                         GRand            *rand);
void         bench_text_clear           (BenchText        *text);

double       bench_rand_normal          (GRand            *rand);
int          bench_rand_lognormal       (GRand            *rand,
                                         double            mu,
                                         double            sigma,
                                         int               cap);
int          bench_rand_pareto          (GRand            *rand,
                                         double            xm,
                                         double            alpha,
                                         int               cap);
gboolean     bench_rand_chance          (GRand            *rand,
                                         double            p);
gpointer     bench_rand_pick            (GRand            *rand,
                                         GPtrArray        *array);
char        *bench_rand_hex             (GRand            *rand,
                                         guint             n);

/* pb-bench-corpus.c: synthetic daily lists in the 2026 API shape. */
typedef struct
{
  GPtrArray *paths;        /* (element-type filename): daily files in date order, then trending */
  guint      n_papers;     /* synthetic papers */
  guint      n_lists;      /* daily files */
  guint      n_trending;
  char      *first_day;
  char      *last_day;
  guint64    json_bytes;
} BenchCorpus;

BenchCorpus *bench_corpus_generate   (const char   *source_dir,
                                      const char   *json_dir,
                                      guint         n_papers,
                                      guint32       seed,
                                      GError      **error);
void         bench_corpus_free       (BenchCorpus  *corpus);

GPtrArray   *bench_queries_draw      (GPtrArray    *titles,
                                      guint         n,
                                      gboolean      prefix,
                                      guint32       seed);

/* pb-bench-floor.c: plain SQLite, no pb-core code. */
typedef struct _BenchRows BenchRows;

typedef struct
{
  guint64 papers;          /* the papers table: metadata, titles, abstracts */
  guint64 papers_indexes;
  guint64 raw;             /* paper_raw: the items as the feed sent them */
  guint64 fts;             /* papers_fts_* shadow tables */
  guint64 other;
  guint64 total;
  guint64 text;            /* bytes of indexed text, for scale */
} BenchSizes;

sqlite3     *bench_db_open           (const char   *path,
                                      GError      **error);
void         bench_db_close          (sqlite3      *db);
BenchRows   *bench_rows_read         (sqlite3      *db,
                                      GError      **error);
void         bench_rows_free         (BenchRows    *rows);
guint        bench_rows_n_papers     (BenchRows    *rows);
gboolean     bench_floor_import      (BenchRows    *rows,
                                      const char   *path,
                                      double       *seconds,
                                      GError      **error);
GArray      *bench_naive_search      (sqlite3      *db,
                                      const char   *match,
                                      guint         limit,
                                      GError      **error);
gint64       bench_count_matches     (sqlite3      *db,
                                      const char   *match);
GPtrArray   *bench_ids_of            (sqlite3      *db,
                                      GArray       *pks);
GPtrArray   *bench_read_strings      (sqlite3      *db,
                                      const char   *sql);
gboolean     bench_measure_sizes     (sqlite3      *db,
                                      BenchSizes   *sizes,
                                      GError      **error);

/* pb-bench-report.c: timing, percentiles and tables. */
typedef struct
{
  double p50;
  double p95;
  double max;
  double mean;
} BenchStats;

typedef struct _BenchTable BenchTable;

double       bench_now_ms            (void);
BenchStats   bench_stats             (GArray       *samples);
BenchTable  *bench_table_new         (const char   *title,
                                      const char   *header);
void         bench_table_add         (BenchTable   *table,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void         bench_table_print       (BenchTable   *table);
void         bench_table_free        (BenchTable   *table);
const char  *bench_verdict           (gboolean      pass);
void         bench_progress          (const char   *format,
                                      ...) G_GNUC_PRINTF (1, 2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchVocabulary, bench_vocabulary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchCorpus, bench_corpus_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchRows, bench_rows_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchTable, bench_table_free)

G_END_DECLS
