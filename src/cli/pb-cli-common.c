/* pb-cli-common.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-cli.h"
#include "pb-snapshot.h"

/**
 * pb_cli_parse_options:
 * @entries: the command's own options; --db (and --json) are added
 *
 * Parses a command's options; on a usage error it prints it with a hint and
 * returns %FALSE (exit with %PB_EXIT_USAGE). Also handles --help.
 */
gboolean
pb_cli_parse_options (PbCli               *cli,
                      const char          *command,
                      const char          *parameters,
                      const char          *summary,
                      const GOptionEntry  *entries,
                      gboolean             with_json,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("paperboy-cli %s", command);
  char *db_path = NULL;
  const GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use this database instead of the default one"), N_("PATH") },
    { NULL }
  };
  const GOptionEntry json[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (with_json)
    g_option_context_add_main_entries (context, json, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pb_cli_usage_error (command, "%s", error->message);
      g_free (db_path);
      return FALSE;
    }

  if (db_path != NULL)
    {
      g_free (cli->db_path);
      cli->db_path = db_path;
    }

  return TRUE;
}

int
pb_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("paperboy-cli %s: %s\n", command, message);
  g_printerr (_("Run “paperboy-cli %s --help” for help.\n"), command);

  return PB_EXIT_USAGE;
}

/* Prints @error as the one line a failed command leaves, and frees it. */
int
pb_cli_fail (GError *error)
{
  g_printerr ("paperboy-cli: %s\n", error->message);
  g_error_free (error);

  return PB_EXIT_ERROR;
}

/**
 * pb_cli_open_store:
 * @with_snapshot: import the bundled papers if the database is empty
 */
PbStore *
pb_cli_open_store (PbCli     *cli,
                   gboolean   with_snapshot,
                   GError   **error)
{
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : pb_store_dup_default_path ();
  g_autoptr(PbStore) store = pb_store_open (path, error);

  if (store == NULL)
    return NULL;

  if (with_snapshot && !pb_snapshot_ensure (store, NULL, error))
    return NULL;

  return g_steal_pointer (&store);
}

void
pb_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  g_print ("%s\n", text);
}

/* Text for people, lined up.
 *
 * printf's "%-20s" counts bytes, and translated words have letters of
 * several bytes and may be longer than the English ones: columns are
 * measured in characters (two for wide ones) and grow to fit. */

static glong
text_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static void
append_padded (GString    *out,
               const char *text,
               glong       width,
               gboolean    right)
{
  glong pad = MAX (0, width - text_width (text));

  if (!right)
    g_string_append (out, text);
  for (glong i = 0; i < pad; i++)
    g_string_append_c (out, ' ');
  if (right)
    g_string_append (out, text);
}

/**
 * pb_cli_dup_padded:
 * @width: in characters
 *
 * Returns: (transfer full): @text followed by spaces up to @width
 */
char *
pb_cli_dup_padded (const char *text,
                   guint       width)
{
  GString *out = g_string_new (NULL);

  append_padded (out, text, width, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * pb_cli_print_fields:
 * @fields: label, value, label, value…; a %NULL value leaves out its line
 * @min_width: the least width of the labels' column
 *
 * Prints "Label   value" lines, the values lined up one space after the
 * longest label.
 */
void
pb_cli_print_fields (GPtrArray *fields,
                     guint      min_width)
{
  g_autoptr(GString) out = g_string_new (NULL);
  glong width = min_width;

  for (guint i = 0; i + 1 < fields->len; i += 2)
    if (g_ptr_array_index (fields, i + 1) != NULL)
      width = MAX (width, text_width (g_ptr_array_index (fields, i)));

  for (guint i = 0; i + 1 < fields->len; i += 2)
    {
      const char *value = g_ptr_array_index (fields, i + 1);

      if (value == NULL)
        continue;
      append_padded (out, g_ptr_array_index (fields, i), width, FALSE);
      g_string_append_printf (out, " %s\n", value);
    }

  g_print ("%s", out->str);
}

/**
 * pb_cli_print_table:
 * @columns: how each column is aligned, its least width and the spaces
 *   after it
 * @rows: (element-type GStrv): the header, then the rows, each with
 *   @n_columns cells
 *
 * Prints a table whose columns are as wide as their widest cell; the last
 * column is not padded.
 */
void
pb_cli_print_table (const PbCliColumn *columns,
                    guint              n_columns,
                    GPtrArray         *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = columns[c].min_width;
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], text_width (cells[c]));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c + 1 < n_columns; c++)
        {
          append_padded (out, cells[c], widths[c], columns[c].right);
          for (guint i = 0; i < columns[c].gap; i++)
            g_string_append_c (out, ' ');
        }
      g_string_append_printf (out, "%s\n", cells[n_columns - 1]);
    }

  g_print ("%s", out->str);
}

gboolean
pb_cli_is_terminal (void)
{
  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;
}

/**
 * pb_cli_dup_marked:
 * @text: (nullable): text with search matches between PB_HIGHLIGHT_START
 *   and PB_HIGHLIGHT_END
 * @terminal: bold on a terminal, "**" around matches otherwise
 */
