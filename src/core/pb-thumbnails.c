/* pb-thumbnails.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-thumbnails"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "pb-text.h"
#include "pb-thumbnails.h"

/**
 * PbThumbnailCache:
 *
 * Paper thumbnails on disk, `$XDG_CACHE_HOME/paperboy/thumbnails/ID.img`,
 * so that the window shows them offline. The cache has a size cap and
 * evicts the least recently used files: a file's modification time is its
 * last use, since it is set when the file is stored and again by every
 * pb_thumbnail_cache_lookup() (access times are unreliable with relatime
 * and noatime mounts).
 *
 * Files are written under a temporary name and renamed, so a reader never
 * sees half an image and two processes can store the same thumbnail.
 */

struct _PbThumbnailCache
{
  GObject  parent_instance;

  char    *dir;
  guint64  max_bytes;
};

G_DEFINE_FINAL_TYPE (PbThumbnailCache, pb_thumbnail_cache, G_TYPE_OBJECT)

static void
pb_thumbnail_cache_finalize (GObject *object)
{
  PbThumbnailCache *self = (PbThumbnailCache *)object;

  g_free (self->dir);

  G_OBJECT_CLASS (pb_thumbnail_cache_parent_class)->finalize (object);
}

static void
pb_thumbnail_cache_class_init (PbThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_thumbnail_cache_finalize;
}

static void
pb_thumbnail_cache_init (PbThumbnailCache *self)
{
}

char *
pb_thumbnail_cache_dup_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "paperboy", "thumbnails", NULL);
}

/**
 * pb_thumbnail_cache_new:
 * @dir: (nullable): the folder; %NULL for the default one
 * @max_bytes: the cap; 0 for %PB_THUMBNAIL_CACHE_MAX_BYTES
 */
PbThumbnailCache *
pb_thumbnail_cache_new (const char *dir,
                        guint64     max_bytes)
{
  PbThumbnailCache *self = g_object_new (PB_TYPE_THUMBNAIL_CACHE, NULL);

  self->dir = dir ? g_strdup (dir) : pb_thumbnail_cache_dup_default_dir ();
  self->max_bytes = max_bytes ? max_bytes : PB_THUMBNAIL_CACHE_MAX_BYTES;

  return self;
}

const char *
pb_thumbnail_cache_get_dir (PbThumbnailCache *self)
{
  g_return_val_if_fail (PB_IS_THUMBNAIL_CACHE (self), NULL);
  return self->dir;
}

/**
 * pb_thumbnail_cache_dup_path:
 *
 * Returns: (transfer full) (nullable): where the thumbnail of @id is kept,
 *   whether it is there or not; %NULL for an id that is not safe
 */
char *
pb_thumbnail_cache_dup_path (PbThumbnailCache *self,
                             const char       *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (PB_IS_THUMBNAIL_CACHE (self), NULL);

  if (!pb_text_is_safe_id (id))
    return NULL;

  /* Old-style arXiv ids hold a slash. */
  name = g_strdup_printf ("%s.img", id);
  g_strdelimit (name, "/", '_');

  return g_build_filename (self->dir, name, NULL);
}

gboolean
pb_thumbnail_cache_contains (PbThumbnailCache *self,
                             const char       *id)
{
  g_autofree char *path = pb_thumbnail_cache_dup_path (self, id);

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * pb_thumbnail_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the file of @id's thumbnail, marked
 *   as just used, or %NULL when it is not cached
 */
char *
pb_thumbnail_cache_lookup (PbThumbnailCache *self,
                           const char       *id)
{
  g_autofree char *path = pb_thumbnail_cache_dup_path (self, id);

  if (path == NULL || g_utime (path, NULL) != 0)
    return NULL;

  return g_steal_pointer (&path);
}

/**
 * pb_thumbnail_cache_store:
 * @image: the image file's bytes
 */
gboolean
pb_thumbnail_cache_store (PbThumbnailCache  *self,
                          const char        *id,
                          GBytes            *image,
                          GError           **error)
{
  g_autofree char *path = pb_thumbnail_cache_dup_path (self, id);
  gsize size;
  const char *data;

  g_return_val_if_fail (image != NULL, FALSE);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” cannot name a thumbnail"), id);
      return FALSE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create %1$s: %2$s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (image, &size);
  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

typedef struct
{
  char   *path;
  gint64  used;
  goffset size;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_free (entry);
}

static int
compare_by_use (gconstpointer a,
                gconstpointer b)
{
  const Entry *ea = *(const Entry **)a;
  const Entry *eb = *(const Entry **)b;

  return (ea->used > eb->used) - (ea->used < eb->used);
}

/**
 * pb_thumbnail_cache_evict:
 *
 * Deletes the least recently used thumbnails until the cache fits its cap.
 *
 * Returns: how many were deleted
 */
guint
pb_thumbnail_cache_evict (PbThumbnailCache *self)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  guint64 total = 0;
  guint n_deleted = 0;
  const char *name;

  g_return_val_if_fail (PB_IS_THUMBNAIL_CACHE (self), 0);

  dir = g_dir_open (self->dir, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GStatBuf st;
      Entry *entry;

      if (!g_str_has_suffix (name, ".img"))
        continue;
      entry = g_new0 (Entry, 1);
      entry->path = g_build_filename (self->dir, name, NULL);
      if (g_stat (entry->path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          entry_free (entry);
          continue;
        }
      entry->used = st.st_mtime;
      entry->size = st.st_size;
      total += st.st_size;
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_by_use);
  for (guint i = 0; i < entries->len && total > self->max_bytes; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_unlink (entry->path) == 0)
        {
          total -= entry->size;
          n_deleted++;
        }
    }

  if (n_deleted > 0)
    g_debug ("Evicted %u thumbnails; the cache holds %" G_GUINT64_FORMAT " bytes",
             n_deleted, total);

  return n_deleted;
}
