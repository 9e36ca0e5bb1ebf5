/* pb-thumbnail.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *pb_thumbnail_dup_path (const char *paper_id);

G_END_DECLS
