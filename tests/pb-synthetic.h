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
} PbSyntheticOptions;

gboolean pb_synthetic_fill (PbStore                  *store,
                            const PbSyntheticOptions *options,
                            GError                  **error);

G_END_DECLS
