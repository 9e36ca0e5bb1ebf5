/* pb-background.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_BACKGROUND_UNIT "paperboy-sync.service"

gboolean  pb_background_has_systemd    (void);
gboolean  pb_background_is_running     (const char          *db_path);
char     *pb_background_dup_cli_path   (GError             **error);
void      pb_background_start_async    (GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  pb_background_start_finish   (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
