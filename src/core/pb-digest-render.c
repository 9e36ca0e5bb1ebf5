/* pb-digest-render.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-digest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "pb-digest-private.h"
#include "pb-text.h"

/*
 * Rendering a digest: plain text, HTML, Pango markup (the preview in the
 * window) and the MIME message. Pure functions of the digest.
 *
 * Every field of a paper comes from the network, so: in HTML and markup each
 * one is escaped; links are written only for http(s) addresses that parse;
 * headers are built by GMime (which folds and RFC 2047-encodes them) from
 * text whose control characters, CR and LF included, were turned into
 * spaces first, so no field can add a header. No image, remote or not, and
 * nothing that tracks.
 */

/* GMime 3.2 declares no cleanup functions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)

#define TEXT_WIDTH        72
#define SUMMARY_MAX_CHARS 600
#define SUBJECT_MAX_CHARS 80
#define AUTHORS_SHOWN     4

typedef struct
{
  char *hf;        /* (nullable) each of them */
  char *arxiv;
  char *pdf;
  char *code;
  char *project;
} Links;

static void
links_clear (Links *links)
{
  g_free (links->hf);
  g_free (links->arxiv);
  g_free (links->pdf);
  g_free (links->code);
  g_free (links->project);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Links, links_clear)

/* Only absolute http(s) addresses that parse strictly become links. */
static char *
dup_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  return g_uri_to_string (uri);
}

static void
get_links (PbPaper *paper,
           Links   *links)
{
  g_autofree char *hf = pb_paper_dup_huggingface_url (paper);
  g_autofree char *arxiv = pb_paper_dup_arxiv_url (paper);
  g_autofree char *pdf = pb_paper_dup_pdf_url (paper);

  links->hf = dup_web_url (hf);
  links->arxiv = dup_web_url (arxiv);
  links->pdf = dup_web_url (pdf);
  links->code = dup_web_url (pb_paper_get_github_repo (paper));
  links->project = dup_web_url (pb_paper_get_project_page (paper));
}

/* Header text: one line, no control characters, not too long. */
static char *
dup_header_text (const char *text,
                 guint       max_chars)
{
  g_autofree char *line = pb_text_squash (text, FALSE);
  const char *cut;

  if (g_utf8_strlen (line, -1) <= max_chars)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, max_chars - 1);
  while (cut > line && *cut != ' ')
    cut--;
  if (cut == line)
    cut = g_utf8_offset_to_pointer (line, max_chars - 1);

  return g_strdup_printf ("%.*s…", (int)(cut - line), line);
}

static gboolean
is_abbreviation (const char *start,
                 const char *dot)
{
  static const char * const abbreviations[] = {
    "e.g", "i.e", "et al", "vs", "Fig", "fig", "Eq", "eq", "cf", "etc", "approx", "Sec", "Ref",
    "Tab", "resp", "No", "Dr", "Prof", "St",
  };

  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    {
      gsize len = strlen (abbreviations[i]);

      if ((gsize)(dot - start) >= len && strncmp (dot - len, abbreviations[i], len) == 0 &&
          (dot - len == start || !g_ascii_isalpha (dot[-(gssize)len - 1])))
        return TRUE;
    }

  return FALSE;
}

/**
 * _pb_digest_first_sentences:
 *
 * The first @n_sentences sentences of an abstract: a sentence ends at ".",
 * "!" or "?" followed by a space and a capital letter or digit, except
 * after common abbreviations ("e.g.", "et al.", "Fig.").
 */
char *
_pb_digest_first_sentences (const char *text,
                            guint       n_sentences)
{
  g_autofree char *flat = pb_text_squash (text, FALSE);
  guint found = 0;

  for (const char *p = flat; *p; p++)
    {
      if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ' &&
          (g_unichar_isupper (g_utf8_get_char (p + 2)) || g_ascii_isdigit (p[2])) &&
          !(*p == '.' && is_abbreviation (flat, p)))
        {
          if (++found == n_sentences)
            return g_strndup (flat, p + 1 - flat);
        }
    }

  return g_steal_pointer (&flat);
}

