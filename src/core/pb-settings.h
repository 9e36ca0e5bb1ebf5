/* pb-settings.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_SETTINGS_SCHEMA_ID "io.github.paperboy.Paperboy"
#define PB_DEFAULT_API_URL "https://huggingface.co"
#define PB_DEFAULT_REFRESH_MINUTES 180

GSettings *pb_settings_new                      (void);
char      *pb_settings_dup_api_url              (GSettings  *settings);
guint      pb_settings_get_refresh_interval     (GSettings  *settings);
gboolean   pb_settings_get_background_refresh   (GSettings  *settings);

G_END_DECLS
