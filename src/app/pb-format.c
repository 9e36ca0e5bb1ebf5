/* pb-format.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-format.h"
#include "pb-text.h"

/**
 * pb_format_parse_date:
 * @date: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): midnight of that day, local time
 */
GDateTime *
pb_format_parse_date (const char *date)
{
  if (date == NULL || !pb_text_is_valid_date (date))
    return NULL;

  return g_date_time_new_local (atoi (date), atoi (date + 5), atoi (date + 8), 0, 0, 0);
}

/**
 * pb_format_date:
 * @date: (nullable): YYYY-MM-DD
 * @today: (nullable): today, YYYY-MM-DD, for %PB_DATE_DAY_TITLE
 *
 * Returns: (transfer full) (nullable): the day as people read it
 */
char *
pb_format_date (const char  *date,
                PbDateStyle  style,
                const char  *today)
{
  g_autoptr(GDateTime) dt = pb_format_parse_date (date);
  g_autofree char *yesterday = NULL;

  if (dt == NULL)
    return NULL;

  switch (style)
    {
    case PB_DATE_SHORT:
      /* Translators: a short date, as in "17 Aug 2026"; see the
       * g_date_time_format() documentation for the codes.
       * xgettext:no-c-format */
      return g_date_time_format (dt, _("%-d %b %Y"));
    case PB_DATE_LONG:
      /* Translators: a long date, as in "Monday, 17 August 2026".
       * xgettext:no-c-format */
      return g_date_time_format (dt, _("%A, %-d %B %Y"));
    case PB_DATE_MONTH:
      /* Translators: a month, as in "August 2026".
       * xgettext:no-c-format */
      return g_date_time_format (dt, _("%B %Y"));
    case PB_DATE_DAY_TITLE:
    default:
      if (today != NULL)
        {
          yesterday = pb_text_date_add_days (today, -1);
          if (g_strcmp0 (date, today) == 0)
            return g_strdup (_("Today"));
          if (g_strcmp0 (date, yesterday) == 0)
            return g_strdup (_("Yesterday"));
          if (strncmp (date, today, 4) != 0)
            /* Translators: a day of another year, as in "Mon 17 August 2025".
             * xgettext:no-c-format */
            return g_date_time_format (dt, _("%a %-d %B %Y"));
        }
      /* Translators: a day of this year, as in "Mon 17 August".
       * xgettext:no-c-format */
      return g_date_time_format (dt, _("%a %-d %B"));
    }
}

/**
 * pb_format_week:
 *
 * Returns: (transfer full) (nullable): "17 – 23 August 2026"
 */
char *
pb_format_week (const char *first_day,
                const char *last_day)
{
  g_autoptr(GDateTime) first = pb_format_parse_date (first_day);
  g_autoptr(GDateTime) last = pb_format_parse_date (last_day);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (first == NULL || last == NULL)
    return NULL;

  /* Translators: the end of a week, as in "23 August 2026".
   * xgettext:no-c-format */
  to = g_date_time_format (last, _("%-d %B %Y"));
  if (g_date_time_get_month (first) == g_date_time_get_month (last))
    /* Translators: the start of a week that ends in the same month, as
     * in "17" of "17 – 23 August 2026".
     * xgettext:no-c-format */
    from = g_date_time_format (first, C_("first day of a week", "%-d"));
  else if (g_date_time_get_year (first) == g_date_time_get_year (last))
    /* Translators: the start of a week, as in "30 July".
     * xgettext:no-c-format */
    from = g_date_time_format (first, _("%-d %B"));
  else
    /* xgettext:no-c-format */
    from = g_date_time_format (first, _("%-d %B %Y"));

  /* Translators: a week, from one day to another, as in "17 – 23 August 2026" */
  return g_strdup_printf (_("%1$s – %2$s"), from, to);
}

/**
 * pb_format_count:
 *
 * Returns: (transfer full): 987, 1.2k, 12k, 1.3M
 */
char *
pb_format_count (int count)
{
  if (count < 1000)
    return g_strdup_printf ("%d", count);
  if (count < 10000)
    /* Translators: thousands, as in "1.2k" (stars, upvotes) */
    return g_strdup_printf (_("%.1fk"), count / 1000.0);
  if (count < 1000000)
    return g_strdup_printf (_("%dk"), count / 1000);
  /* Translators: millions, as in "1.3M" */
  return g_strdup_printf (_("%.1fM"), count / 1000000.0);
}

/**
 * pb_format_time_ago:
 * @then: unix seconds
 * @now: unix seconds
 *
 * Returns: (transfer full): "just now", "5 minutes ago", "yesterday"…
 */
char *
pb_format_time_ago (gint64 then,
                    gint64 now)
{
  gint64 seconds = MAX (now - then, 0);
  gint64 minutes = seconds / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         minutes), (int)minutes);
  if (days < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                            (int)hours);
  if (days == 1)
    return g_strdup (_("yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                          (int)days);
}