/**
 * _pb_digest_dup_summary:
 *
 * Returns: (transfer full): the AI summary, or the abstract's first two
 *   sentences, cut at a word near SUMMARY_MAX_CHARS; "" when neither exists
 */
char *
_pb_digest_dup_summary (PbPaper *paper)
{
  const char *ai = pb_paper_get_ai_summary (paper);
  g_autofree char *summary = NULL;

  if (ai != NULL && *ai != '\0')
    summary = pb_text_squash (ai, FALSE);
  else
    summary = _pb_digest_first_sentences (pb_paper_get_abstract (paper), 2);

  if (g_utf8_strlen (summary, -1) > SUMMARY_MAX_CHARS)
    return dup_header_text (summary, SUMMARY_MAX_CHARS);

  return g_steal_pointer (&summary);
}

static char *
format_day (const char *day,
            gboolean    short_form)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (atoi (day), atoi (day + 5), atoi (day + 8),
                                                 12, 0, 0);

  /* Translators: a date as g_date_time_format() writes it: "Thursday, 20
   * August 2026" and, short, "Thu 20 Aug" */
  return g_date_time_format (dt, short_form ? _("%a %-d %b") : _("%A, %-d %B %Y"));
}

static char *
dup_title (PbPaper *paper)
{
  return pb_text_squash (pb_paper_get_title (paper), FALSE);
}

static char *
dup_counts (PbPaper *paper)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  int upvotes = pb_paper_get_upvotes (paper);
  int comments = pb_paper_get_comments (paper);
  int stars = pb_paper_get_github_stars (paper);

  /* %'d: thousands separated as the locale (LC_NUMERIC) does it */
  if (upvotes >= 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d upvote",
                                                          "%'d upvotes", upvotes), upvotes));
  if (comments >= 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d comment",
                                                          "%'d comments", comments), comments));
  if (stars >= 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d GitHub star",
                                                          "%'d GitHub stars", stars), stars));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (GStrv)parts->pdata);
}

static char *
dup_heading (PbDigest *self)
{
  g_autofree char *date = format_day (self->day, FALSE);
  guint n = self->papers->len;

  if (n == 0)
    /* Translators: %s is a date */
    return g_strdup_printf (_("%s · no new papers"), date);

  /* Translators: %s is a date, %u a number of papers */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s · %2$u trending paper",
                                       "%1$s · %2$u trending papers", n), date, n);
}

