/* pb-settings.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-settings"

#include "config.h"

#include <string.h>

#include "pb-settings.h"

/*
 * Reading the settings that the core needs. GSettings aborts the process
 * when its schema is not installed (a binary run from an unconfigured build
 * tree), so the schema is looked up first and every getter falls back to
 * the schema's default when there is none.
 */

/**
 * pb_settings_new:
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
pb_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PB_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed; using the defaults",
               PB_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * pb_settings_dup_api_url:
 * @settings: (nullable)
 *
 * Returns: (transfer full): the base address of the Hugging Face API: the
 *   environment variable `PAPERBOY_API_URL` if set, else the `api-url` key,
 *   without a trailing slash
 */
char *
pb_settings_dup_api_url (GSettings *settings)
{
  const char *env = g_getenv ("PAPERBOY_API_URL");
  g_autofree char *url = NULL;

  if (env != NULL && *env != '\0')
    url = g_strdup (env);
  else if (settings != NULL)
    url = g_settings_get_string (settings, "api-url");

  if (url == NULL || *url == '\0')
    {
      g_free (url);
      url = g_strdup (PB_DEFAULT_API_URL);
    }

  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  return g_steal_pointer (&url);
}

/**
 * pb_settings_get_refresh_interval:
 * @settings: (nullable)
 *
 * Returns: minutes between two background refreshes
 */
guint
pb_settings_get_refresh_interval (GSettings *settings)
{
  if (settings == NULL)
    return PB_DEFAULT_REFRESH_MINUTES;

  return MAX (1, g_settings_get_int (settings, "refresh-interval-minutes"));
}

/**
 * pb_settings_get_background_refresh:
 * @settings: (nullable)
 */
gboolean
pb_settings_get_background_refresh (GSettings *settings)
{
  if (settings == NULL)
    return TRUE;

  return g_settings_get_boolean (settings, "background-refresh");
}
