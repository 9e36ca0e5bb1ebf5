/* pb-format.h
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
  PB_DATE_SHORT,      /* 17 Aug 2026 */
  PB_DATE_LONG,       /* Monday, 17 August 2026 */
  PB_DATE_DAY_TITLE,  /* Today, Yesterday, Mon 17 August */
  PB_DATE_MONTH,      /* August 2026 */
} PbDateStyle;

GDateTime *pb_format_parse_date     (const char  *date);
char      *pb_format_date           (const char  *date,
                                     PbDateStyle  style,
                                     const char  *today);
char      *pb_format_week           (const char  *first_day,
                                     const char  *last_day);
char      *pb_format_count          (int          count);
char      *pb_format_time_ago       (gint64       then,
                                     gint64       now);

G_END_DECLS
