/* pb-bench-make-db.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * pb-bench-make-db PATH N_PAPERS JSON...: a database of N synthetic papers
 * (tests/pb-synthetic.c) for the benchmarks: about 100 a day back from
 * 2026-08-20, titles of 11 words and abstracts of 200, as PERF-FACTS.md's
 * corpus, their words drawn as often as they come in the real papers of
 * the JSON files (tests/data/hf), so that searches match as many papers
 * as they would.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pb-synthetic.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PbSyntheticOptions options = {
    .last_day = "2026-08-20", .abstract_words = 200, .seed = 2026,
  };
  gint64 start = g_get_monotonic_time ();

  g_autoptr(GPtrArray) vocabulary = NULL;

  if (argc < 4)
    {
      fprintf (stderr, "usage: pb-bench-make-db PATH N_PAPERS JSON...\n");
      return 2;
    }

  options.n_papers = (guint)atoi (argv[2]);
  options.n_days = MAX (1, options.n_papers / 100);

  if ((vocabulary = pb_synthetic_read_vocabulary ((const char * const *)argv + 3, &error)) == NULL)
    {
      fprintf (stderr, "pb-bench-make-db: %s\n", error->message);
      return 1;
    }
  options.vocabulary = vocabulary;

  if ((store = pb_store_open (argv[1], &error)) == NULL ||
      !pb_synthetic_fill (store, &options, &error))
    {
      fprintf (stderr, "pb-bench-make-db: %s\n", error->message);
      return 1;
    }

  printf ("%u papers in %.1f s\n", options.n_papers,
          (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  return 0;
}
