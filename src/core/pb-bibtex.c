/* pb-bibtex.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-bibtex"

#include "config.h"

#include <string.h>

#include "pb-bibtex.h"

/* Characters that mean something to (La)TeX inside a braced BibTeX field. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\textbackslash{}");
          break;
        /* Not \{ and \}: BibTeX counts those braces too, so a title with
         * one lone brace ended its field early and broke every entry after
         * it. These commands print the same and keep braces balanced. */
        case '{':
          g_string_append (out, "\\textbraceleft{}");
          break;
        case '}':
          g_string_append (out, "\\textbraceright{}");
          break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '~':
          g_string_append (out, "\\textasciitilde{}");
          break;
        case '^':
          g_string_append (out, "\\textasciicircum{}");
          break;
        case '\n':
        case '\r':
        case '\t':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static char *
dup_key_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/**
 * pb_bibtex_dup_key:
 *
 * A citation key that is stable across exports and unique per paper: the
 * first author's family name, the year and the id, as in
 * "ge2024-2405.15738".
 *
 * Returns: (transfer full): the key
 */
char *
pb_bibtex_dup_key (PbPaper *paper)
{
  const char * const *authors = pb_paper_get_authors (paper);
  const char *published = pb_paper_get_published_on (paper);
  g_autofree char *name = NULL;
  g_autofree char *id = g_strdup (pb_paper_get_id (paper));

  if (authors[0] != NULL)
    {
      const char *last = strrchr (authors[0], ' ');

      name = dup_key_part (last ? last + 1 : authors[0]);
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup ("paper");
    }

  g_strdelimit (id, "/", '-');

  return g_strdup_printf ("%s%.4s-%s", name, published ? published : "", id);
}

static void
append_field (GString    *out,
              const char *name,
              const char *value,
              gboolean    escape)
{
  g_string_append_printf (out, "  %-13s = {", name);
  if (escape)
    append_escaped (out, value);
  else
    g_string_append (out, value);
  g_string_append (out, "},\n");
}

static void
append_authors (GString            *out,
                const char * const *authors)
{
  g_string_append_printf (out, "  %-13s = {", "author");
  for (guint i = 0; authors[i] != NULL; i++)
    {
      /* A comma or the word "and" inside a name would split it: brace it. */
      gboolean brace = strchr (authors[i], ',') != NULL ||
                       strstr (authors[i], " and ") != NULL;

      if (i > 0)
        g_string_append (out, " and ");
      if (brace)
        g_string_append_c (out, '{');
      append_escaped (out, authors[i]);
      if (brace)
        g_string_append_c (out, '}');
    }
  g_string_append (out, "},\n");
}

/**
 * pb_bibtex_dup_entry:
 *
 * Returns: (transfer full): a BibTeX @misc entry for the paper, with
 *   eprint and archivePrefix for arXiv papers, ending in a newline
 */
char *
pb_bibtex_dup_entry (PbPaper *paper)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) title = g_string_new ("{");
  GString *out;
  const char *published;

  g_return_val_if_fail (PB_IS_PAPER (paper), NULL);

  key = pb_bibtex_dup_key (paper);
  out = g_string_new (NULL);
  g_string_append_printf (out, "@misc{%s,\n", key);

  /* Double braces keep the title's capitals. */
  append_escaped (title, pb_paper_get_title (paper));
  g_string_append_c (title, '}');
  append_field (out, "title", title->str, FALSE);

  if (pb_paper_get_authors (paper)[0] != NULL)
    append_authors (out, pb_paper_get_authors (paper));

  published = pb_paper_get_published_on (paper);
  if (published != NULL && strlen (published) >= 4)
    {
      g_autofree char *year = g_strndup (published, 4);

      append_field (out, "year", year, FALSE);
    }

  if (pb_paper_is_arxiv (paper))
    {
      g_autofree char *url = pb_paper_dup_arxiv_url (paper);

      append_field (out, "eprint", pb_paper_get_id (paper), FALSE);
      append_field (out, "archivePrefix", "arXiv", FALSE);
      append_field (out, "url", url, FALSE);
    }

  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}
