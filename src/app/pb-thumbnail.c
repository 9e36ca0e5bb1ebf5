/* pb-thumbnail.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-thumbnail"

#include "config.h"

#include "pb-thumbnail.h"
#include "pb-thumbnails.h"

/*
 * Where the window finds thumbnails: the offline cache the sync downloads
 * them into ($XDG_CACHE_HOME/paperboy/thumbnails/, PbThumbnailCache). The
 * window only reads it, marking each thumbnail it shows as used so that the
 * cache evicts the ones nobody looks at first; a missing one shows a
 * placeholder.
 */

/**
 * pb_thumbnail_dup_path:
 *
 * Blocks on the file system: call it from a thread.
 *
 * Returns: (transfer full) (nullable): the cached thumbnail of the paper,
 *   if there is one
 */
char *
pb_thumbnail_dup_path (const char *paper_id)
{
  g_autoptr(PbThumbnailCache) cache = pb_thumbnail_cache_new (NULL, 0);

  g_return_val_if_fail (paper_id != NULL, NULL);

  return pb_thumbnail_cache_lookup (cache, paper_id);
}