char *
pb_cli_dup_marked (const char *text,
                   gboolean    terminal)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_new (text);
  g_string_replace (out, PB_HIGHLIGHT_START, terminal ? "\033[1m" : "**", 0);
  g_string_replace (out, PB_HIGHLIGHT_END, terminal ? "\033[0m" : "**", 0);

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           int          value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_links (JsonBuilder *builder,
           PbPaper     *paper)
{
  g_autofree char *hf = pb_paper_dup_huggingface_url (paper);
  g_autofree char *arxiv = pb_paper_dup_arxiv_url (paper);
  g_autofree char *pdf = pb_paper_dup_pdf_url (paper);
  g_autofree char *thumbnail = pb_paper_dup_thumbnail_url (paper);

  add_string (builder, "huggingface_url", hf);
  add_string (builder, "arxiv_url", arxiv);
  add_string (builder, "pdf_url", pdf);
  add_string (builder, "thumbnail_url", thumbnail);
}

static void
add_raw (JsonBuilder *builder,
         PbPaper     *paper)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *raw = pb_paper_get_raw_json (paper);

  json_builder_set_member_name (builder, "raw");
  if (raw != NULL && json_parser_load_from_data (parser, raw, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
}

void
pb_cli_add_paper_json (JsonBuilder      *builder,
                       PbPaper          *paper,
                       PbPaperJsonFlags  flags)
{
  json_builder_begin_object (builder);

  add_string (builder, "id", pb_paper_get_id (paper));
  add_string (builder, "title", pb_paper_get_title (paper));
  add_strv (builder, "authors", pb_paper_get_authors (paper));
  add_string (builder, "published_at", pb_paper_get_published_on (paper));
  add_string (builder, "listed_on", pb_paper_get_listed_on (paper));
  add_count (builder, "upvotes", pb_paper_get_upvotes (paper));
  add_count (builder, "comments", pb_paper_get_comments (paper));
  add_count (builder, "github_stars", pb_paper_get_github_stars (paper));
  add_string (builder, "github_repo", pb_paper_get_github_repo (paper));
  add_string (builder, "project_page", pb_paper_get_project_page (paper));
  add_string (builder, "organization", pb_paper_get_organization (paper));
  add_string (builder, "ai_summary", pb_paper_get_ai_summary (paper));
  add_strv (builder, "ai_keywords", pb_paper_get_ai_keywords (paper));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, pb_paper_get_starred (paper));
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, pb_paper_get_read (paper));
  if (pb_paper_get_rank (paper) > 0)
    add_count (builder, "rank", pb_paper_get_rank (paper));

  if (flags & PB_PAPER_JSON_SEARCH)
    {
      g_autofree char *snippet = pb_cli_dup_marked (pb_paper_get_snippet (paper), FALSE);

      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, pb_paper_get_score (paper));
      add_string (builder, "snippet", snippet);
    }

  if (flags & PB_PAPER_JSON_FULL)
    {
      add_string (builder, "abstract", pb_paper_get_abstract (paper));
      add_links (builder, paper);
      add_raw (builder, paper);
    }

  json_builder_end_object (builder);
}

/**
 * pb_cli_open_settings:
 *
 * Returns: (transfer full): the settings, or %NULL with @error set when the
 *   schema is not installed (g_settings_new() would abort)
 */
GSettings *
pb_cli_open_settings (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.paperboy.Paperboy", TRUE);

  if (schema == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The settings schema io.github.paperboy.Paperboy is not installed. "
                             "From the build tree, set GSETTINGS_SCHEMA_DIR=build/data."));
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
print_subcommands (FILE                  *out,
                   const char            *group,
                   const PbCliSubcommand *subcommands)
{
  g_autofree char *hint = NULL;

  g_autofree char *db_option = g_strdup_printf ("--db %s", _("PATH"));
  g_autofree char *db_column = pb_cli_dup_padded (db_option, 14);

  fprintf (out, "%s\n  paperboy-cli %s %s\n\n%s\n", _("Usage:"), group, _("COMMAND [OPTIONS…]"),
           _("Commands:"));
  for (guint i = 0; subcommands[i].name != NULL; i++)
    fprintf (out, "  %-14s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n  %s %s\n", _("Options of every command:"), db_column,
           _("Use this database instead of the default one"));
  hint = g_strdup_printf (_("Run “paperboy-cli %s COMMAND --help” for the options of a command."),
                          group);
  fprintf (out, "\n%s\n", hint);
}

/**
 * pb_cli_run_subcommand:
 * @group: the command, such as "digest"
 * @subcommands: its commands, ending with an entry whose name is %NULL
 *
 * Runs `paperboy-cli GROUP COMMAND…`.
 */
int
pb_cli_run_subcommand (PbCli                 *cli,
                       const char            *group,
                       const PbCliSubcommand *subcommands,
                       int                    argc,
                       char                 **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_subcommands (argc < 2 ? stderr : stdout, group, subcommands);
      return argc < 2 ? PB_EXIT_USAGE : PB_EXIT_OK;
    }

  for (guint i = 0; subcommands[i].name != NULL; i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1);

  return pb_cli_usage_error (group, _("unknown command “%s”"), argv[1]);
}

/**
 * pb_cli_parse_now:
 * @text: (nullable): an ISO 8601 time, local unless it says otherwise
 *
 * The hidden --now option of the scheduled commands: a clock for tests.
 *
 * Returns: (transfer full): @text as a local time, or now when %NULL
 */
GDateTime *
pb_cli_parse_now (const char  *text,
                  GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = NULL;

  if (text == NULL)
    return g_date_time_new_now_local ();

  now = g_date_time_new_from_iso8601 (text, local);
  if (now == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a time such as 2026-08-20T09:00:00"), text);
      return NULL;
    }

  /* Calendar days and digest times are local. */
  return g_date_time_to_timezone (now, local);
}
