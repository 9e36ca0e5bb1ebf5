/* pb-bench-sync.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * How long a sync takes against the stand-in API on 127.0.0.1: 30 days of
 * 25 papers each plus the trending list into an empty database (the first
 * sync), the same again when nothing changed (every list answers 304), and
 * when every list changed (no validators: every list is read and merged
 * again). The floor is the same requests with the API client alone, bodies
 * read but neither parsed nor stored.
 *
 *   pb-bench-sync [REPEATS]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "pb-api-client.h"
#include "pb-sync.h"
#include "pb-test-server.h"
#include "pb-text.h"

#define N_DAYS 30
#define PAPERS_PER_DAY 25
#define LAST_DAY "2026-08-20"

/* 30 days of 25 real items each, with ids of their own per day. */
static void
make_days (PbTestServer *server,
           const char   *fixtures)
{
  g_autoptr(JsonArray) pool = json_array_new ();
  const char *days[] = { "2026-08-17", "2026-08-18", "2026-08-19", "2026-08-20" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/daily_papers_%s.json", fixtures, days[i]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *items;

      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      items = json_node_get_array (json_parser_get_root (parser));
      for (guint j = 0; j < json_array_get_length (items); j++)
        json_array_add_element (pool, json_node_copy (json_array_get_element (items, j)));
    }

  for (guint d = 0; d < N_DAYS; d++)
    {
      g_autofree char *date = pb_text_date_add_days (LAST_DAY, -(int)d);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *list = json_array_new ();
      g_autofree char *json = NULL;

      for (guint p = 0; p < PAPERS_PER_DAY; p++)
        {
          JsonNode *item = json_node_copy (json_array_get_element (pool, (d * 7 + p) % json_array_get_length (pool)));
          JsonObject *paper = json_object_get_object_member (json_node_get_object (item), "paper");
          g_autofree char *id = g_strdup_printf ("26%02u.%05u", 1 + d % 12, d * 100 + p);

          json_object_set_string_member (paper, "id", id);
          json_array_add_element (list, item);
        }
      json_node_take_array (root, list);
      json = json_to_string (root, FALSE);
      pb_test_server_set_list (server, date, json);
    }
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
sync_once (PbTestServer *server,
           const char   *db_path,
           guint        *n_requests,
           guint        *n_304)
{
  g_autoptr(PbSync) sync = pb_sync_new (db_path);
  g_autoptr(PbSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = pb_text_date_add_days (LAST_DAY, -(N_DAYS - 1));
  double start;

  pb_sync_set_api_url (sync, pb_test_server_get_url (server));
  pb_sync_set_thumbnails (sync, FALSE, NULL, NULL);
  g_assert_true (pb_sync_set_range (sync, first, LAST_DAY, NULL));

  start = now_s ();
  result = pb_sync_run (sync, NULL, &error);
  g_assert_no_error (error);
  if (result->outcome != PB_SYNC_OUTCOME_OK)
    {
      fprintf (stderr, "pb-bench-sync: the sync failed: %s\n", result->error);
      exit (1);
    }

  *n_requests = result->n_requests;
  *n_304 = result->n_not_modified;
  return now_s () - start;
}

typedef struct
{
  guint pending;
  guint in_flight;
  GPtrArray *urls;
  PbApiClient *client;
} Floor;

static void fetch_more (Floor *floor);

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Floor *floor = user_data;
  g_autoptr(PbApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = pb_api_client_get_finish (PB_API_CLIENT (object), result, NULL, NULL, &error);
  g_assert_no_error (error);
  floor->in_flight--;
  fetch_more (floor);
}

static void
fetch_more (Floor *floor)
{
  while (floor->in_flight < PB_SYNC_MAX_IN_FLIGHT && floor->pending < floor->urls->len)
    {
      floor->in_flight++;
      pb_api_client_get_async (floor->client, g_ptr_array_index (floor->urls, floor->pending++),
                               NULL, NULL, PB_API_EXPECT_JSON, NULL, on_fetched_cb, floor);
    }
}

/* The same requests, four at a time, with nothing done with the answers. */
static double
floor_once (PbTestServer *server)
{
  g_autoptr(PbApiClient) client = pb_api_client_new (pb_test_server_get_url (server));
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  Floor floor = { 0, 0, urls, client };
  double start;

  g_ptr_array_add (urls, pb_api_client_dup_trending_url (client));
  for (guint d = 0; d < N_DAYS; d++)
    {
      g_autofree char *date = pb_text_date_add_days (LAST_DAY, -(int)d);

      g_ptr_array_add (urls, pb_api_client_dup_daily_url (client, date, 0));
    }

  start = now_s ();
  fetch_more (&floor);
  while (floor.in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  return now_s () - start;
}

static void
remove_db (const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".sync-lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (path);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *times,
        guint       n,
        double      budget,
        guint       n_requests,
        guint       n_304)
{
  char limit[32] = "-";

  if (budget > 0)
    g_snprintf (limit, sizeof limit, "%.0f", budget * 1000);
  qsort (times, n, sizeof *times, compare_doubles);
  printf ("| %-34s | %8u | %5u | %8.1f | %8.1f | %8s | %-4s |\n", what, n_requests, n_304,
          times[n / 2] * 1000, times[n - 1] * 1000, limit,
          budget <= 0 ? "" : times[n / 2] < budget ? "ok" : "SLOW");
}

int
main (int    argc,
      char **argv)
{
  guint repeats = argc > 1 ? (guint)atoi (argv[1]) : 5;
  g_autoptr(PbTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-bench-sync-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "papers.db", NULL);
  g_autofree double *first = g_new0 (double, MAX (repeats, 1));
  g_autofree double *unchanged = g_new0 (double, MAX (repeats, 1));
  g_autofree double *changed = g_new0 (double, MAX (repeats, 1));
  g_autofree double *floor = g_new0 (double, MAX (repeats, 1));
  guint n_first = 0, n_unchanged = 0, n_changed = 0, n_304 = 0, n_304_unchanged = 0, dummy;

  repeats = MAX (repeats, 1);
  g_setenv ("PAPERBOY_API_URL", "http://127.0.0.1:9", TRUE);  /* never the real API */
  server = pb_test_server_new (PB_FIXTURES_DIR);
  make_days (server, PB_FIXTURES_DIR);

  for (guint i = 0; i < repeats; i++)
    {
      remove_db (db_path);
      pb_test_server_set_validators (server, TRUE);
      first[i] = sync_once (server, db_path, &n_first, &n_304);
      unchanged[i] = sync_once (server, db_path, &n_unchanged, &n_304_unchanged);
      pb_test_server_set_validators (server, FALSE);
      changed[i] = sync_once (server, db_path, &n_changed, &dummy);
      floor[i] = floor_once (server);
    }

  printf ("Sync of %d days x %d papers + trending against 127.0.0.1 (%u runs, milliseconds)\n\n",
          N_DAYS, PAPERS_PER_DAY, repeats);
  printf ("| %-34s | %8s | %5s | %8s | %8s | %8s | %-4s |\n", "case", "requests", "304s",
          "median", "worst", "budget", "");
  printf ("|%.36s|%.10s|%.7s|%.10s|%.10s|%.10s|%.6s|\n", "------------------------------------",
          "----------", "-------", "----------", "----------", "----------", "------");
  report ("first sync, empty database", first, repeats, 2.0, n_first, n_304);
  report ("no change (all 304)", unchanged, repeats, 0.5, n_unchanged, n_304_unchanged);
  report ("every list re-read and merged", changed, repeats, 0, n_changed, 0);
  report ("floor: the requests alone", floor, repeats, 0, n_first, 0);

  remove_db (db_path);
  g_rmdir (dir);
  return 0;
}
