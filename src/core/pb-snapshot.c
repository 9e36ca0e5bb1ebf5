/* pb-snapshot.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-core-resources.h"
#include "pb-snapshot.h"

/*
 * The bundled papers: a few real days of the Hugging Face feed, built from
 * tests/data/hf/ at build time (build-aux/make-snapshot.py) and compiled
 * into the binaries, so that a new user who is offline sees real papers at
 * once. The snapshot is a JSON object:
 *
 *   { "paperboy-snapshot": 1, "created": "YYYY-MM-DD",
 *     "lists": [ { "kind": "daily", "date": "YYYY-MM-DD", "items": [...] },
 *                { "kind": "trending", "items": [...] } ] }
 *
 * whose items are the API's list items, read by the same parser as imports.
 */

#define SNAPSHOT_RESOURCE "/io/github/paperboy/Paperboy/snapshot.json"

/* Meta keys. "data-origin" stays "snapshot" until a sync succeeds. */
#define META_ORIGIN "data-origin"
#define META_CREATED "snapshot-created"

static gboolean
merge_list (PbStore       *store,
            JsonObject    *list,
            PbMergeStats  *stats,
            guint         *n_items,
            GError       **error)
{
  g_autoptr(PbParseResult) result = pb_parse_result_new ();
  const char *kind = json_object_get_string_member_with_default (list, "kind", "");
  const char *date = json_object_get_string_member_with_default (list, "date", NULL);
  JsonNode *items = json_object_get_member (list, "items");
  PbListKind list_kind = PB_LIST_NONE;

  if (g_str_equal (kind, "daily") && date != NULL)
    list_kind = PB_LIST_DAILY;
  else if (g_str_equal (kind, "trending"))
    list_kind = PB_LIST_TRENDING;

  if (items == NULL || !pb_parser_read_list (items, result, error))
    {
      g_prefix_error (error, _("The bundled papers are damaged: "));
      return FALSE;
    }

  *n_items += result->n_items;
  return pb_store_merge (store, result->papers, list_kind, date, stats, error);
}

static gboolean
merge_snapshot (PbStore       *store,
                JsonObject    *root,
                PbMergeStats  *stats,
                guint         *n_items,
                GError       **error)
{
  JsonArray *lists = json_object_get_array_member (root, "lists");
  const char *created = json_object_get_string_member_with_default (root, "created", NULL);

  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    {
      JsonObject *list = json_array_get_object_element (lists, i);

      if (list != NULL && !merge_list (store, list, stats, n_items, error))
        return FALSE;
    }

  return pb_store_record_import (store, "bundled snapshot", "snapshot", *n_items, 0, stats,
                                 error) &&
         pb_store_set_meta (store, META_ORIGIN, "snapshot", error) &&
         pb_store_set_meta (store, META_CREATED, created, error);
}

/**
 * pb_snapshot_import:
 * @n_papers: (out) (optional): how many papers it added
 *
 * Imports the bundled papers in one transaction.
 */
gboolean
pb_snapshot_import (PbStore  *store,
                    guint    *n_papers,
                    GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  PbMergeStats stats = { 0, };
  guint n_items = 0;
  gsize size;
  const char *data;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  bytes = g_resource_lookup_data (pb_core_get_resource (), SNAPSHOT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  root = pb_parser_load (data, size, error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (root != NULL)
        g_set_error_literal (error, PB_PARSER_ERROR, PB_PARSER_ERROR_SHAPE,
                             _("not a snapshot"));
      g_prefix_error (error, _("The bundled papers are damaged: "));
      return FALSE;
    }

  if (!pb_store_begin (store, FALSE, error))
    return FALSE;
  if (!merge_snapshot (store, json_node_get_object (root), &stats, &n_items, error) ||
      !pb_store_commit (store, error))
    {
      pb_store_rollback (store);
      return FALSE;
    }

  g_debug ("Imported the bundled snapshot: %u new papers", stats.n_new);
  if (n_papers)
    *n_papers = stats.n_new;

  return TRUE;
}

/**
 * pb_snapshot_ensure:
 * @imported: (out) (optional): whether the snapshot was imported now
 *
 * Imports the bundled papers into an empty database; does nothing to a
 * database that holds papers.
 */
gboolean
pb_snapshot_ensure (PbStore   *store,
                    gboolean  *imported,
                    GError   **error)
{
  gint64 n = pb_store_count_papers (store, error);

  if (imported)
    *imported = FALSE;
  if (n < 0)
    return FALSE;
  if (n > 0)
    return TRUE;

  if (!pb_snapshot_import (store, NULL, error))
    return FALSE;

  if (imported)
    *imported = TRUE;
  return TRUE;
}

/**
 * pb_snapshot_is_current:
 *
 * Returns: whether the papers are still those of the bundled snapshot, with
 *   no successful sync since
 */
gboolean
pb_snapshot_is_current (PbStore *store)
{
  g_autofree char *origin = pb_store_dup_meta (store, META_ORIGIN);

  return g_strcmp0 (origin, "snapshot") == 0;
}

/**
 * pb_snapshot_dup_created:
 *
 * Returns: (transfer full) (nullable): the date of the newest list in the
 *   bundled snapshot, if it was imported
 */
char *
pb_snapshot_dup_created (PbStore *store)
{
  return pb_store_dup_meta (store, META_CREATED);
}

/**
 * pb_snapshot_set_synced:
 *
 * Notes that a sync has brought fresh data, so that the papers no longer
 * count as the bundled snapshot. Call it inside the sync's transaction.
 */
gboolean
pb_snapshot_set_synced (PbStore  *store,
                        GError  **error)
{
  return pb_store_set_meta (store, META_ORIGIN, "sync", error);
}
