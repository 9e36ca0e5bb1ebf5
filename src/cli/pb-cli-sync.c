/* pb-cli-sync.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pb-cli.h"
#include "pb-sync.h"
#include "pb-text.h"

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  PbSyncResult *result;
  GError       *error;
  gboolean      terminal;
} SyncCall;

static void
on_progress_cb (PbSync     *sync,
                guint       done,
                guint       total,
                const char *what,
                gpointer    user_data)
{
  SyncCall *call = user_data;

  if (!call->terminal)
    return;

  /* One line, rewritten: progress is for people watching, not for logs. */
  fprintf (stderr, "\r\033[K[%u/%u] %s", done, total, what ? what : _("starting…"));
  fflush (stderr);
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = pb_sync_run_finish (PB_SYNC (object), result, &call->error);
  g_main_loop_quit (call->loop);
}

static gboolean
on_signal_cb (gpointer user_data)
{
  SyncCall *call = user_data;

  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_CONTINUE;
}

static char *
format_bytes (guint64 bytes)
{
  return g_format_size (bytes);
}

/**
 * pb_cli_print_sync_result:
 *
 * The summary a sync ends with, on standard output; the error on standard
 * error.
 */
void
pb_cli_print_sync_result (PbSyncResult *result)
{
  g_autofree char *size = format_bytes (result->n_bytes);

  if (result->outcome == PB_SYNC_OUTCOME_OK || result->outcome == PB_SYNC_OUTCOME_PARTIAL)
    {
      /* One number per phrase, so that each takes its own plural form. */
      /* %'u: thousands separated as the locale does it */
      g_autofree char *papers = g_strdup_printf (ngettext ("%'u new paper", "%'u new papers",
                                                           result->n_new), result->n_new);
      /* Translators: papers whose details changed */
      g_autofree char *updated = g_strdup_printf (ngettext ("%'u updated", "%'u updated",
                                                            result->n_updated), result->n_updated);
      /* Translators: lists of papers of a day; the second number, those that were empty */
      g_autofree char *days = g_strdup_printf (ngettext ("%1$u daily list (%2$u empty)",
                                                         "%1$u daily lists (%2$u empty)",
                                                         result->n_days),
                                               result->n_days, result->n_empty_days);
      /* Translators: requests to Hugging Face; the second number, those whose
       * answer had not changed */
      g_autofree char *requests = g_strdup_printf (ngettext ("%1$u request (%2$u unchanged)",
                                                             "%1$u requests (%2$u unchanged)",
                                                             result->n_requests),
                                                   result->n_requests, result->n_not_modified);

      /* Translators: a summary such as "Synced: 12 new papers, 3 updated; 7 daily
       * lists (2 empty); 8 requests (5 unchanged), 1.2 MB"; the last %s is a
       * size, as g_format_size() writes it */
      g_print (_("Synced: %1$s, %2$s; %3$s; %4$s, %5$s"), papers, updated, days, requests, size);
      if (result->n_thumbnails > 0)
        g_print (ngettext ("; %u thumbnail", "; %u thumbnails", result->n_thumbnails),
                 result->n_thumbnails);
      g_print ("\n");
    }

  if (result->outcome == PB_SYNC_OUTCOME_PARTIAL)
    /* Translators: %s is the first problem, in words */
    g_printerr (_("paperboy-cli: some lists were not synced: %s\n"), result->error);
  else if (result->outcome == PB_SYNC_OUTCOME_CANCELLED)
    /* Translators: %s says why, such as "the sync was stopped before it finished" */
    g_printerr (_("paperboy-cli: sync stopped: %s\n"), result->error);
  else if (result->outcome != PB_SYNC_OUTCOME_OK)
    /* Translators: %s is the first problem, in words */
    g_printerr (_("paperboy-cli: sync failed: %s\n"), result->error);
}

static void
add_ids (JsonBuilder *b,
         const char  *name,
         GPtrArray   *ids)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/**
 * pb_cli_add_sync_result_json:
 *
 * Adds the result as an object.
 */
void
pb_cli_add_sync_result_json (JsonBuilder  *b,
                             PbSyncResult *result)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, pb_sync_outcome_to_string (result->outcome));
  json_builder_set_member_name (b, "error");
  if (result->error)
    json_builder_add_string_value (b, result->error);
  else
    json_builder_add_null_value (b);
  add_ids (b, "failures", result->failures);
  add_int (b, "run_id", result->run_id);
  add_int (b, "started_at", result->started_at);
  add_int (b, "finished_at", result->finished_at);
  json_builder_set_member_name (b, "retry_at");
  if (result->retry_at > 0)
    json_builder_add_int_value (b, result->retry_at);
  else
    json_builder_add_null_value (b);
  add_int (b, "new", result->n_new);
  add_int (b, "updated", result->n_updated);
  add_int (b, "unchanged", result->n_unchanged);
  add_int (b, "requests", result->n_requests);
  add_int (b, "not_modified", result->n_not_modified);
  add_int (b, "failed", result->n_failed);
  add_int (b, "skipped", result->n_skipped);
  add_int (b, "days", result->n_days);
  add_int (b, "empty_days", result->n_empty_days);
  add_int (b, "bytes", result->n_bytes);
  add_int (b, "thumbnails", result->n_thumbnails);
  json_builder_set_member_name (b, "first_sync");
  json_builder_add_boolean_value (b, result->first_sync);
  json_builder_set_member_name (b, "latest_date");
  if (result->latest_date)
    json_builder_add_string_value (b, result->latest_date);
  else
    json_builder_add_null_value (b);
  add_ids (b, "new_in_latest", result->new_in_latest);
  add_ids (b, "new_in_trending", result->new_in_trending);
  json_builder_end_object (b);
}

