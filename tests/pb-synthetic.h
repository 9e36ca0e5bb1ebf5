/* pb-synthetic.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint       n_papers;
  guint       n_days;          /* daily lists, one a day back from @last_day */
  const char *last_day;        /* YYYY-MM-DD */
  guint       abstract_words;  /* words per abstract */
  guint32     seed;
  GPtrArray  *vocabulary;      /* (nullable) (element-type utf8): words drawn from, with
                                * repetitions as often as they should come; NULL: a
                                * built-in list of 60 (every paper has most of them) */
} PbSyntheticOptions;

gboolean   pb_synthetic_fill            (PbStore                  *store,
                                        const PbSyntheticOptions *options,
                                        GError                  **error);
GPtrArray *pb_synthetic_read_vocabulary (const char * const       *json_files,
                                        GError                  **error);

G_END_DECLS
