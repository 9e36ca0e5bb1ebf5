/* pb-cli-status.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"
#include "pb-snapshot.h"

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
} Status;

static void
status_clear (Status *status)
{
  g_free (status->path);
  g_free (status->latest_day);
  g_free (status->snapshot_created);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Status, status_clear)

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

  status->latest_day = pb_store_dup_latest_list_date (store, NULL, error);
  return error == NULL || *error == NULL;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup (_("never"));

  dt = g_date_time_new_from_unix_local (unix_time);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
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
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  pb_cli_print_json (root);
}

static void
print_status (const Status *status)
{
  g_autofree char *trending = format_time (status->trending_at);

  g_print ("%-20s %s\n", _("Database"), status->path);
  g_print ("%-20s %" G_GINT64_FORMAT "\n", _("Papers"), status->n_papers);
  g_print ("%-20s %" G_GINT64_FORMAT "\n", _("Starred"), status->n_starred);
  g_print ("%-20s %s\n", _("Latest daily list"), status->latest_day ? status->latest_day : _("none"));
  g_print ("%-20s %s\n", _("Trending fetched"), trending);
  if (status->snapshot)
    g_print ("%-20s %s\n", _("Data"),
             _("the bundled snapshot (no sync has run yet)"));
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
