/* pb-cli-status.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pb-cli.h"
#include "pb-scheduler.h"
#include "pb-settings.h"
#include "pb-snapshot.h"
#include "pb-text.h"

typedef struct
{
  char    *path;
  int      schema;
  gint64   n_papers;
  gint64   n_starred;
  char    *latest_day;
  gint64   trending_at;
  gboolean snapshot;
  char    *snapshot_created;
  PbSyncHistory history;
  gint64   next_sync;        /* 0: background refresh is off */
  gboolean background;
} Status;

static void
status_clear (Status *status)
{
  g_free (status->path);
  g_free (status->latest_day);
  g_free (status->snapshot_created);
  pb_sync_history_clear (&status->history);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Status, status_clear)

static gboolean
read_schedule (PbStore  *store,
               Status   *status,
               GError  **error)
{
  g_autoptr(PbScheduler) scheduler = pb_scheduler_new (pb_store_get_path (store));
  g_autoptr(GSettings) settings = pb_settings_new ();

  status->background = pb_settings_get_background_refresh (settings);
  return pb_scheduler_get_next_sync (scheduler, store, &status->next_sync, error);
}

static gboolean
read_status (PbStore  *store,
             Status   *status,
             GError  **error)
{
  PbListQuery starred = { PB_SCOPE_ALL, NULL, PB_SORT_DEFAULT, PB_FILTER_STARRED };

  status->path = g_strdup (pb_store_get_path (store));
  status->schema = pb_store_get_schema_version (store);
  status->snapshot = pb_snapshot_is_current (store);
  status->snapshot_created = pb_snapshot_dup_created (store);
  status->trending_at = pb_store_get_trending_fetched_at (store);

  if ((status->n_papers = pb_store_count_papers (store, error)) < 0 ||
      (status->n_starred = pb_store_count (store, &starred, error)) < 0)
    return FALSE;

  if (!pb_store_get_sync_history (store, &status->history, error) ||
      !read_schedule (store, status, error))
    return FALSE;

  status->latest_day = pb_store_dup_latest_list_date (store, NULL, error);
  return error == NULL || *error == NULL;
}

static char *
format_time (gint64 unix_time)
{
  if (unix_time <= 0)
    return g_strdup (_("never"));

  return pb_text_format_time (unix_time);
}

static void
add_run (JsonBuilder     *b,
         const char      *name,
         const PbSyncRun *run)
{
  json_builder_set_member_name (b, name);
  if (run == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "started_at");
  json_builder_add_int_value (b, run->started_at);
  json_builder_set_member_name (b, "finished_at");
  json_builder_add_int_value (b, run->finished_at);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, pb_sync_outcome_to_string (run->outcome));
  json_builder_set_member_name (b, "trigger");
  json_builder_add_string_value (b, run->trigger);
  json_builder_set_member_name (b, "new");
  json_builder_add_int_value (b, run->n_new);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, run->n_updated);
  json_builder_set_member_name (b, "requests");
  json_builder_add_int_value (b, run->n_requests);
  json_builder_set_member_name (b, "not_modified");
  json_builder_add_int_value (b, run->n_not_modified);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, run->n_failed);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, run->n_bytes);
  json_builder_set_member_name (b, "error");
  if (run->error != NULL)
    json_builder_add_string_value (b, run->error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "retry_at");
  if (run->retry_at > 0)
    json_builder_add_int_value (b, run->retry_at);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_status_json (const Status *status)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "database");
  json_builder_add_string_value (b, status->path);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, status->schema);
  json_builder_set_member_name (b, "papers");
  json_builder_add_int_value (b, status->n_papers);
  json_builder_set_member_name (b, "starred");
  json_builder_add_int_value (b, status->n_starred);
  json_builder_set_member_name (b, "latest_daily_list");
  if (status->latest_day)
    json_builder_add_string_value (b, status->latest_day);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "trending_fetched_at");
  if (status->trending_at > 0)
    json_builder_add_int_value (b, status->trending_at);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "bundled_snapshot");
  json_builder_add_boolean_value (b, status->snapshot);
  json_builder_set_member_name (b, "snapshot_created");
  if (status->snapshot_created)
    json_builder_add_string_value (b, status->snapshot_created);
  else
    json_builder_add_null_value (b);
  add_run (b, "last_sync", status->history.last);
  add_run (b, "last_successful_sync", status->history.last_ok);
  json_builder_set_member_name (b, "last_error");
  if (status->history.last_failure != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at");
      json_builder_add_int_value (b, status->history.last_failure->finished_at);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, status->history.last_failure->error
                                        ? status->history.last_failure->error : "");
      json_builder_set_member_name (b, "since_last_success");
      json_builder_add_boolean_value (b, status->history.last_ok == NULL ||
                                         status->history.last_failure->id >
                                         status->history.last_ok->id);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "failures_in_a_row");
  json_builder_add_int_value (b, status->history.n_failures);
  json_builder_set_member_name (b, "background_refresh");
  json_builder_add_boolean_value (b, status->background);
  json_builder_set_member_name (b, "next_sync_due");
  if (status->next_sync > 0)
    json_builder_add_int_value (b, status->next_sync);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  pb_cli_print_json (root);
}

