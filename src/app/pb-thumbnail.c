/* pb-thumbnail.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-thumbnail"

#include "config.h"

#include "pb-text.h"
#include "pb-thumbnail.h"

/*
 * Where the window finds thumbnails: the offline cache that the sync
 * downloads them into, $XDG_CACHE_HOME/paperboy/thumbnails/, one file per
 * paper named after its id (the slash of an old-style arXiv id such as
 * hep-th/9901001 becomes '_'). The window only reads it; a missing file shows
 * a placeholder. This is one of the seams with the sync (see HACKING.md):
 * if the sync names its files otherwise, this file is the one to change.
 */

static const char * const extensions[] = { ".png", ".jpg", ".jpeg", ".webp", NULL };

/**
 * pb_thumbnail_dup_cache_dir:
 *
 * Returns: (transfer full): the folder of cached thumbnails
 */
char *
pb_thumbnail_dup_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "paperboy", "thumbnails", NULL);
}

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
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (paper_id != NULL, NULL);

  /* Ids become file names: refuse anything that could leave the folder. */
  if (!pb_text_is_safe_id (paper_id))
    return NULL;

  stem = g_strdelimit (g_strdup (paper_id), "/", '_');
  dir = pb_thumbnail_dup_cache_dir ();
  for (guint i = 0; extensions[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (stem, extensions[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}