static char *
dup_selection_text (PbDigest *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *since = format_day (self->since_day, FALSE);
  const PbDigestConfig *config = self->config;

  /* Translators: the sentence under a digest that says how its papers were
   * chosen is made of this part, then maybe ", with at least 5 upvotes",
   * maybe ", matching “a” or “b”", then ", leaving out papers you hid and
   * papers already sent."; %s is a day, %u the most papers a digest holds */
  g_string_append_printf (text, _("Chosen from the papers listed on Hugging Face since %1$s: "
                                  "the most upvoted, at most %2$u"), since, config->max_papers);
  if (config->min_upvotes > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", with at least %d upvote",
                                               ", with at least %d upvotes", config->min_upvotes),
                            config->min_upvotes);
  if (config->keywords != NULL && config->keywords[0] != NULL)
    {
      g_autofree char *words = g_strdup_printf ("“%s”", config->keywords[0]);

      for (guint i = 1; config->keywords[i] != NULL; i++)
        {
          g_autofree char *longer = NULL;

          /* Translators: keywords of the digest, in quotes: "“a” or “b”"; the
           * first %s may already be a list such as "“a” or “b”" */
          longer = g_strdup_printf (_("%1$s or “%2$s”"), words, config->keywords[i]);
          g_free (words);
          words = g_steal_pointer (&longer);
        }
      /* Translators: a part of the sentence on how papers were chosen; %s is
       * a list of keywords such as "“a” or “b”" */
      g_string_append_printf (text, _(", matching %s"), words);
    }
  /* Translators: the end of the sentence on how papers were chosen */
  g_string_append (text, _(", leaving out papers you hid and papers already sent."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_manage_text (void)
{
  return g_strdup (_("To change or stop this digest, open Paperboy and choose Preferences, "
                     "Email digest; or run “gsettings set io.github.paperboy.Paperboy "
                     "digest-enabled false”."));
}

/**
 * pb_digest_dup_subject:
 *
 * Returns: (transfer full): the subject: the date, the first title and how
 *   many more papers follow; different every day, so that mail clients do
 *   not thread digests together
 */
char *
pb_digest_dup_subject (PbDigest *self)
{
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  guint n;

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);

  date = format_day (self->day, TRUE);
  n = self->papers->len;

  if (n == 0)
    /* Translators: %s is a short date */
    return g_strdup_printf (_("Paperboy, %s: no new papers"), date);

  title = dup_header_text (pb_paper_get_title (g_ptr_array_index (self->papers, 0)),
                           SUBJECT_MAX_CHARS);
  if (n == 1)
    /* Translators: %s is a short date, then a paper's title */
    return g_strdup_printf (_("Paperboy, %1$s: %2$s"), date, title);

  /* Translators: a short date, a paper's title and how many more papers */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paperboy, %1$s: %2$s, and %3$u more",
                                       "Paperboy, %1$s: %2$s, and %3$u more", n - 1),
                          date, title, n - 1);
}

/* Plain text */

/* Wraps @text at spaces; the first line starts with @first, the others
 * with @indent. */
