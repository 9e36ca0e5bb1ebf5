/* pb-secrets.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pb-secrets.h"

/*
 * The mail account's password, in the user's keyring (the Secret Service:
 * GNOME Keyring, KWallet…) and nowhere else: never in GSettings, the
 * database, a log line or an error message.
 *
 * One schema, one item per (server, user name) in the default collection.
 * Nothing here ever deletes an item except pb_secrets_forget_*(), which only
 * the user's explicit "forget" calls: a keyring that is locked, missing or
 * failing is reported, and the stored password is left alone.
 *
 * Looking up tells "locked" from "not stored": secret_password_lookup()
 * returns NULL for both, so the lookup searches the items itself and looks
 * at each item's state.
 */

G_DEFINE_QUARK (pb-secrets-error-quark, pb_secrets_error)

static const SecretSchema smtp_schema = {
  "io.github.paperboy.Paperboy.Smtp", SECRET_SCHEMA_NONE,
  {
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

void
pb_secret_free (PbSecret *secret)
{
  if (secret == NULL)
    return;

  if (secret->password != NULL)
    {
      memset (secret->password, 0, strlen (secret->password));
      g_free (secret->password);
    }
  g_free (secret);
}

static gboolean
check_account (const char  *host,
               const char  *username,
               GError     **error)
{
  if (host == NULL || *host == '\0' || username == NULL || *username == '\0')
    {
      g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID,
                           _("Set the mail server and the user name first"));
      return FALSE;
    }

  return TRUE;
}

/* libsecret and D-Bus errors become ours, in words. The detail goes to the
 * debug log; it never holds the secret. */
static void
set_translated_error (GError     **error,
                      GError      *cause,
                      const char  *what)
{
  g_debug ("%s: %s (%s, %d)", what, cause->message, g_quark_to_string (cause->domain),
           cause->code);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED,
                         _("The keyring is locked"));
  else if (cause->domain == G_DBUS_ERROR || cause->domain == G_IO_ERROR)
    g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_UNAVAILABLE,
                         _("The keyring is unavailable (no Secret Service such as GNOME Keyring "
                           "is running)"));
  else
    g_set_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_FAILED,
                 _("The keyring failed: %s"), cause->message);

  g_error_free (cause);
}

static char *
dup_label (const char *host,
           const char *username)
{
  /* Translators: the label of the password in the keyring (Seahorse shows
   * it); the first %s is a user name, the second a mail server */
  return g_strdup_printf (_("Paperboy mail account %1$s on %2$s"), username, host);
}

/* Store */

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *translated = NULL;

      set_translated_error (&translated, error, "Cannot store the password");
      g_task_return_error (task, translated);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * pb_secrets_store_async:
 *
 * Stores @password for the account in the default collection, replacing
 * the one stored before.
 */
void
pb_secrets_store_async (const char          *host,
                        const char          *username,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_store_async);

  if (!check_account (host, username, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (*password == '\0')
    {
      g_task_return_new_error (task, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID,
                               _("The password is empty"));
      return;
    }

  label = dup_label (host, username);
  secret_password_store (&smtp_schema, SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         on_password_stored_cb, g_steal_pointer (&task),
                         "host", host, "username", username, NULL);
}

gboolean
pb_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pb_secrets_store_sync (const char    *host,
                       const char    *username,
                       const char    *password,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (password != NULL, FALSE);

  if (!check_account (host, username, error))
    return FALSE;
  if (*password == '\0')
    {
      g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_INVALID,
                           _("The password is empty"));
      return FALSE;
    }

  label = dup_label (host, username);
  if (!secret_password_store_sync (&smtp_schema, SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error,
                                   "host", host, "username", username, NULL))
    {
      set_translated_error (error, local_error, "Cannot store the password");
      return FALSE;
    }

  return TRUE;
}

/* Lookup */

typedef struct
{
  char                 *host;
  char                 *username;
  PbSecretsLookupFlags  flags;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->host);
  g_free (lookup->username);
  g_free (lookup);
}

static GHashTable *
build_attributes (const char *host,
                  const char *username)
{
  return secret_attributes_build (&smtp_schema, "host", host, "username", username, NULL);
}

static SecretSearchFlags
search_flags (PbSecretsLookupFlags flags)
{
  /* Without UNLOCK, locked items are found but not opened, and nobody is
   * asked anything: a background service must not pop up unlock prompts. */
  return SECRET_SEARCH_LOAD_SECRETS |
         ((flags & PB_SECRETS_LOOKUP_UNLOCK) ? SECRET_SEARCH_UNLOCK : 0);
}

/* The first matching item tells whether a password is stored and whether it
 * could be read. */