static const char *
describe_outcome (const PbSyncRun *run)
{
  switch (run->outcome)
    {
    case PB_SYNC_OUTCOME_OK:
      return _("complete");
    case PB_SYNC_OUTCOME_PARTIAL:
      return _("partly failed");
    case PB_SYNC_OUTCOME_FAILED:
      return _("failed");
    case PB_SYNC_OUTCOME_CANCELLED:
      return _("stopped");
    case PB_SYNC_OUTCOME_INTERRUPTED:
      return _("interrupted");
    case PB_SYNC_OUTCOME_RUNNING:
    default:
      return _("running");
    }
}

static void
add_field (GPtrArray  *fields,
           const char *label,
           char       *value)
{
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, value);
}

static void
add_sync (GPtrArray    *fields,
          const Status *status)
{
  const PbSyncHistory *history = &status->history;

  if (history->last != NULL)
    {
      g_autofree char *when = format_time (history->last->finished_at);

      /* Translators: when the last sync ended, then how it ended, such as
       * "complete" or "partly failed" */
      add_field (fields, _("Last sync"), g_strdup_printf (C_("last sync", "%1$s, %2$s"), when,
                                                           describe_outcome (history->last)));
    }
  else
    add_field (fields, _("Last sync"), g_strdup (_("never")));

  if (history->last_ok != NULL)
    {
      g_autofree char *when = format_time (history->last_ok->finished_at);
      /* Translators: papers that a sync added */
      g_autofree char *added = g_strdup_printf (ngettext ("%'u new", "%'u new",
                                                          history->last_ok->n_new),
                                                history->last_ok->n_new);
      /* Translators: papers whose details a sync changed */
      g_autofree char *updated = g_strdup_printf (ngettext ("%'u updated", "%'u updated",
                                                            history->last_ok->n_updated),
                                                  history->last_ok->n_updated);

      /* Translators: when the last good sync ended, then "12 new" and
       * "3 updated" */
      add_field (fields, _("Last good sync"),
                 g_strdup_printf (C_("last good sync", "%1$s (%2$s, %3$s)"), when, added,
                                  updated));
    }

  if (history->last_failure != NULL &&
      (history->last_ok == NULL || history->last_failure->id > history->last_ok->id))
    {
      g_autofree char *when = format_time (history->last_failure->finished_at);

      /* Translators: when the last error happened, then the error */
      add_field (fields, _("Last error"),
                 g_strdup_printf (C_("last error", "%1$s: %2$s"), when,
                                  history->last_failure->error ? history->last_failure->error
                                                               : _("unknown")));
    }

  if (status->next_sync == 0)
    add_field (fields, _("Next sync"), g_strdup (_("none (background refresh is off)")));
  else if (status->next_sync <= g_get_real_time () / G_USEC_PER_SEC)
    add_field (fields, _("Next sync"), g_strdup (_("now")));
  else
    add_field (fields, _("Next sync"), format_time (status->next_sync));
}

static void
print_status (const Status *status)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  add_field (fields, _("Database"), g_strdup (status->path));
  /* %': thousands separated as the locale does it */
  add_field (fields, _("Papers"), g_strdup_printf ("%'" PRId64, (int64_t)status->n_papers));
  add_field (fields, _("Starred"), g_strdup_printf ("%'" PRId64, (int64_t)status->n_starred));
  add_field (fields, _("Latest daily list"),
             status->latest_day ? pb_text_format_day (status->latest_day) : g_strdup (_("none")));
  add_field (fields, _("Trending fetched"), format_time (status->trending_at));
  add_sync (fields, status);
  if (status->snapshot)
    add_field (fields, _("Data"), g_strdup (_("the bundled snapshot (no sync has run yet)")));

  pb_cli_print_fields (fields, 20);
}

int
pb_cli_status (PbCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_auto(Status) status = { 0, };
  GError *error = NULL;

  if (!pb_cli_parse_options (cli, "status", "", _("Show where the data comes from and how fresh it is."),
                             NULL, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 1)
    return pb_cli_usage_error ("status", _("unexpected argument “%s”"), argv[1]);

  if ((store = pb_cli_open_store (cli, TRUE, &error)) == NULL ||
      !read_status (store, &status, &error))
    return pb_cli_fail (error);

  if (cli->json)
    print_status_json (&status);
  else
    print_status (&status);

  return PB_EXIT_OK;
}
