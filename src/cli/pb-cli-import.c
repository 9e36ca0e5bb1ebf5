/* pb-cli-import.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"
#include "pb-importer.h"
#include "pb-text.h"

#define SHOWN_WARNINGS 5

static char *
describe_list (PbImportFile *file)
{
  switch (file->kind)
    {
    case PB_LIST_DAILY:
      {
        g_autofree char *day = pb_text_format_day (file->list_date);

        /* Translators: which list a file is; %s is a day, such as "17 August
         * 2026" */
        return g_strdup_printf (_("daily list of %s"), day);
      }
    case PB_LIST_TRENDING:
      return g_strdup (_("trending list"));
    case PB_LIST_NONE:
    default:
      return g_strdup (_("no list"));
    }
}

static void
print_file (PbImportFile *file)
{
  g_autofree char *list = NULL;

  if (file->error != NULL)
    {
      g_printerr ("paperboy-cli: %s: %s\n", file->path, file->error->message);
      return;
    }

  list = describe_list (file);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: the first %s is a file name, the last one says
                         * which list the file is, e.g. "daily list of 17 August 2026" */
                        "%1$s: %2$'u paper (%3$'u new, %4$'u updated, %5$'u unchanged, %6$'u skipped); %7$s\n",
                        "%1$s: %2$'u papers (%3$'u new, %4$'u updated, %5$'u unchanged, %6$'u skipped); %7$s\n",
                        file->n_items),
           file->path, file->n_items, file->stats.n_new, file->stats.n_updated,
           file->stats.n_unchanged, file->n_skipped, list);

  for (guint i = 0; file->warnings != NULL && i < MIN (file->warnings->len, SHOWN_WARNINGS); i++)
    /* Translators: a file name, then a warning about its contents */
    g_printerr (_("%1$s: warning: %2$s\n"), file->path, (char *)g_ptr_array_index (file->warnings, i));
  if (file->n_warnings > SHOWN_WARNINGS)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%1$s: … and %2$'u more warning\n",
                             "%1$s: … and %2$'u more warnings\n", file->n_warnings - SHOWN_WARNINGS),
                file->path, file->n_warnings - SHOWN_WARNINGS);
}

static void
print_report_json (PbImportReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->files->len; i++)
    {
      PbImportFile *file = g_ptr_array_index (report->files, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, file->path);
      json_builder_set_member_name (b, "error");
      if (file->error)
        json_builder_add_string_value (b, file->error->message);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "list_date");
      if (file->list_date)
        json_builder_add_string_value (b, file->list_date);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "items");
      json_builder_add_int_value (b, file->n_items);
      json_builder_set_member_name (b, "new");
      json_builder_add_int_value (b, file->stats.n_new);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, file->stats.n_updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, file->stats.n_unchanged);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, file->n_skipped);
      json_builder_set_member_name (b, "warnings");
      json_builder_add_int_value (b, file->n_warnings);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  pb_cli_print_json (root);
}

int
pb_cli_import (PbCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *date = NULL;
  gboolean trending = FALSE, no_list = FALSE;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      /* Translators: keep YYYY-MM-DD: the day is written so, in any language */
      N_("The files are the daily list of this date (YYYY-MM-DD)"), N_("DATE") },
    { "trending", 0, 0, G_OPTION_ARG_NONE, &trending, N_("The files are the trending list"), NULL },
    { "no-list", 0, 0, G_OPTION_ARG_NONE, &no_list, N_("The files are not a list"), NULL },
    { NULL }
  };
  PbImportOptions options = { TRUE, PB_LIST_NONE, NULL };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbImportReport) report = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "import", _("FILE…"),
                             _("Import papers from JSON files of the Hugging Face papers API.\n"
                               "A date in a file name (daily_papers_2026-08-17.json) makes it\n"
                               "that day's list, \"trending\" the trending list."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc < 2)
    return pb_cli_usage_error ("import", _("which files should I import?"));
  if ((date != NULL) + trending + no_list > 1)
    return pb_cli_usage_error ("import", _("--date, --trending and --no-list exclude each other"));
  if (date != NULL && !pb_text_is_valid_date (date))
    return pb_cli_usage_error ("import", _("“%s” is not a date; write it as YYYY-MM-DD"), date);

  if (date != NULL || trending || no_list)
    {
      options.infer_list = FALSE;
      options.kind = date ? PB_LIST_DAILY : trending ? PB_LIST_TRENDING : PB_LIST_NONE;
      options.list_date = date;
    }

  /* No bundled papers here: the user brings their own. */
  if ((store = pb_cli_open_store (cli, FALSE, &error)) == NULL ||
      (report = pb_import_files (store, (const char * const *)argv + 1, &options, &error)) == NULL)
    return pb_cli_fail (error);

  if (cli->json)
    print_report_json (report);
  else
    for (guint i = 0; i < report->files->len; i++)
      print_file (g_ptr_array_index (report->files, i));

  if (cli->json)
    for (guint i = 0; i < report->files->len; i++)
      {
        PbImportFile *file = g_ptr_array_index (report->files, i);

        if (file->error)
          g_printerr ("paperboy-cli: %s: %s\n", file->path, file->error->message);
      }

  return report->n_failed > 0 ? PB_EXIT_ERROR : PB_EXIT_OK;
}
