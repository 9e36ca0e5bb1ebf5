/* pb-cli-papers.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pb-bibtex.h"
#include "pb-cli.h"
#include "pb-text.h"

static gboolean
parse_window (const char *name,
              PbScope    *scope)
{
  static const struct { const char *name; PbScope scope; } windows[] = {
    { "latest", PB_SCOPE_DAY }, { "day", PB_SCOPE_DAY }, { "week", PB_SCOPE_WEEK },
    { "month", PB_SCOPE_MONTH }, { "trending", PB_SCOPE_TRENDING }, { "all", PB_SCOPE_ALL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    if (g_str_equal (name, windows[i].name))
      {
        *scope = windows[i].scope;
        return TRUE;
      }

  return FALSE;
}

static gboolean
parse_sort (const char *name,
            PbSort     *sort)
{
  static const struct { const char *name; PbSort sort; } sorts[] = {
    { "upvotes", PB_SORT_UPVOTES }, { "date", PB_SORT_DATE }, { "comments", PB_SORT_COMMENTS },
    { "stars", PB_SORT_STARS }, { "rank", PB_SORT_RANK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_str_equal (name, sorts[i].name))
      {
        *sort = sorts[i].sort;
        return TRUE;
      }

  return FALSE;
}

/* %'d: thousands separated as the locale (LC_NUMERIC) does it. */
static char *
format_count (int count)
{
  return count >= 0 ? g_strdup_printf ("%'d", count) : g_strdup ("–");
}

static void
print_paper_table (GPtrArray *papers)
{
  static const PbCliColumn columns[] = {
    { FALSE, 12, 1 }, { TRUE, 7, 1 }, { TRUE, 8, 2 }, { FALSE, 10, 2 }, { FALSE, 0, 0 },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  char *header[] = { _("ID"), _("UPVOTES"), _("COMMENTS"), _("DATE"), _("TITLE"), NULL };

  g_ptr_array_add (rows, g_strdupv (header));
  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (papers, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      row[0] = g_strdup (pb_paper_get_id (paper));
      row[1] = format_count (pb_paper_get_upvotes (paper));
      row[2] = format_count (pb_paper_get_comments (paper));
      row[3] = pb_text_format_day_short (pb_paper_get_published_on (paper));
      row[4] = g_strconcat (pb_paper_get_starred (paper) ? "★ " : "", pb_paper_get_title (paper),
                            NULL);
      g_ptr_array_add (rows, row);
    }

  pb_cli_print_table (columns, G_N_ELEMENTS (columns), rows);
}

static void
print_papers_json (GPtrArray        *papers,
                   PbPaperJsonFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < papers->len; i++)
    pb_cli_add_paper_json (builder, g_ptr_array_index (papers, i), flags);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  pb_cli_print_json (root);
}

static char *
describe_scope (PbStore           *store,
                 const PbListQuery *query,
                 gint64             count)
{
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *what = NULL;

  pb_store_resolve_scope (store, query->scope, query->date, &first_day, &last_day, NULL);

  switch (query->scope)
    {
    case PB_SCOPE_DAY:
      if (first_day != NULL)
        {
          g_autofree char *first = pb_text_format_day (first_day);

          /* Translators: %s is a day, such as "20 August 2026" */
          what = g_strdup_printf (_("Daily papers of %s"), first);
        }
      else
        what = g_strdup (_("No daily list yet"));
      break;
    case PB_SCOPE_WEEK:
    case PB_SCOPE_MONTH:
      if (first_day != NULL)
        {
          g_autofree char *first = pb_text_format_day (first_day);
          g_autofree char *last = pb_text_format_day (last_day);

          /* Translators: two days, such as "17 August 2026" */
          what = g_strdup_printf (_("Papers listed from %1$s to %2$s"), first, last);
        }
      else
        what = g_strdup (_("No daily list yet"));
      break;
    case PB_SCOPE_TRENDING:
      what = g_strdup (_("Trending on Hugging Face"));
      break;
    case PB_SCOPE_ALL:
    default:
      what = g_strdup ((query->filter & PB_FILTER_STARRED) ? _("Starred papers") : _("All papers"));
    }

  /* PRId64, not G_GINT64_FORMAT: xgettext and msgfmt know it. */
  /* Translators: what the list is ("Daily papers of 20 August 2026"), then
   * how many papers it has */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %'" PRId64 " paper",
                                       "%s — %'" PRId64 " papers", count),
                          what, (int64_t)count);
}

