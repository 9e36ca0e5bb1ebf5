/* pb-text.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-text.h"

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
         c == 0x2028 || c == 0x2029;
}

static gboolean
is_invisible_control (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
         type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE;
}

/**
 * pb_text_squash:
 * @text: (nullable): valid UTF-8
 * @keep_paragraphs: whether a blank line survives as a paragraph break
 *
 * Makes feed text fit for display: arXiv wraps titles and abstracts with hard
 * line breaks and indentation, and feed text may carry control characters.
 * Runs of white space become one space (or one blank line when they held a
 * blank line and @keep_paragraphs is set); control and format characters are
 * dropped; the ends are trimmed.
 *
 * Returns: (transfer full): the squashed text, "" for %NULL
 */
typedef struct
{
  GString  *out;
  guint     pending_newlines;
  gboolean  pending_space;
  gboolean  keep_paragraphs;
} Squash;

/* Writes the white space held back before the next visible character. */
static inline void
flush_space (Squash *sq)
{
  if (sq->pending_space && sq->out->len > 0)
    {
      if (sq->keep_paragraphs && sq->pending_newlines >= 2)
        g_string_append (sq->out, "\n\n");
      else
        g_string_append_c (sq->out, ' ');
    }
  sq->pending_space = FALSE;
  sq->pending_newlines = 0;
}

/**
 * pb_text_squash:
 * @text: (nullable): valid UTF-8
 * @keep_paragraphs: whether a blank line survives as a paragraph break
 *
 * Makes feed text fit for display: arXiv wraps titles and abstracts with hard
 * line breaks and indentation, and feed text may carry control characters.
 * Runs of white space become one space (or one blank line when they held a
 * blank line and @keep_paragraphs is set); control and format characters are
 * dropped; the ends are trimmed.
 *
 * Returns: (transfer full): the squashed text, "" for %NULL
 */
char *
pb_text_squash (const char *text,
                gboolean    keep_paragraphs)
{
  Squash sq = { NULL, 0, FALSE, keep_paragraphs };
  const char *p = text;

  if (text == NULL)
    return g_strdup ("");

  sq.out = g_string_sized_new (strlen (text));

  while (*p)
    {
      guchar b = *p;
      gunichar c;

      /* Most feed text is ASCII: decide byte by byte, which is several
       * times faster than asking GLib about every character (it shows in
       * the import of large backfills). */
      if (b < 0x80)
        {
          if (b == ' ' || (b >= '\t' && b <= '\r'))
            {
              sq.pending_space = TRUE;
              sq.pending_newlines += b == '\n';
            }
          else if (b >= 0x20 && b != 0x7f)
            {
              flush_space (&sq);
              g_string_append_c (sq.out, b);
            }
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (is_space (c))
        {
          sq.pending_space = TRUE;
          sq.pending_newlines += c == 0x2029;
        }
      else if (!is_invisible_control (c))
        {
          flush_space (&sq);
          g_string_append_unichar (sq.out, c);
        }
    }

  return g_string_free (sq.out, FALSE);
}

/**
 * pb_text_is_safe_id:
 *
 * Paper ids go into file names, addresses and BibTeX keys. Real ids are arXiv
 * ids ("2405.15738", old style "hep-th/9901001"); anything else must still be
 * short and made of letters, digits, '.', '-', '_' and '/', without "..".
 */
gboolean
pb_text_is_safe_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > 64)
    return FALSE;
  if (!g_ascii_isalnum (id[0]) || id[len - 1] == '/' || id[len - 1] == '.')
    return FALSE;
  if (strstr (id, "..") != NULL || strstr (id, "//") != NULL)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = id[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '-' && c != '_' && c != '/')
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * pb_text_is_arxiv_id:
 *
 * Returns: whether @id is a bare arXiv id, new style (YYMM.NNNNN) or old
 *   style (archive/YYMMNNN), without version
 */
gboolean
pb_text_is_arxiv_id (const char *id)
{
  const char *slash;
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if ((len == 9 || len == 10) && id[4] == '.')
    return all_digits (id, 4) && all_digits (id + 5, len - 5);

  slash = strchr (id, '/');
  if (slash == NULL || slash == id || strlen (slash + 1) != 7 || !all_digits (slash + 1, 7))
    return FALSE;
  for (const char *p = id; p < slash; p++)
    if (!g_ascii_islower (*p) && *p != '-' && *p != '.' && !g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

/**
 * pb_text_normalize_arxiv_id:
 * @text: an arXiv id, possibly with a version ("2405.15738v2"), an "arXiv:"
 *   prefix, or an arxiv.org or huggingface.co address
 *
 * Returns: (transfer full) (nullable): the bare id, or %NULL if @text names
 *   no arXiv paper
 */
char *
pb_text_normalize_arxiv_id (const char *text)
{
  static const char * const prefixes[] = {
    "https://huggingface.co/papers/", "http://huggingface.co/papers/",
    "https://arxiv.org/abs/", "http://arxiv.org/abs/",
    "https://arxiv.org/pdf/", "http://arxiv.org/pdf/",
    "https://www.arxiv.org/abs/", "arXiv:", "arxiv:",
  };
  g_autofree char *id = NULL;
  char *end;

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (text, prefixes[i]))
      {
        text += strlen (prefixes[i]);
        break;
      }

  id = g_strdup (text);
  if ((end = strpbrk (id, "?#")) != NULL)
    *end = '\0';
  if (g_str_has_suffix (id, ".pdf"))
    id[strlen (id) - 4] = '\0';
  if (g_str_has_suffix (id, "/"))
    id[strlen (id) - 1] = '\0';

  /* Drop a version suffix: "v" followed by digits at the end. */
  end = strrchr (id, 'v');
  if (end != NULL && end > id && end[1] != '\0' && all_digits (end + 1, strlen (end + 1)))
    *end = '\0';

  if (!pb_text_is_arxiv_id (id))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * pb_text_is_valid_date:
 *
 * Returns: whether @date is a real calendar date written YYYY-MM-DD
 */
gboolean
pb_text_is_valid_date (const char *date)
{
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (!all_digits (date, 4) || !all_digits (date + 5, 2) || !all_digits (date + 8, 2))
    return FALSE;

  y = atoi (date);
  m = atoi (date + 5);
  d = atoi (date + 8);

  return g_date_valid_dmy (d, m, y);
}

/**
 * pb_text_parse_timestamp:
 * @timestamp: ISO 8601, as the feed writes it ("2026-08-17T00:00:00.000Z")
 *
 * Returns: unix seconds, or 0 if @timestamp is not a timestamp
 */
gint64
pb_text_parse_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) dt = NULL;

  if (timestamp == NULL || strlen (timestamp) > 64)
    return 0;

  dt = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (dt == NULL)
    return 0;

  return g_date_time_to_unix (dt);
}