static void
append_wrapped_hanging (GString    *out,
                        const char *text,
                        const char *first,
                        const char *indent,
                        guint       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  gboolean first_line = TRUE;
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (column > 0 && column + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      if (column == 0)
        {
          const char *prefix = first_line ? first : indent;

          g_string_append (out, prefix);
          column = g_utf8_strlen (prefix, -1);
          first_line = FALSE;
        }
      else
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  g_string_append_c (out, '\n');
}

static void
append_wrapped (GString    *out,
                const char *text,
                const char *indent,
                guint       width)
{
  append_wrapped_hanging (out, text, indent, indent, width);
}

static void
append_text_paper (GString *out,
                   PbPaper *paper,
                   guint    number)
{
  g_autofree char *title = dup_title (paper);
  g_autofree char *authors = pb_paper_dup_authors_short (paper, AUTHORS_SHOWN);
  g_autofree char *counts = dup_counts (paper);
  g_autofree char *summary = _pb_digest_dup_summary (paper);
  g_autofree char *number_text = g_strdup_printf ("%u. ", number);
  g_autofree char *hanging = g_strnfill (strlen (number_text), ' ');
  g_auto(Links) links = { 0, };

  get_links (paper, &links);

  append_wrapped_hanging (out, title, number_text, hanging, TEXT_WIDTH);
  if (links.hf)
    g_string_append_printf (out, "   %s\n", links.hf);
  if (*authors)
    append_wrapped (out, authors, "   ", TEXT_WIDTH);
  if (*counts)
    g_string_append_printf (out, "   %s\n", counts);
  if (*summary)
    {
      g_string_append_c (out, '\n');
      append_wrapped (out, summary, "   ", TEXT_WIDTH);
    }
  if (links.arxiv || links.pdf || links.code || links.project)
    {
      /* Labels, then addresses lined up two spaces after the longest label. */
      const struct { const char *label; const char *url; } rows[] = {
        { _("arXiv:"), links.arxiv }, { _("PDF:"), links.pdf },
        { _("Code:"), links.code }, { _("Project:"), links.project },
      };
      glong width = 0;

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        width = MAX (width, g_utf8_strlen (rows[i].label, -1));
      g_string_append_c (out, '\n');
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (rows[i].url != NULL)
          {
            g_string_append_printf (out, "   %s", rows[i].label);
            for (glong n = g_utf8_strlen (rows[i].label, -1); n < width + 2; n++)
              g_string_append_c (out, ' ');
            g_string_append_printf (out, "%s\n", rows[i].url);
          }
    }
  g_string_append_c (out, '\n');
}

/**
 * pb_digest_render_text:
 *
 * Returns: (transfer full): the plain-text part, lines of at most 72
 *   characters except long addresses, LF line ends
 */
char *
pb_digest_render_text (PbDigest *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *manage = NULL;

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);

  heading = dup_heading (self);
  g_string_append_printf (out, "Paperboy\n%s\n\n", heading);

  if (self->papers->len == 0)
    append_wrapped (out, _("No new trending papers since the last digest."), "", TEXT_WIDTH);
  for (guint i = 0; i < self->papers->len; i++)
    append_text_paper (out, g_ptr_array_index (self->papers, i), i + 1);

  selection = dup_selection_text (self);
  manage = dup_manage_text ();
  g_string_append (out, "-- \n");
  append_wrapped (out, selection, "", TEXT_WIDTH);
  append_wrapped (out, manage, "", TEXT_WIDTH);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* HTML. Inline styles for the light look, which every client keeps; a
 * style block switches to dark colors where the client supports
 * prefers-color-scheme. Either way each text has its own background. */

#define FONT "font-family:Cantarell,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"

static const char html_head[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"%s\">\n<head>\n"
  "<meta charset=\"utf-8\">\n"
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
  "<meta name=\"color-scheme\" content=\"light dark\">\n"
  "<meta name=\"supported-color-schemes\" content=\"light dark\">\n"
  "<title>%s</title>\n"
  "<style>\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  .pb-page { background-color: #1e1e1e !important; color: #ffffff !important; }\n"
  "  .pb-card { background-color: #303030 !important; border-color: #474747 !important; }\n"
  "  .pb-text { color: #ffffff !important; }\n"
  "  .pb-dim { color: #c0bfbc !important; }\n"
  "  .pb-link { color: #99c1f1 !important; }\n"
  "}\n"
  "</style>\n</head>\n";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_html_link (GString    *out,
                  const char *url,
                  const char *label,
                  gboolean   *first)
{
  if (url == NULL)
    return;

  if (!*first)
    g_string_append (out, " &#183; ");
  *first = FALSE;

  g_string_append (out, "<a class=\"pb-link\" style=\"color:#1c71d8;text-decoration:none;\" "
                        "href=\"");
  append_escaped (out, url);
  g_string_append (out, "\">");
  append_escaped (out, label);
  g_string_append (out, "</a>");
}

static void
append_html_paper (GString *out,
                   PbPaper *paper,
                   guint    number)
{
  g_autofree char *title = dup_title (paper);
  g_autofree char *authors = pb_paper_dup_authors_short (paper, AUTHORS_SHOWN);
  g_autofree char *counts = dup_counts (paper);
  g_autofree char *summary = _pb_digest_dup_summary (paper);
  g_auto(Links) links = { 0, };
  gboolean first = TRUE;

  get_links (paper, &links);

  g_string_append (out,
                   "<tr><td class=\"pb-card\" style=\"background-color:#ffffff;"
                   "border:1px solid #deddda;border-radius:12px;padding:16px 20px;\">\n");
  g_string_append_printf (out, "<p class=\"pb-dim\" style=\"margin:0 0 6px;font-size:13px;"
                          "color:#5e5c64;\">#%u", number);
  if (*counts)
    {
      g_string_append (out, " &#183; ");
      append_escaped (out, counts);
    }
  g_string_append (out, "</p>\n<h2 class=\"pb-text\" style=\"margin:0 0 6px;font-size:18px;"
                        "line-height:1.3;color:#241f31;\">");
  if (links.hf != NULL)
    {
      g_string_append (out, "<a class=\"pb-link\" style=\"color:#1c71d8;text-decoration:none;\" "
                            "href=\"");
      append_escaped (out, links.hf);
      g_string_append (out, "\">");
      append_escaped (out, title);
      g_string_append (out, "</a>");
    }
  else
    append_escaped (out, title);
  g_string_append (out, "</h2>\n");

  if (*authors)
    {
      g_string_append (out, "<p class=\"pb-dim\" style=\"margin:0 0 10px;font-size:14px;"
                            "color:#5e5c64;\">");
      append_escaped (out, authors);
      g_string_append (out, "</p>\n");
    }
  if (*summary)
    {
      g_string_append (out, "<p class=\"pb-text\" style=\"margin:0 0 12px;font-size:15px;"
                            "line-height:1.5;color:#241f31;\">");
      append_escaped (out, summary);
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<p style=\"margin:0;font-size:14px;\">");
  append_html_link (out, links.arxiv, _("arXiv"), &first);
  append_html_link (out, links.pdf, _("PDF"), &first);
  append_html_link (out, links.code, _("Code"), &first);
  append_html_link (out, links.project, _("Project page"), &first);
  g_string_append (out, "</p>\n</td></tr>\n<tr><td style=\"height:12px;line-height:12px;"
                        "font-size:12px;\">&#160;</td></tr>\n");
}

static void
append_html_preheader (GString  *out,
                       PbDigest *self)
{
  /* What inboxes show after the subject: the titles. */
  g_string_append (out, "<div style=\"display:none;max-height:0;overflow:hidden;\">");
  for (guint i = 0; i < self->papers->len && i < 3; i++)
    {
      g_autofree char *title = dup_title (g_ptr_array_index (self->papers, i));

      if (i > 0)
        g_string_append (out, " · ");
      append_escaped (out, title);
    }
  g_string_append (out, "</div>\n");
}

/**
 * pb_digest_render_html:
 *
 * Returns: (transfer full): the HTML part: inline CSS, readable in light and
 *   dark mail clients, no images
 */
char *
pb_digest_render_html (PbDigest *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *escaped_subject = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *manage = NULL;
  /* Translators: the language code of the digest's HTML, such as "de" */
  const char *lang = _("en");

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);

  subject = pb_digest_dup_subject (self);
  escaped_subject = g_markup_escape_text (subject, -1);
  g_string_append_printf (out, html_head, lang, escaped_subject);

  g_string_append (out, "<body class=\"pb-page\" style=\"margin:0;padding:0;"
                        "background-color:#f6f5f4;color:#241f31;" FONT "\">\n");
  append_html_preheader (out, self);
  g_string_append (out, "<table role=\"presentation\" class=\"pb-page\" width=\"100%\" "
                        "cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                        "style=\"background-color:#f6f5f4;\">\n<tr><td align=\"center\" "
                        "style=\"padding:24px 12px;\">\n<table role=\"presentation\" "
                        "width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                        "style=\"max-width:640px;" FONT "\">\n");

  heading = dup_heading (self);
  g_string_append (out, "<tr><td style=\"padding:0 4px 16px;\">\n<h1 class=\"pb-text\" "
                        "style=\"margin:0 0 4px;font-size:24px;color:#241f31;\">Paperboy</h1>\n"
                        "<p class=\"pb-dim\" style=\"margin:0;font-size:15px;color:#5e5c64;\">");
  append_escaped (out, heading);
  g_string_append (out, "</p>\n</td></tr>\n");

  if (self->papers->len == 0)
    {
      g_string_append (out, "<tr><td class=\"pb-text\" style=\"padding:0 4px 16px;"
                            "font-size:15px;color:#241f31;\">");
      append_escaped (out, _("No new trending papers since the last digest."));
      g_string_append (out, "</td></tr>\n");
    }
  for (guint i = 0; i < self->papers->len; i++)
    append_html_paper (out, g_ptr_array_index (self->papers, i), i + 1);

  selection = dup_selection_text (self);
  manage = dup_manage_text ();
  g_string_append (out, "<tr><td class=\"pb-dim\" style=\"padding:8px 4px;font-size:12px;"
                        "line-height:1.5;color:#5e5c64;\">\n<p style=\"margin:0 0 8px;\">");
  append_escaped (out, selection);
  g_string_append (out, "</p>\n<p style=\"margin:0;\">");
  append_escaped (out, manage);
  g_string_append (out, "</p>\n</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Pango markup, for the preview in the window: GtkLabel shows links. */

static void
append_markup_link (GString    *out,
                    const char *url,
                    const char *label,
                    gboolean   *first)
{
  g_autofree char *escaped_url = NULL;
  g_autofree char *escaped_label = NULL;

  if (url == NULL)
    return;

  if (!*first)
    g_string_append (out, " · ");
  *first = FALSE;

  escaped_url = g_markup_escape_text (url, -1);
  escaped_label = g_markup_escape_text (label, -1);
  g_string_append_printf (out, "<a href=\"%s\">%s</a>", escaped_url, escaped_label);
}

static void
append_markup_paper (GString *out,
                     PbPaper *paper,
                     guint    number)
{
  g_autofree char *title = dup_title (paper);
  g_autofree char *authors = pb_paper_dup_authors_short (paper, AUTHORS_SHOWN);
  g_autofree char *counts = dup_counts (paper);
  g_autofree char *summary = _pb_digest_dup_summary (paper);
  g_autofree char *escaped = NULL;
  g_auto(Links) links = { 0, };
  gboolean first = TRUE;

  get_links (paper, &links);

  escaped = g_markup_escape_text (title, -1);
  if (links.hf != NULL)
    {
      g_autofree char *url = g_markup_escape_text (links.hf, -1);

      g_string_append_printf (out, "<span size=\"large\" weight=\"bold\">%u. <a href=\"%s\">%s</a>"
                              "</span>\n", number, url, escaped);
    }
  else
    g_string_append_printf (out, "<span size=\"large\" weight=\"bold\">%u. %s</span>\n",
                            number, escaped);

  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (authors, -1);
  if (*authors)
    g_string_append_printf (out, "<span alpha=\"70%%\">%s</span>\n", escaped);
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (counts, -1);
  if (*counts)
    g_string_append_printf (out, "<span alpha=\"70%%\" size=\"small\">%s</span>\n", escaped);
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (summary, -1);
  if (*summary)
    g_string_append_printf (out, "%s\n", escaped);

  append_markup_link (out, links.arxiv, _("arXiv"), &first);
  append_markup_link (out, links.pdf, _("PDF"), &first);
  append_markup_link (out, links.code, _("Code"), &first);
  append_markup_link (out, links.project, _("Project page"), &first);
  g_string_append (out, "\n\n");
}

/**
 * pb_digest_render_markup:
 *
 * Returns: (transfer full): the digest as Pango markup with links, as close
 *   to the HTML part as a GtkLabel gets
 */
char *
pb_digest_render_markup (PbDigest *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *manage = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);

  heading = dup_heading (self);
  escaped = g_markup_escape_text (heading, -1);
  g_string_append_printf (out, "<span size=\"x-large\" weight=\"bold\">Paperboy</span>\n"
                          "<span alpha=\"70%%\">%s</span>\n\n", escaped);

  if (self->papers->len == 0)
    {
      /* A translation is text too: it may hold an “&”. */
      g_clear_pointer (&escaped, g_free);
      escaped = g_markup_escape_text (_("No new trending papers since the last digest."), -1);
      g_string_append_printf (out, "%s\n\n", escaped);
    }
  for (guint i = 0; i < self->papers->len; i++)
    append_markup_paper (out, g_ptr_array_index (self->papers, i), i + 1);

  selection = dup_selection_text (self);
  manage = dup_manage_text ();
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (selection, -1);
  g_string_append_printf (out, "<span size=\"small\" alpha=\"70%%\">%s\n", escaped);
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (manage, -1);
  g_string_append_printf (out, "%s</span>", escaped);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The message */

/**
 * pb_digest_dup_message_id:
 * @recipient: the one address the message goes to
 * @scheduled: %TRUE for the digest of the day, whose id is the same at
 *   every attempt (so that a re-send after a crash is recognised as the
 *   same message); %FALSE for one sent by hand, which gets a new id
 *
 * Returns: (transfer full): the Message-ID, without angle brackets
 */
char *
pb_digest_dup_message_id (PbDigest   *self,
                          const char *recipient,
                          gboolean    scheduled)
{
  g_autofree char *lower = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *unique = NULL;
  const char *sender;
  const char *domain;

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  /* A hash, not the address: the id shows up in other people's replies. */
  lower = g_ascii_strdown (recipient, -1);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lower, -1);
  hash[16] = '\0';

  sender = pb_digest_config_get_sender (self->config);
  domain = sender ? strrchr (sender, '@') + 1 : "paperboy.invalid";

  if (scheduled)
    return g_strdup_printf ("paperboy-digest.%s.%s@%s", self->day, hash, domain);

  unique = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
  return g_strdup_printf ("paperboy-digest.%s.%s.%s@%s", self->day, hash, unique, domain);
}

static GMimeObject *
new_text_part (const char *subtype,
               const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);

  g_mime_text_part_set_text (part, text);
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

  return GMIME_OBJECT (part);
}

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * pb_digest_build_message:
 * @sender: the From address
 * @recipient: the To address, the only one
 * @date: the Date header
 * @message_id: from pb_digest_dup_message_id()
 *
 * Returns: (transfer full): the whole message, multipart/alternative with a
 *   plain-text and an HTML part, CRLF line ends, ready for SMTP
 */
GBytes *
pb_digest_build_message (PbDigest    *self,
                         const char  *sender,
                         const char  *recipient,
                         GDateTime   *date,
                         const char  *message_id,
                         GError     **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeMultipart) alternative = NULL;
  g_autoptr(GMimeObject) text_part = NULL;
  g_autoptr(GMimeObject) html_part = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  GMimeFormatOptions *options;
  GByteArray *array;

  g_return_val_if_fail (PB_IS_DIGEST (self), NULL);
  g_return_val_if_fail (date != NULL && message_id != NULL, NULL);

  if (!pb_mail_address_is_valid (sender) || !pb_mail_address_is_valid (recipient))
    {
      g_set_error (error, PB_DIGEST_ERROR, PB_DIGEST_ERROR_SETTINGS,
                   _("“%s” is not an email address"),
                   pb_mail_address_is_valid (sender) ? recipient : sender);
      return NULL;
    }

  ensure_gmime ();

  subject = pb_digest_dup_subject (self);
  text = pb_digest_render_text (self);
  html = pb_digest_render_html (self);

  message = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, _("Paperboy"), sender);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL, recipient);
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_date (message, date);
  g_mime_message_set_message_id (message, message_id);
  /* RFC 3834: no vacation replies to a robot. */
  g_mime_object_set_header (GMIME_OBJECT (message), "Auto-Submitted", "auto-generated", NULL);

  /* The last alternative is the preferred one. */
  alternative = g_mime_multipart_new_with_subtype ("alternative");
  text_part = new_text_part ("plain", text);
  html_part = new_text_part ("html", html);
  g_mime_multipart_add (alternative, text_part);
  g_mime_multipart_add (alternative, html_part);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (alternative));

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  stream = g_mime_stream_mem_new ();
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream);
  g_mime_format_options_free (options);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}