int
pb_cli_list (PbCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *date = NULL;
  g_autofree char *window_name = NULL;
  g_autofree char *sort_name = NULL;
  gboolean starred = FALSE, unread = FALSE;
  int limit = 50, offset = 0;
  const GOptionEntry entries[] = {
    /* Translators: keep YYYY-MM-DD: the day is written so, in any language */
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("A day of the list (YYYY-MM-DD)"), N_("DATE") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_name,
      /* Translators: the values of --window, typed as they are: do not
       * translate them */
      N_("latest, day, week, month, trending or all"), N_("WINDOW") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      /* Translators: the values of --sort, typed as they are: do not
       * translate them */
      N_("upvotes, date, comments, stars or rank"), N_("ORDER") },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred papers"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread papers"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N papers (default 50)"),
      N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N papers"), N_("N") },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  GError *error = NULL;
  PbListQuery query = { PB_SCOPE_DAY, NULL, PB_SORT_DEFAULT, PB_FILTER_NONE };
  gint64 count;

  if (!pb_cli_parse_options (cli, "list", "", _("List papers."), entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("list", _("unexpected argument “%s”"), argv[1]);
  if (window_name != NULL && !parse_window (window_name, &query.scope))
    return pb_cli_usage_error ("list", _("unknown window “%s”"), window_name);
  if (sort_name != NULL && !parse_sort (sort_name, &query.sort))
    return pb_cli_usage_error ("list", _("unknown sort order “%s”"), sort_name);
  if (date != NULL && !pb_text_is_valid_date (date))
    return pb_cli_usage_error ("list", _("“%s” is not a date; write it as YYYY-MM-DD"), date);
  if (limit < 0 || offset < 0)
    return pb_cli_usage_error ("list", _("--limit and --offset cannot be negative"));

  /* Starred and unread papers are about everything, not one day. */
  if (window_name == NULL && date == NULL && (starred || unread))
    query.scope = PB_SCOPE_ALL;
  query.date = date;
  query.filter = (starred ? PB_FILTER_STARRED : 0) | (unread ? PB_FILTER_UNREAD : 0);

  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL ||
      (papers = pb_store_list (store, &query, offset, limit, &error)) == NULL ||
      (count = pb_store_count (store, &query, &error)) < 0)
    return pb_cli_fail (error);

  if (cli->json)
    {
      print_papers_json (papers, PB_PAPER_JSON_LIST);
      return PB_EXIT_OK;
    }

  {
    g_autofree char *title = describe_scope (store, &query, count);

    g_print ("%s\n", title);
  }
  if (papers->len > 0)
    print_paper_table (papers);

  return PB_EXIT_OK;
}

int
pb_cli_search (PbCli  *cli,
               int     argc,
               char  **argv)
{
  int limit = 20;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (default 20)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GPtrArray) papers = NULL;
  g_autofree char *text = NULL;
  gboolean terminal = pb_cli_is_terminal ();
  GError *error = NULL;
  gint64 total;

  if (!pb_cli_parse_options (cli, "search", _("QUERY…"),
                             _("Search titles, authors, abstracts, AI summaries and keywords.\n"
                               "Words are matched in any form (\"neurons\" finds \"neuronal\"),\n"
                               "\"quoted words\" as a phrase, author:NAME in the authors only."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc < 2)
    return pb_cli_usage_error ("search", _("what should I search for?"));
  if (limit <= 0)
    return pb_cli_usage_error ("search", _("--limit must be at least 1"));

  text = g_strjoinv (" ", argv + 1);

  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL ||
      (papers = pb_store_search (store, text, limit, &error)) == NULL ||
      (total = pb_store_search_count (store, text, &error)) < 0)
    return pb_cli_fail (error);

  if (cli->json)
    {
      print_papers_json (papers, PB_PAPER_JSON_SEARCH);
      return PB_EXIT_OK;
    }

  /* Translators: how many papers, then what the user searched for */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " paper matches “%s”\n",
                        "%'" PRId64 " papers match “%s”\n", total),
           (int64_t)total, text);
  for (guint i = 0; i < papers->len; i++)
    {
      PbPaper *paper = g_ptr_array_index (papers, i);
      g_autofree char *title = pb_cli_dup_marked (pb_paper_get_title_highlight (paper), terminal);
      g_autofree char *snippet = pb_cli_dup_marked (pb_paper_get_snippet (paper), terminal);

      g_print ("\n%-12s %s%s\n", pb_paper_get_id (paper),
               pb_paper_get_starred (paper) ? "★ " : "", title ? title : pb_paper_get_title (paper));
      if (snippet != NULL && *snippet)
        g_print ("             %s\n", snippet);
    }

  return PB_EXIT_OK;
}

