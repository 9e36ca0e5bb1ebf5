/* pb-thumbnails.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_TYPE_THUMBNAIL_CACHE (pb_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (PbThumbnailCache, pb_thumbnail_cache, PB, THUMBNAIL_CACHE, GObject)

#define PB_THUMBNAIL_CACHE_MAX_BYTES (96 * 1024 * 1024)

char             *pb_thumbnail_cache_dup_default_dir (void);
PbThumbnailCache *pb_thumbnail_cache_new             (const char        *dir,
                                                      guint64            max_bytes);
const char       *pb_thumbnail_cache_get_dir         (PbThumbnailCache  *self);
char             *pb_thumbnail_cache_dup_path        (PbThumbnailCache  *self,
                                                      const char        *id);
gboolean          pb_thumbnail_cache_contains        (PbThumbnailCache  *self,
                                                      const char        *id);
char             *pb_thumbnail_cache_lookup          (PbThumbnailCache  *self,
                                                      const char        *id);
gboolean          pb_thumbnail_cache_store           (PbThumbnailCache  *self,
                                                      const char        *id,
                                                      GBytes            *image,
                                                      GError           **error);
guint             pb_thumbnail_cache_evict           (PbThumbnailCache  *self);

G_END_DECLS