/**
 * pb_text_date_of_timestamp:
 *
 * Returns: (transfer full) (nullable): the UTC date part, YYYY-MM-DD
 */
char *
pb_text_date_of_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (timestamp == NULL || strlen (timestamp) > 64)
    return NULL;

  dt = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%d");
}

/**
 * pb_text_today:
 *
 * Returns: (transfer full): today's local date, YYYY-MM-DD
 */
char *
pb_text_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * pb_text_date_add_days:
 * @date: YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): @date moved by @days, or %NULL if
 *   @date is not a date
 */
char *
pb_text_date_add_days (const char *date,
                       int         days)
{
  GDate d;
  char buf[16];

  if (!pb_text_is_valid_date (date))
    return NULL;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, atoi (date + 8), atoi (date + 5), atoi (date));
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);

  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u",
              g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return g_strdup (buf);
}

/* Dates for people.
 *
 * The formats are translatable, so that each language puts the day, the
 * month and the year in its own order and words; the names of months come
 * from the locale (LC_TIME) through g_date_time_format(). Dates that are
 * data (JSON, --date arguments, the database) stay YYYY-MM-DD. */

static GDateTime *
new_day (const char *date)
{
  if (!pb_text_is_valid_date (date))
    return NULL;

  /* Noon UTC: a calendar day, whatever the time zone. */
  return g_date_time_new_utc (atoi (date), atoi (date + 5), atoi (date + 8), 12, 0, 0);
}

/**
 * pb_text_format_day:
 * @date: (nullable): a calendar day, YYYY-MM-DD
 *
 * Returns: (transfer full): @date as people write it in their language,
 *   such as "20 August 2026"; @date itself when it is not a date, "" for
 *   %NULL
 */
char *
pb_text_format_day (const char *date)
{
  g_autoptr(GDateTime) day = new_day (date);

  if (day == NULL)
    return g_strdup (date ? date : "");

  /* Translators: a calendar day, such as "20 August 2026", as
   * g_date_time_format() writes it: %-d the day of the month, %B the name
   * of the month, %Y the year. Put them in the order of your language. */
  return g_date_time_format (day, _("%-d %B %Y"));
}

/**
 * pb_text_format_day_short:
 * @date: (nullable): a calendar day, YYYY-MM-DD
 *
 * Returns: (transfer full): @date, short, for a column of a table: "20 Aug
 *   2026"; @date itself when it is not a date, "" for %NULL
 */
char *
pb_text_format_day_short (const char *date)
{
  g_autoptr(GDateTime) day = new_day (date);

  if (day == NULL)
    return g_strdup (date ? date : "");

  /* Translators: a calendar day in a column of a table, such as "20 Aug
   * 2026" (%b is the short name of the month); see g_date_time_format() */
  return g_date_time_format (day, _("%-d %b %Y"));
}

/**
 * pb_text_format_time:
 * @unix_time: unix seconds
 *
 * Returns: (transfer full): the local date and time, such as "20 August
 *   2026, 09:05"
 */
char *
pb_text_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (unix_time);

  if (moment == NULL)
    return g_strdup ("");

  /* Translators: a date and time, such as "20 August 2026, 09:05"; see
   * g_date_time_format() */
  return g_date_time_format (moment, _("%-d %B %Y, %H:%M"));
}

/**
 * pb_text_format_time_short:
 * @unix_time: unix seconds
 *
 * Returns: (transfer full): the local date and time, short, for a column
 *   of a table: "20 Aug 2026 09:05"
 */
char *
pb_text_format_time_short (gint64 unix_time)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (unix_time);

  if (moment == NULL)
    return g_strdup ("");

  /* Translators: a date and time in a column of a table, such as "20 Aug
   * 2026 09:05"; see g_date_time_format() */
  return g_date_time_format (moment, _("%-d %b %Y %H:%M"));
}

/**
 * pb_text_position:
 * @data: the text, NUL-terminated or at least @offset bytes long
 * @offset: a byte offset into @data
 *
 * Turns a byte offset into a 1-based line and column (in characters, as far
 * as the text up to there is valid UTF-8; in bytes after that).
 */
void
pb_text_position (const char *data,
                  gsize       offset,
                  guint      *line,
                  guint      *column)
{
  gsize line_start = 0;
  guint l = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        l++;
        line_start = i + 1;
      }

  *line = l;
  if (g_utf8_validate (data + line_start, offset - line_start, NULL))
    *column = g_utf8_strlen (data + line_start, offset - line_start) + 1;
  else
    *column = offset - line_start + 1;
}
