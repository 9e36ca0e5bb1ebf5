/* pb-cli-digest.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-cli.h"
#include "pb-digest.h"
#include "pb-store-digest.h"
#include "pb-text.h"

/*
 * paperboy-cli digest: preview, send by hand, the log, and one scheduled
 * run (what the background service does on each tick).
 *
 * Every command takes a hidden --now=ISO8601: the clock, for tests.
 */

static gboolean
open_all (PbCli            *cli,
          const char       *now_text,
          PbStore         **store,
          GSettings       **settings,
          GDateTime       **now,
          GError          **error)
{
  if ((*now = pb_cli_parse_now (now_text, error)) == NULL ||
      (*settings = pb_cli_open_settings (error)) == NULL ||
      (*store = pb_cli_open_store (cli, TRUE, error)) == NULL)
    return FALSE;

  return TRUE;
}

static void
print_report_json (PbDigestReport *report,
                   gboolean        ok)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, ok);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, pb_digest_outcome_to_string (report->outcome));
  json_builder_set_member_name (b, "day");
  if (report->day != NULL)
    json_builder_add_string_value (b, report->day);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, report->message ? report->message : "");
  json_builder_set_member_name (b, "next_check");
  json_builder_add_int_value (b, report->next_check);
  json_builder_set_member_name (b, "papers");
  json_builder_add_int_value (b, report->n_papers);
  json_builder_set_member_name (b, "delivered");
  json_builder_add_int_value (b, report->n_delivered);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  pb_cli_print_json (root);
}

/* Prints what a run or a send did; the message goes to stderr when it is a
 * failure, like every other error of the command line. */
static int
finish_with_report (PbCli          *cli,
                    PbDigestReport *report,
                    gboolean        ok,
                    GError         *error)
{
  if (report != NULL && cli->json)
    print_report_json (report, ok);
  else if (ok && report != NULL)
    g_print ("%s\n", report->message);

  if (!ok)
    return pb_cli_fail (error);

  return PB_EXIT_OK;
}

static int
digest_preview (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *now_text = NULL;
  gboolean html = FALSE, text = FALSE, mime = FALSE;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_NONE, &text, N_("The plain-text part (the default)"), NULL },
    { "html", 0, 0, G_OPTION_ARG_NONE, &html, N_("The HTML part"), NULL },
    { "mime", 0, 0, G_OPTION_ARG_NONE, &mime, N_("The whole message, as it would be sent"), NULL },
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PbDigestConfig) config = NULL;
  g_autoptr(PbDigest) digest = NULL;
  g_autofree char *day = NULL;
  g_autofree char *output = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "digest preview", "",
                             _("Print the digest that would be sent now."),
                             entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("digest preview", _("unexpected argument “%s”"), argv[1]);
  if (html + text + mime > 1)
    return pb_cli_usage_error ("digest preview", _("choose one of --text, --html and --mime"));

  if (!open_all (cli, now_text, &store, &settings, &now, &error))
    return pb_cli_fail (error);

  config = pb_digest_config_new_from_settings (settings);
  day = g_date_time_format (now, "%Y-%m-%d");
  if ((digest = pb_digest_select (store, config, day, &error)) == NULL)
    return pb_cli_fail (error);

  if (mime)
    {
      const char *sender = pb_digest_config_get_sender (config);
      const char *recipient = config->recipients[0] ? config->recipients[0] : "you@example.com";
      g_autofree char *message_id = pb_digest_dup_message_id (digest, recipient, TRUE);
      g_autoptr(GBytes) bytes = NULL;
      gsize size;
      const char *data;

      bytes = pb_digest_build_message (digest, sender ? sender : "paperboy@example.com",
                                       recipient, now, message_id, &error);
      if (bytes == NULL)
        return pb_cli_fail (error);
      data = g_bytes_get_data (bytes, &size);
      fwrite (data, 1, size, stdout);
      return PB_EXIT_OK;
    }

  output = html ? pb_digest_render_html (digest) : pb_digest_render_text (digest);
  fputs (output, stdout);

  return PB_EXIT_OK;
}