/* Ids may be given as arXiv or Hugging Face addresses, or with a version. */
static char *
dup_paper_id (const char *arg)
{
  char *id = pb_text_normalize_arxiv_id (arg);

  return id ? id : g_strdup (arg);
}

static void
add_line (GPtrArray  *fields,
          const char *label,
          const char *value)
{
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, value != NULL && *value != '\0' ? g_strdup (value) : NULL);
}

static char *
dup_counts (PbPaper *paper)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int upvotes = pb_paper_get_upvotes (paper);
  int comments = pb_paper_get_comments (paper);
  int stars = pb_paper_get_github_stars (paper);

  /* %'d: thousands separated as the locale does it */
  if (upvotes >= 0)
    g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%'d upvote", "%'d upvotes",
                                               upvotes), upvotes);
  if (comments >= 0)
    {
      if (line->len)
        g_string_append (line, " · ");
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%'d comment", "%'d comments",
                                                 comments), comments);
    }
  if (stars >= 0)
    {
      if (line->len)
        g_string_append (line, " · ");
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%'d GitHub star",
                                                 "%'d GitHub stars", stars), stars);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
print_paper (PbPaper *paper)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *authors = g_strjoinv (", ", (GStrv)pb_paper_get_authors (paper));
  g_autofree char *keywords = g_strjoinv (", ", (GStrv)pb_paper_get_ai_keywords (paper));
  g_autofree char *hf = pb_paper_dup_huggingface_url (paper);
  g_autofree char *arxiv = pb_paper_dup_arxiv_url (paper);
  g_autofree char *pdf = pb_paper_dup_pdf_url (paper);
  g_autofree char *published = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *counts = dup_counts (paper);
  g_autofree char *state = g_strjoin (" · ",
                                      pb_paper_get_starred (paper) ? _("starred") : _("not starred"),
                                      pb_paper_get_read (paper) ? _("read") : _("unread"),
                                      NULL);

  if (pb_paper_get_published_on (paper) != NULL)
    published = pb_text_format_day (pb_paper_get_published_on (paper));
  if (pb_paper_get_listed_on (paper) != NULL)
    listed = pb_text_format_day (pb_paper_get_listed_on (paper));

  add_line (fields, _("Authors"), authors);
  add_line (fields, _("Id"), pb_paper_get_id (paper));
  add_line (fields, _("Published"), published);
  add_line (fields, _("Listed"), listed);
  add_line (fields, _("Counts"), counts);
  add_line (fields, _("Organization"), pb_paper_get_organization (paper));
  add_line (fields, _("State"), state);
  add_line (fields, _("AI summary"), pb_paper_get_ai_summary (paper));
  add_line (fields, _("Keywords"), keywords);
  add_line (fields, "Hugging Face", hf);
  add_line (fields, "arXiv", arxiv);
  add_line (fields, "PDF", pdf);
  add_line (fields, _("Code"), pb_paper_get_github_repo (paper));
  add_line (fields, _("Project page"), pb_paper_get_project_page (paper));

  g_print ("%s\n\n", pb_paper_get_title (paper));
  pb_cli_print_fields (fields, 14);
  if (pb_paper_get_abstract (paper) != NULL)
    g_print ("\n%s\n", pb_paper_get_abstract (paper));
}

int
pb_cli_show (PbCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPaper) paper = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "show", _("ID"), _("Show everything about one paper."),
                             NULL, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 2)
    return pb_cli_usage_error ("show", _("give one paper id, such as 2405.15738"));

  id = dup_paper_id (argv[1]);
  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL ||
      (paper = pb_store_get_paper (store, id, &error)) == NULL)
    return pb_cli_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      pb_cli_add_paper_json (builder, paper, PB_PAPER_JSON_FULL);
      root = json_builder_get_root (builder);
      pb_cli_print_json (root);
    }
  else
    print_paper (paper);

  return PB_EXIT_OK;
}

typedef enum
{
  STAR,
  UNSTAR,
  READ,
  UNREAD,
} FlagChange;

