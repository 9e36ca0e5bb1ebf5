/* pb-text.h
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *pb_text_squash            (const char  *text,
                                     gboolean     keep_paragraphs);
gboolean  pb_text_is_safe_id        (const char  *id);
gboolean  pb_text_is_arxiv_id       (const char  *id);
char     *pb_text_normalize_arxiv_id (const char *text);
gboolean  pb_text_is_valid_date     (const char  *date);
char     *pb_text_date_of_timestamp (const char  *timestamp);
gint64    pb_text_parse_timestamp   (const char  *timestamp);
char     *pb_text_today             (void);
char     *pb_text_date_add_days     (const char  *date,
                                     int          days);
char     *pb_text_format_day        (const char  *date);
char     *pb_text_format_day_short  (const char  *date);
char     *pb_text_format_time       (gint64       unix_time);
char     *pb_text_format_time_short (gint64       unix_time);
void      pb_text_position          (const char  *data,
                                     gsize        offset,
                                     guint       *line,
                                     guint       *column);

G_END_DECLS