static int
digest_send (PbCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *now_text = NULL;
  g_auto(GStrv) to = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to,
      N_("Send to this address instead of the recipients in the settings (repeatable)"),
      N_("ADDRESS") },
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PbDigestConfig) config = NULL;
  g_autoptr(PbDigestReport) report = NULL;
  GError *error = NULL;
  gboolean ok;

  if (!pb_cli_parse_options (cli, "digest send", "",
                             _("Send a digest now. It holds the papers the next daily digest "
                               "would hold,\nand does not count as the daily digest."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("digest send", _("unexpected argument “%s”"), argv[1]);

  if (!open_all (cli, now_text, &store, &settings, &now, &error))
    return pb_cli_fail (error);

  config = pb_digest_config_new_from_settings (settings);
  ok = pb_digest_send_now (store, config, now, (const char * const *)to, NULL, &report, &error);

  return finish_with_report (cli, report, ok, error);
}

static int
digest_run_due (PbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *now_text = NULL;
  const GOptionEntry entries[] = {
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PbDigestReport) report = NULL;
  GError *error = NULL;
  gboolean ok;

  if (!pb_cli_parse_options (cli, "digest run-due", "",
                             _("Send the daily digest if it is due, as the background service "
                               "does."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("digest run-due", _("unexpected argument “%s”"), argv[1]);

  if (!open_all (cli, now_text, &store, &settings, &now, &error))
    return pb_cli_fail (error);

  ok = pb_digest_run_due (store, settings, now, NULL, &report, &error);

  return finish_with_report (cli, report, ok, error);
}

static void
print_attempts_json (GPtrArray *attempts,
                     const char *paused)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "paused");
  if (paused != NULL)
    json_builder_add_string_value (b, paused);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "attempts");
  json_builder_begin_array (b);
  for (guint i = 0; i < attempts->len; i++)
    {
      PbDigestAttempt *a = g_ptr_array_index (attempts, i);
      const struct { const char *name; const char *value; } strings[] = {
        { "day", a->day }, { "kind", a->kind }, { "result", a->result },
        { "error_kind", a->error_kind }, { "message", a->message },
      };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "started_at");
      json_builder_add_int_value (b, a->started_at);
      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        {
          json_builder_set_member_name (b, strings[j].name);
          if (strings[j].value != NULL)
            json_builder_add_string_value (b, strings[j].value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "papers");
      json_builder_add_int_value (b, a->n_papers);
      json_builder_set_member_name (b, "recipients");
      json_builder_add_int_value (b, a->n_recipients);
      json_builder_set_member_name (b, "delivered");
      json_builder_add_int_value (b, a->n_delivered);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  pb_cli_print_json (root);
}

static void
print_attempts (GPtrArray  *attempts,
                const char *paused)
{
  if (paused != NULL)
    g_print (_("The digest is paused until the password or the account settings change: %s\n\n"),
             paused);

  if (attempts->len == 0)
    {
      g_print ("%s\n", _("No digest has been sent yet."));
      return;
    }

  {
    static const PbCliColumn columns[] = {
      { FALSE, 16, 2 }, { FALSE, 10, 2 }, { FALSE, 9, 2 }, { FALSE, 7, 2 }, { TRUE, 6, 2 },
      { TRUE, 4, 2 }, { FALSE, 0, 0 },
    };
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    /* Translators: the columns of `paperboy-cli digest log`: when an attempt
     * started, the day of the digest, scheduled or by hand, how it ended, how
     * many papers, to how many of how many recipients, and what happened */
    char *header[] = { _("WHEN"), _("DAY"), _("KIND"), _("RESULT"), _("PAPERS"), _("SENT"),
                       _("WHAT HAPPENED"), NULL };

    g_ptr_array_add (rows, g_strdupv (header));
    for (guint i = 0; i < attempts->len; i++)
      {
        PbDigestAttempt *a = g_ptr_array_index (attempts, i);
        char **row = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

        row[0] = pb_text_format_time_short (a->started_at);
        row[1] = pb_text_format_day_short (a->day);
        row[2] = g_strdup (pb_digest_describe_attempt_kind (a->kind));
        row[3] = g_strdup (pb_digest_describe_attempt_result (a->result));
        row[4] = g_strdup_printf ("%'u", a->n_papers);
        /* Translators: to how many of how many recipients a digest went */
        row[5] = g_strdup_printf (C_("digest log", "%1$u/%2$u"), a->n_delivered, a->n_recipients);
        row[6] = g_strdup (a->message ? a->message : "");
        g_ptr_array_add (rows, row);
      }

    pb_cli_print_table (columns, G_N_ELEMENTS (columns), rows);
  }
}

static int
digest_log (PbCli  *cli,
            int     argc,
            char  **argv)
{
  int limit = 20;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N attempts (default 20)"),
      N_("N") },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autofree char *paused = NULL;
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "digest log", "",
                             _("Show the digests sent and the attempts that failed, newest "
                               "first."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("digest log", _("unexpected argument “%s”"), argv[1]);
  if (limit <= 0)
    return pb_cli_usage_error ("digest log", _("--limit must be at least 1"));

  if ((store = pb_cli_open_store (cli, FALSE, &error)) == NULL ||
      (attempts = pb_store_list_digest_attempts (store, limit, &error)) == NULL)
    return pb_cli_fail (error);

  paused = pb_digest_dup_pause_message (store);
  if (cli->json)
    print_attempts_json (attempts, paused);
  else
    print_attempts (attempts, paused);

  return PB_EXIT_OK;
}

static const PbCliSubcommand subcommands[] = {
  { "preview", digest_preview, N_("Print the digest that would be sent now") },
  { "send", digest_send, N_("Send a digest now") },
  { "log", digest_log, N_("Show the digests sent and the attempts that failed") },
  { "run-due", digest_run_due, N_("Send the daily digest if it is due") },
  { NULL }
};

int
pb_cli_digest (PbCli  *cli,
               int     argc,
               char  **argv)
{
  return pb_cli_run_subcommand (cli, "digest", subcommands, argc, argv);
}