static int
exit_status_of (PbSyncResult *result)
{
  return result->outcome == PB_SYNC_OUTCOME_OK ? PB_EXIT_OK : PB_EXIT_ERROR;
}

static gboolean
configure_sync (PbSync       *sync,
                int           days,
                const char   *from,
                const char   *to,
                char        **papers,
                gboolean      no_trending,
                gboolean      no_thumbnails,
                double        wait)
{
  g_autoptr(GError) error = NULL;

  if (days != 0 && (from || to))
    return pb_cli_usage_error ("sync", _("--days excludes --from and --to")), FALSE;
  if ((from == NULL) != (to == NULL))
    return pb_cli_usage_error ("sync", _("--from and --to go together")), FALSE;
  if (days < 0 || days > PB_SYNC_MAX_DAYS)
    return pb_cli_usage_error ("sync", _("--days takes a number from 1 to %d"),
                               PB_SYNC_MAX_DAYS), FALSE;
  if (wait < 0 || wait > 3600)
    return pb_cli_usage_error ("sync", _("--wait takes seconds, from 0 to 3600")), FALSE;
  if (from != NULL && !pb_sync_set_range (sync, from, to, &error))
    return pb_cli_usage_error ("sync", "%s", error->message), FALSE;

  if (days > 0)
    pb_sync_set_days (sync, days);
  for (guint i = 0; papers != NULL && papers[i] != NULL; i++)
    if (!pb_text_is_safe_id (papers[i]))
      return pb_cli_usage_error ("sync", _("“%s” is not a paper id"), papers[i]), FALSE;
  pb_sync_set_paper_ids (sync, (const char * const *)papers);
  pb_sync_set_trending (sync, !no_trending);
  if (no_thumbnails)
    pb_sync_set_thumbnails (sync, FALSE, NULL, NULL);
  pb_sync_set_lock_wait (sync, (guint)(wait * 1000));
  pb_sync_set_trigger (sync, "manual");

  return TRUE;
}

int
pb_cli_sync (PbCli  *cli,
             int     argc,
             char  **argv)
{
  int days = 0;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) papers = NULL;
  gboolean no_trending = FALSE, no_thumbnails = FALSE;
  double wait = PB_SYNC_LOCK_WAIT_MS / 1000.0;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Fetch the daily lists of the last N days (default: a week; a month the first time)"),
      N_("N") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Fetch the daily lists from this day…"),
      N_("DATE") },
    /* Translators: keep YYYY-MM-DD: the day is written so, in any language */
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("…to this day (YYYY-MM-DD)"), N_("DATE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING_ARRAY, &papers, N_("Also fetch this paper"), N_("ID") },
    { "no-trending", 0, 0, G_OPTION_ARG_NONE, &no_trending, N_("Leave the trending list alone"),
      NULL },
    { "no-thumbnails", 0, 0, G_OPTION_ARG_NONE, &no_thumbnails, N_("Download no thumbnails"),
      NULL },
    { "wait", 0, 0, G_OPTION_ARG_DOUBLE, &wait,
      N_("Wait this long for another sync to finish (default 3)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(PbSync) sync = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SyncCall call = { 0, };
  guint sigint_id, sigterm_id;
  int status;

  if (!pb_cli_parse_options (cli, "sync", "",
                             _("Fetch the latest papers from Hugging Face into the database."),
                             entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("sync", _("unexpected argument “%s”"), argv[1]);

  sync = pb_sync_new (cli->db_path);
  if (!configure_sync (sync, days, from, to, papers, no_trending, no_thumbnails, wait))
    return PB_EXIT_USAGE;

  loop = g_main_loop_new (NULL, FALSE);
  call.loop = loop;
  call.cancellable = cancellable;
  call.terminal = isatty (STDERR_FILENO) && !cli->json;
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cb), &call);
  sigint_id = g_unix_signal_add (SIGINT, on_signal_cb, &call);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal_cb, &call);

  pb_sync_run_async (sync, cancellable, on_sync_done_cb, &call);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (call.terminal)
    fprintf (stderr, "\r\033[K");

  if (call.result == NULL)
    return pb_cli_fail (call.error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      pb_cli_add_sync_result_json (b, call.result);
      root = json_builder_get_root (b);
      pb_cli_print_json (root);
      if (call.result->outcome != PB_SYNC_OUTCOME_OK)
        g_printerr ("paperboy-cli: %s\n", call.result->error);
    }
  else
    pb_cli_print_sync_result (call.result);

  status = exit_status_of (call.result);
  pb_sync_result_free (call.result);
  return status;
}