static PbSecret *
secret_from_items (GList       *items,
                   const char  *host,
                   const char  *username,
                   GError     **error)
{
  g_autoptr(SecretValue) value = NULL;
  SecretItem *item;
  PbSecret *secret;

  if (items == NULL)
    {
      g_set_error (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_NOT_FOUND,
                   _("No password for %1$s on %2$s is stored in the keyring"), username, host);
      return NULL;
    }

  item = items->data;
  value = secret_item_get_secret (item);
  if (secret_item_get_locked (item) || value == NULL)
    {
      g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_LOCKED,
                           _("The keyring is locked"));
      return NULL;
    }

  secret = g_new0 (PbSecret, 1);
  secret->password = g_strdup (secret_value_get_text (value));
  secret->modified = secret_item_get_modified (item);

  if (secret->password == NULL)
    {
      pb_secret_free (secret);
      g_set_error_literal (error, PB_SECRETS_ERROR, PB_SECRETS_ERROR_FAILED,
                           _("The password in the keyring is not text"));
      return NULL;
    }

  return secret;
}

static void
on_items_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  GList *items;
  GError *error = NULL;
  PbSecret *secret;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      GError *translated = NULL;

      set_translated_error (&translated, error, "Cannot search the keyring");
      g_task_return_error (task, translated);
      return;
    }

  secret = secret_from_items (items, lookup->host, lookup->username, &error);
  g_list_free_full (items, g_object_unref);

  if (secret == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)pb_secret_free);
}

static void
on_service_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  Lookup *lookup = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      GError *translated = NULL;

      set_translated_error (&translated, error, "Cannot reach the keyring");
      g_task_return_error (task, translated);
      return;
    }

  /* Arguments are evaluated in any order: take the cancellable first. */
  cancellable = g_task_get_cancellable (task);
  attributes = build_attributes (lookup->host, lookup->username);
  secret_service_search (service, &smtp_schema, attributes, search_flags (lookup->flags),
                         cancellable, on_items_found_cb, g_steal_pointer (&task));
}

/**
 * pb_secrets_lookup_async:
 * @flags: %PB_SECRETS_LOOKUP_UNLOCK when a person is there to unlock
 *
 * Reads the password of the account. Fails with %PB_SECRETS_ERROR_NOT_FOUND
 * when none is stored, %PB_SECRETS_ERROR_LOCKED when the keyring is locked
 * and %PB_SECRETS_ERROR_UNAVAILABLE when there is no keyring to ask.
 */
void
pb_secrets_lookup_async (const char            *host,
                         const char            *username,
                         PbSecretsLookupFlags   flags,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;
  GError *error = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_lookup_async);

  if (!check_account (host, username, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->host = g_strdup (host);
  lookup->username = g_strdup (username);
  lookup->flags = flags;
  g_task_set_task_data (task, lookup, (GDestroyNotify)lookup_free);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, on_service_cb,
                      g_steal_pointer (&task));
}

/**
 * pb_secrets_lookup_finish:
 *
 * Returns: (transfer full): the password, or %NULL with @error set
 */
PbSecret *
pb_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pb_secrets_lookup_sync:
 *
 * The blocking pb_secrets_lookup_async(), for the command line and the
 * background service.
 *
 * Returns: (transfer full): the password, or %NULL with @error set
 */
PbSecret *
pb_secrets_lookup_sync (const char            *host,
                        const char            *username,
                        PbSecretsLookupFlags   flags,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  GList *items;
  PbSecret *secret;

  if (!check_account (host, username, error))
    return NULL;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local_error);
  if (service == NULL)
    {
      set_translated_error (error, local_error, "Cannot reach the keyring");
      return NULL;
    }

  attributes = build_attributes (host, username);
  items = secret_service_search_sync (service, &smtp_schema, attributes, search_flags (flags),
                                      cancellable, &local_error);
  if (local_error != NULL)
    {
      set_translated_error (error, local_error, "Cannot search the keyring");
      return NULL;
    }

  secret = secret_from_items (items, host, username, error);
  g_list_free_full (items, g_object_unref);

  return secret;
}

/* Forget */

static void
on_password_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *translated = NULL;

      set_translated_error (&translated, error, "Cannot remove the password");
      g_task_return_error (task, translated);
      return;
    }

  g_task_return_boolean (task, removed);
}

/**
 * pb_secrets_forget_async:
 *
 * Removes the account's password from the keyring. Only an explicit request
 * of the user may call this.
 */
void
pb_secrets_forget_async (const char          *host,
                         const char          *username,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_forget_async);

  if (!check_account (host, username, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  secret_password_clear (&smtp_schema, cancellable, on_password_cleared_cb,
                         g_steal_pointer (&task), "host", host, "username", username, NULL);
}

/**
 * pb_secrets_forget_finish:
 * @removed: (out) (optional): whether a password was stored
 */
gboolean
pb_secrets_forget_finish (GAsyncResult  *result,
                          gboolean      *removed,
                          GError       **error)
{
  GError *local_error = NULL;
  gboolean was_stored;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  was_stored = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (removed != NULL)
    *removed = was_stored;
  return TRUE;
}

gboolean
pb_secrets_forget_sync (const char    *host,
                        const char    *username,
                        gboolean      *removed,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GError *local_error = NULL;
  gboolean was_stored;

  if (!check_account (host, username, error))
    return FALSE;

  was_stored = secret_password_clear_sync (&smtp_schema, cancellable, &local_error,
                                           "host", host, "username", username, NULL);
  if (local_error != NULL)
    {
      set_translated_error (error, local_error, "Cannot remove the password");
      return FALSE;
    }

  if (removed != NULL)
    *removed = was_stored;
  return TRUE;
}