static void
print_done (FlagChange  change,
            const char *id)
{
  switch (change)
    {
    case STAR:
      g_print (_("Starred %s\n"), id);
      break;
    case UNSTAR:
      g_print (_("Removed the star from %s\n"), id);
      break;
    case READ:
      g_print (_("Marked %s as read\n"), id);
      break;
    case UNREAD:
    default:
      g_print (_("Marked %s as unread\n"), id);
      break;
    }
}

static int
change_flag (PbCli      *cli,
             const char *command,
             const char *summary,
             FlagChange  change,
             int         argc,
             char      **argv)
{
  g_autoptr(PbStore) store = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, command, _("ID…"), summary, NULL, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc < 2)
    return pb_cli_usage_error (command, _("give a paper id, such as 2405.15738"));

  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL)
    return pb_cli_fail (error);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *id = dup_paper_id (argv[i]);
      gboolean ok;

      if (change == STAR || change == UNSTAR)
        ok = pb_store_set_starred (store, id, change == STAR, &error);
      else
        ok = pb_store_set_read (store, id, change == READ, &error);
      if (!ok)
        return pb_cli_fail (error);
      print_done (change, id);
    }

  return PB_EXIT_OK;
}

int
pb_cli_star (PbCli *cli, int argc, char **argv)
{
  return change_flag (cli, "star", _("Star papers."), STAR, argc, argv);
}

int
pb_cli_unstar (PbCli *cli, int argc, char **argv)
{
  return change_flag (cli, "unstar", _("Remove the star from papers."), UNSTAR, argc, argv);
}

int
pb_cli_read (PbCli *cli, int argc, char **argv)
{
  return change_flag (cli, "read", _("Mark papers as read."), READ, argc, argv);
}

int
pb_cli_unread (PbCli *cli, int argc, char **argv)
{
  return change_flag (cli, "unread", _("Mark papers as unread."), UNREAD, argc, argv);
}

/* Calls @each with every paper of @query, fully read, page by page. */
static gboolean
for_each_paper (PbStore            *store,
                const PbListQuery  *query,
                void              (*each) (PbPaper *, gpointer),
                gpointer            user_data,
                GError            **error)
{
  const guint page = 500;

  for (guint offset = 0;; offset += page)
    {
      g_autoptr(GPtrArray) papers = pb_store_list (store, query, offset, page, error);

      if (papers == NULL)
        return FALSE;

      for (guint i = 0; i < papers->len; i++)
        {
          g_autoptr(PbPaper) full = pb_store_get_paper (store,
                                                        pb_paper_get_id (g_ptr_array_index (papers, i)),
                                                        error);
          if (full == NULL)
            return FALSE;
          each (full, user_data);
        }

      if (papers->len < page)
        return TRUE;
    }
}

static void
print_bibtex (PbPaper  *paper,
              gpointer  user_data)
{
  g_autofree char *entry = pb_bibtex_dup_entry (paper);
  gboolean *first = user_data;

  g_print ("%s%s", *first ? "" : "\n", entry);
  *first = FALSE;
}

static void
add_json (PbPaper  *paper,
          gpointer  user_data)
{
  pb_cli_add_paper_json (user_data, paper, PB_PAPER_JSON_FULL);
}

int
pb_cli_export (PbCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *format = NULL;
  gboolean starred = FALSE;
  const GOptionEntry entries[] = {
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred papers"), NULL },
    /* Translators: "json" and "bibtex" are the values of --format, typed
     * as they are */
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json (the default) or bibtex"),
      N_("FORMAT") },
    { NULL }
  };
  PbListQuery query = { PB_SCOPE_ALL, NULL, PB_SORT_UPVOTES, PB_FILTER_NONE };
  g_autoptr(PbStore) store = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "export", "", _("Export papers, with their abstracts."),
                             entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("export", _("unexpected argument “%s”"), argv[1]);
  if (format == NULL)
    format = g_strdup ("json");
  if (!g_str_equal (format, "json") && !g_str_equal (format, "bibtex"))
    return pb_cli_usage_error ("export", _("unknown format “%s”; use json or bibtex"), format);

  if (starred)
    query.filter = PB_FILTER_STARRED;

  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL)
    return pb_cli_fail (error);

  if (g_str_equal (format, "bibtex"))
    {
      gboolean first = TRUE;

      if (!for_each_paper (store, &query, print_bibtex, &first, &error))
        return pb_cli_fail (error);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      if (!for_each_paper (store, &query, add_json, builder, &error))
        return pb_cli_fail (error);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      pb_cli_print_json (root);
    }

  return PB_EXIT_OK;
}
