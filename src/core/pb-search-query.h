/* pb-search-query.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PB_SEARCH_QUERY_DEFAULT     = 0,
  PB_SEARCH_QUERY_PREFIX_LAST = 1 << 0,  /* the last word is still being typed */
  PB_SEARCH_QUERY_STEM_LAST   = 1 << 1,  /* also try shorter forms of the last word */
  PB_SEARCH_QUERY_ANY         = 1 << 2,  /* any word may match (OR), not all */
} PbSearchQueryFlags;

#define PB_SEARCH_QUERY_MAX_CHARS 256
#define PB_SEARCH_QUERY_MAX_TERMS 16

char *pb_search_query_build (const char         *text,
                             PbSearchQueryFlags  flags);

G_END_DECLS
