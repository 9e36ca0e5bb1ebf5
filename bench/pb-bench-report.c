/* pb-bench-report.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pb-bench.h"

/*
 * Timing, percentiles and plain-text tables. Tables go to stdout, progress
 * to stderr, so that `pb-bench-store > result.txt` keeps only the figures.
 */

struct _BenchTable
{
  char      *title;
  GPtrArray *rows;          /* (element-type GStrv): the header first */
  GArray    *right_aligned; /* gboolean per column */
};

double
bench_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples. */
static double
percentile (GArray *sorted,
            double  p)
{
  guint rank = (guint)(p / 100.0 * sorted->len + 0.999999);

  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, double, rank - 1);
}

BenchStats
bench_stats (GArray *samples)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  BenchStats stats = { 0, };
  double sum = 0;

  if (sorted->len == 0)
    return stats;

  g_array_sort (sorted, compare_doubles);
  for (guint i = 0; i < sorted->len; i++)
    sum += g_array_index (sorted, double, i);

  stats.p50 = percentile (sorted, 50);
  stats.p95 = percentile (sorted, 95);
  stats.max = g_array_index (sorted, double, sorted->len - 1);
  stats.mean = sum / sorted->len;
  return stats;
}

/**
 * bench_table_new:
 * @header: column names separated by tabs; a name starting with '>' makes
 *   its column right-aligned (for figures)
 */
BenchTable *
bench_table_new (const char *title,
                 const char *header)
{
  BenchTable *table = g_new0 (BenchTable, 1);
  GStrv names = g_strsplit (header, "\t", -1);

  table->title = g_strdup (title);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  table->right_aligned = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean right = names[i][0] == '>';

      g_array_append_val (table->right_aligned, right);
      if (right)
        memmove (names[i], names[i] + 1, strlen (names[i]));
    }
  g_ptr_array_add (table->rows, names);

  return table;
}

void
bench_table_add (BenchTable *table,
                 const char *format,
                 ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (table->rows, g_strsplit (line, "\t", -1));
}

static GArray *
measure_widths (BenchTable *table)
{
  GArray *widths = g_array_new (FALSE, TRUE, sizeof (guint));

  g_array_set_size (widths, table->right_aligned->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; cells[c] != NULL && c < widths->len; c++)
        {
          guint width = g_utf8_strlen (cells[c], -1);

          g_array_index (widths, guint, c) = MAX (g_array_index (widths, guint, c), width);
        }
    }

  return widths;
}

static void
print_row (BenchTable *table,
           GStrv       cells,
           GArray     *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < widths->len; c++)
    {
      const char *cell = cells[c] != NULL ? cells[c] : "";
      guint pad = g_array_index (widths, guint, c) - g_utf8_strlen (cell, -1);
      gboolean right = g_array_index (table->right_aligned, gboolean, c);

      if (c > 0)
        g_string_append (line, "  ");
      if (right)
        g_string_append_printf (line, "%*s%s", pad, "", cell);
      else
        g_string_append_printf (line, "%s%*s", cell, c + 1 < widths->len ? pad : 0, "");
      if (cells[c] == NULL)
        break;
    }

  g_strchomp (line->str);
  printf ("%s\n", line->str);
}

void
bench_table_print (BenchTable *table)
{
  g_autoptr(GArray) widths = measure_widths (table);
  guint total = 0;

  for (guint c = 0; c < widths->len; c++)
    total += g_array_index (widths, guint, c) + (c > 0 ? 2 : 0);

  printf ("\n== %s ==\n", table->title);
  print_row (table, g_ptr_array_index (table->rows, 0), widths);
  for (guint i = 0; i < total; i++)
    putchar ('-');
  putchar ('\n');

  for (guint r = 1; r < table->rows->len; r++)
    print_row (table, g_ptr_array_index (table->rows, r), widths);

  fflush (stdout);
}

void
bench_table_free (BenchTable *table)
{
  if (table == NULL)
    return;

  g_free (table->title);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->right_aligned);
  g_free (table);
}

/* A miss must not scroll by unnoticed. */
const char *
bench_verdict (gboolean pass)
{
  return pass ? "PASS" : "MISS <<<<<<";
}

void
bench_progress (const char *format,
                ...)
{
  static double start = 0;
  g_autofree char *message = NULL;
  va_list args;

  if (start == 0)
    start = bench_now_ms ();

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "[%7.1f s] %s\n", (bench_now_ms () - start) / 1000.0, message);
}
